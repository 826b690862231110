using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Seldinger.Imaging.Thermal.Internal;

/// <summary>
/// The CPU time step. Rows (fixed j, k; i runs fastest) whose five-row neighbourhood is one material with no fixed voxel,
/// and which have never been hot or cold, take a SIMD path with broadcast coefficients; every other row
/// takes the general scalar path (harmonic means, phase change, damage). Both evaluate the same expression in the same
/// order, so a voxel's value does not depend on the path.
/// </summary>
internal sealed class CpuBioheatKernel
{
    private static readonly float Ln05 = (float)Math.Log(0.5);
    private static readonly float Ln025 = (float)Math.Log(0.25);

    private readonly BioheatCoefficients _c;
    private readonly int _si;
    private readonly int _sj;
    private readonly int _sk;
    private readonly int _plane;
    private readonly byte[] _material;
    private readonly byte[]? _fixed;
    private readonly float[]? _source;
    private readonly int[] _rowMaterial;
    private readonly bool[] _rowUniform;
    private readonly byte[] _activeNow;
    private readonly byte[] _activeNext;
    private readonly float[] _peak;
    private readonly float[] _coldest;
    private readonly float[] _omega;
    private readonly float[] _cem;
    private readonly ParallelOptions _parallel;
    private float[] _t;
    private float[] _next;

    // Per-step values, set before each parallel sweep.
    private float _dt;
    private float _dtMinutes;
    private float _sourceScale;
    private bool _probeHeld;
    private float _probeTemperature;

    public CpuBioheatKernel(BioheatProblem problem, BioheatCoefficients coefficients, float[] current, float[] next, float[] peak, float[] coldest, float[] omega, float[] cem, ParallelOptions parallel)
    {
        _c = coefficients;
        var g = problem.Geometry;
        _si = g.SizeI;
        _sj = g.SizeJ;
        _sk = g.SizeK;
        _plane = _si * _sj;
        _material = problem.MaterialIndex.Voxels;
        _fixed = problem.Fixed?.Voxels;
        _source = problem.HeatSource?.Voxels;
        _t = current;
        _next = next;
        _peak = peak;
        _coldest = coldest;
        _omega = omega;
        _cem = cem;
        _parallel = parallel;
        var rows = _sj * _sk;
        _rowMaterial = new int[rows];
        _rowUniform = new bool[rows];
        _activeNow = new byte[rows];
        _activeNext = new byte[rows];
        ClassifyRows();
    }

    public float[] Current => _t;

    /// <summary>Sets the probe voxels to a phase's probe temperature (at the start of a phase that holds the probe).</summary>
    public void HoldProbe(float temperature)
    {
        if (_fixed is null)
        {
            return;
        }

        for (var n = 0; n < _fixed.Length; n++)
        {
            if (_fixed[n] == (byte)BioheatFixedKind.Probe)
            {
                _t[n] = temperature;
            }
        }
    }

    /// <summary>Marks rows already hot or cold at the start.</summary>
    public void InitialiseActivity()
    {
        for (var r = 0; r < _activeNow.Length; r++)
        {
            var span = _t.AsSpan(r * _si, _si);
            foreach (var t in span)
            {
                if (t >= _c.DamageThreshold || t <= _c.ColdActivity)
                {
                    _activeNow[r] = 1;
                    break;
                }
            }
        }
    }

    public void Step(float dt, float sourceScale, float? probeTemperature)
    {
        _dt = dt;
        _dtMinutes = dt / 60f;
        _sourceScale = sourceScale;
        _probeHeld = probeTemperature.HasValue;
        _probeTemperature = probeTemperature ?? 0;
        Parallel.For(0, _sk, _parallel, SweepSlab);
        for (var r = 0; r < _activeNow.Length; r++)
        {
            _activeNow[r] |= _activeNext[r];
        }

        (_t, _next) = (_next, _t);
    }

    private void SweepSlab(int k)
    {
        for (var j = 0; j < _sj; j++)
        {
            var r = j + (_sj * k);
            if (_rowUniform[r] && _activeNow[r] == 0 && _activeNow[r - 1] == 0 && _activeNow[r + 1] == 0
                && _activeNow[r - _sj] == 0 && _activeNow[r + _sj] == 0)
            {
                PlainRow(r);
            }
            else
            {
                GeneralRow(r);
            }
        }
    }

    private void PlainRow(int r)
    {
        var m = _rowMaterial[r];
        var pair = (m * _c.MaterialCount) + m;
        var gx = _c.FaceConductance[0][pair];
        var gy = _c.FaceConductance[1][pair];
        var gz = _c.FaceConductance[2][pair];
        var w = _c.PerfusionRate[m];
        var dtc = _dt * _c.InverseCapacity[m];
        var tb = _c.BloodTemperature;
        var hot = _c.DamageThreshold;
        var cold = _c.ColdActivity;
        var b = r * _si;
        var last = b + _si - 1;
        var t = _t;
        var next = _next;
        var active = false;

        // First voxel: its i− neighbour is itself (zero flux).
        active |= PlainScalar(b, b, b + 1, m, gx, gy, gz, w, dtc, tb);

        ref var tRef = ref MemoryMarshal.GetArrayDataReference(t);
        ref var nextRef = ref MemoryMarshal.GetArrayDataReference(next);
        var width = Vector<float>.Count;
        var gxv = new Vector<float>(gx);
        var gyv = new Vector<float>(gy);
        var gzv = new Vector<float>(gz);
        var wv = new Vector<float>(w);
        var dtcv = new Vector<float>(dtc);
        var tbv = new Vector<float>(tb);
        var hotv = new Vector<float>(hot);
        var coldv = new Vector<float>(cold);
        var source = _source;
        ref var sourceRef = ref source is null ? ref tRef : ref MemoryMarshal.GetArrayDataReference(source);
        var scalev = new Vector<float>(_sourceScale);
        var cutoffv = new Vector<float>(_c.SourceCutoff);
        var n = b + 1;
        for (; n + width <= last; n += width)
        {
            var o = (nuint)n;
            var c = Vector.LoadUnsafe(ref tRef, o);
            var west = Vector.LoadUnsafe(ref tRef, o - 1);
            var east = Vector.LoadUnsafe(ref tRef, o + 1);
            var south = Vector.LoadUnsafe(ref tRef, o - (nuint)_si);
            var north = Vector.LoadUnsafe(ref tRef, o + (nuint)_si);
            var down = Vector.LoadUnsafe(ref tRef, o - (nuint)_plane);
            var up = Vector.LoadUnsafe(ref tRef, o + (nuint)_plane);
            var sum = (gxv * (west - c)) + (gxv * (east - c)) + (gyv * (south - c)) + (gyv * (north - c)) + (gzv * (down - c)) + (gzv * (up - c));
            var perfusion = wv * (tbv - c);
            Vector<float> result;
            if (source is null)
            {
                result = c + (dtcv * (sum + perfusion));
            }
            else
            {
                var q = Vector.ConditionalSelect(Vector.LessThan(c, cutoffv), Vector.LoadUnsafe(ref sourceRef, o) * scalev, Vector<float>.Zero);
                result = c + (dtcv * (sum + perfusion + q));
            }

            result.StoreUnsafe(ref nextRef, o);
            if (Vector.GreaterThanOrEqualAny(result, hotv) || Vector.LessThanOrEqualAny(result, coldv))
            {
                active = true;
                for (var lane = 0; lane < width; lane++)
                {
                    Track(n + lane, m, result[lane]);
                }
            }
        }

        for (; n < last; n++)
        {
            active |= PlainScalar(n, n - 1, n + 1, m, gx, gy, gz, w, dtc, tb);
        }

        if (last > b)
        {
            active |= PlainScalar(last, last - 1, last, m, gx, gy, gz, w, dtc, tb);
        }

        if (active)
        {
            _activeNext[r] = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PlainScalar(int n, int west, int east, int m, float gx, float gy, float gz, float w, float dtc, float tb)
    {
        var t = _t;
        var c = t[n];
        var sum = (gx * (t[west] - c)) + (gx * (t[east] - c)) + (gy * (t[n - _si] - c)) + (gy * (t[n + _si] - c)) + (gz * (t[n - _plane] - c)) + (gz * (t[n + _plane] - c));
        var perfusion = w * (tb - c);
        var result = _source is null ? c + (dtc * (sum + perfusion))
            : c + (dtc * (sum + perfusion + (c < _c.SourceCutoff ? _source[n] * _sourceScale : 0f)));
        _next[n] = result;
        if (result >= _c.DamageThreshold || result <= _c.ColdActivity)
        {
            Track(n, m, result);
            return true;
        }

        return false;
    }

    private void GeneralRow(int r)
    {
        var j = r % _sj;
        var k = r / _sj;
        var b = r * _si;
        var t = _t;
        var c = _c;
        var material = _material;
        var fixedMap = _fixed;
        var insulating = fixedMap is not null && !_probeHeld;
        var count = c.MaterialCount;
        var tb = c.BloodTemperature;
        var active = false;
        for (var i = 0; i < _si; i++)
        {
            var n = b + i;
            var m = material[n];
            var tn = t[n];
            float result;
            var kind = fixedMap is null ? (byte)0 : fixedMap[n];
            if (kind == (byte)BioheatFixedKind.Blood)
            {
                result = tb;
            }
            else if (kind == (byte)BioheatFixedKind.Probe)
            {
                result = _probeHeld ? _probeTemperature : tn;
            }
            else
            {
                var unfrozen = tn >= c.PhaseHigh;
                var sum = Face(n, i > 0 ? n - 1 : n, m, tn, unfrozen, 0, count, insulating);
                sum += Face(n, i < _si - 1 ? n + 1 : n, m, tn, unfrozen, 0, count, insulating);
                sum += Face(n, j > 0 ? n - _si : n, m, tn, unfrozen, 1, count, insulating);
                sum += Face(n, j < _sj - 1 ? n + _si : n, m, tn, unfrozen, 1, count, insulating);
                sum += Face(n, k > 0 ? n - _plane : n, m, tn, unfrozen, 2, count, insulating);
                sum += Face(n, k < _sk - 1 ? n + _plane : n, m, tn, unfrozen, 2, count, insulating);
                var perfusion = 0f;
                if (unfrozen)
                {
                    var omega = _omega[n];
                    var rate = c.PerfusionRate[m] * (omega > 0 ? MathF.Exp(-omega) : 1f);
                    perfusion = rate * (tb - tn);
                }

                var q = _source is null || tn >= c.SourceCutoff ? 0f : _source[n] * _sourceScale;
                var dtc = _dt * c.InverseCapacityAt(m, tn);
                result = tn + (dtc * (sum + perfusion + q));
            }

            _next[n] = result;
            if (result >= c.DamageThreshold || result <= c.ColdActivity)
            {
                Track(n, m, result);
                active = true;
            }
        }

        if (active)
        {
            _activeNext[r] = 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Face(int n, int neighbour, int m, float tn, bool unfrozen, int axis, int count, bool insulating)
    {
        if (insulating && _fixed![neighbour] == (byte)BioheatFixedKind.Probe)
        {
            return 0f;
        }

        var tb = _t[neighbour];
        var mb = _material[neighbour];
        float g;
        if (unfrozen && tb >= _c.PhaseHigh)
        {
            g = _c.FaceConductance[axis][(m * count) + mb];
        }
        else
        {
            var ka = _c.ConductivityAt(m, tn);
            var kb = _c.ConductivityAt(mb, tb);
            g = 2f * ka * kb / (ka + kb) * _c.InverseSpacingSquared[axis];
        }

        return g * (tb - tn);
    }

    /// <summary>Damage and extreme-temperature tracking of voxel <paramref name="n"/> after its update to <paramref name="t"/>.</summary>
    private void Track(int n, int m, float t)
    {
        if (t >= _c.DamageThreshold)
        {
            var rate = MathF.Exp(_c.LogFrequencyFactor[m] - (_c.ActivationTemperature[m] / (t + BioheatCoefficients.KelvinOffset)));
            _omega[n] = MathF.Min(_omega[n] + (_dt * rate), 1e30f);
            var equivalent = MathF.Exp((43f - t) * (t >= 43f ? Ln05 : Ln025));
            _cem[n] = MathF.Min(_cem[n] + (_dtMinutes * equivalent), 1e30f);
            if (t > _peak[n])
            {
                _peak[n] = t;
            }
        }

        if (t <= _c.ColdTracking && t < _coldest[n])
        {
            _coldest[n] = t;
        }
    }

    private void ClassifyRows()
    {
        var rows = _sj * _sk;
        for (var r = 0; r < rows; r++)
        {
            var b = r * _si;
            int m = _material[b];
            var same = true;
            for (var i = 0; i < _si && same; i++)
            {
                var n = b + i;
                same = _material[n] == m && (_fixed is null || _fixed[n] == 0);
            }

            _rowMaterial[r] = same ? m : -1;
        }

        if (_si < 3)
        {
            return;
        }

        for (var k = 1; k < _sk - 1; k++)
        {
            for (var j = 1; j < _sj - 1; j++)
            {
                var r = j + (_sj * k);
                var m = _rowMaterial[r];
                if (m < 0 || _rowMaterial[r - 1] != m || _rowMaterial[r + 1] != m || _rowMaterial[r - _sj] != m || _rowMaterial[r + _sj] != m)
                {
                    continue;
                }

                _rowUniform[r] = true;
            }
        }
    }
}
