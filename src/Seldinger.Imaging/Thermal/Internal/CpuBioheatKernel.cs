using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Seldinger.Imaging.Thermal.Internal;

/// <summary>
/// The CPU time step. Rows (fixed j, k; i runs fastest) of one material without fixed voxels, whose four neighbour rows
/// are that material without probe voxels and which, with their neighbours, have never been cold, take a SIMD path with
/// broadcast coefficients (T read, T′ written; the perfusion factor e^−Ω read once the row has been hot, the source only
/// in rows that have one). Every other row takes the general path: runs of "simple" voxels (interior, not fixed, the six
/// neighbours the same material and not probes) go through the SIMD stencil wherever all seven temperatures are
/// unfrozen, the perfusion factor read per voxel; the rest (fixed voxels, material and phase boundaries, the grid's
/// faces) is evaluated voxel by voxel with harmonic means. All paths evaluate the same expression in the same order, so a
/// voxel's value does not depend on the path. Damage (Ω, CEM43, the perfusion factor) and extreme tracking run after the
/// stencil, row by row, only in rows that reached the damage or the cold threshold, eight voxels at a time with
/// <see cref="BioheatExp"/>. Several steps are taken per sweep of the grid (see <see cref="Steps"/>).
/// </summary>
internal sealed class CpuBioheatKernel
{
    private const int Lanes = 8;
    private const float Cap = 1e30f;

    private static readonly float Ln05 = (float)Math.Log(0.5);
    private static readonly float Ln025 = (float)Math.Log(0.25);

    private readonly BioheatCoefficients _c;
    private readonly int _si;
    private readonly int _sj;
    private readonly int _sk;
    private readonly int _plane;
    private readonly int _count;
    private readonly byte[] _material;
    private readonly byte[]? _fixed;
    private readonly float[]? _source;
    private readonly float[] _faceI;
    private readonly float[] _faceJ;
    private readonly float[] _faceK;
    private readonly int[] _rowMaterial;
    private readonly bool[] _rowUniform;

    // Rows with a non-zero heat source; other rows skip the source (adding a zero source changes no bit).
    private readonly bool[] _rowSource;
    private readonly byte[] _simpleRun;
    // Per row: RowHot once a voxel reached the damage threshold (Ω, and so the perfusion factor, may differ from 0 and 1),
    // RowCold once a voxel reached the cold activity threshold (phase change possible). Flags only ever turn on.
    private const byte RowHot = 1;
    private const byte RowCold = 2;

    private readonly byte[] _active;
    private readonly float[] _peak;
    private readonly float[] _coldest;
    private readonly float[] _omega;
    private readonly float[] _cem;
    private readonly float[] _factor;
    private readonly ParallelOptions _parallel;
    private readonly int _threads;

    // Rows long enough (two vectors of eight lanes) for PlainVectors to take the whole row, ends included.
    private readonly bool _wholeRowVectors;
    private float[] _t;
    private float[] _next;

    // Per-step values, set before each parallel sweep.
    private float _dt;
    private float _dtMinutes;
    private float _sourceScale;
    private bool _probeHeld;
    private float _probeTemperature;

    /// <param name="problem">The problem.</param>
    /// <param name="coefficients">Its float coefficients.</param>
    /// <param name="current">Start temperatures (voxel count long at least).</param>
    /// <param name="next">The second temperature buffer.</param>
    /// <param name="peak">Peak temperature, filled by the caller.</param>
    /// <param name="coldest">Coldest temperature, filled by the caller.</param>
    /// <param name="omega">Ω, zero.</param>
    /// <param name="cem">CEM43, zero.</param>
    /// <param name="factor">Perfusion factor e^−Ω per voxel (voxel count long at least); set to 1 here.</param>
    /// <param name="parallel">Parallelism and cancellation.</param>
    /// <param name="blockSteps">Time steps per sweep of the grid (temporal blocking); 0 or less: chosen from the plane size.</param>
    public CpuBioheatKernel(BioheatProblem problem, BioheatCoefficients coefficients, float[] current, float[] next, float[] peak, float[] coldest, float[] omega, float[] cem, float[] factor, ParallelOptions parallel, int blockSteps = 0)
    {
        _c = coefficients;
        var g = problem.Geometry;
        _si = g.SizeI;
        _sj = g.SizeJ;
        _sk = g.SizeK;
        _plane = _si * _sj;
        _count = _plane * _sk;
        _material = problem.MaterialIndex.Voxels;
        _fixed = problem.Fixed?.Voxels;
        _source = problem.HeatSource?.Voxels;
        _faceI = coefficients.FaceConductance[0];
        _faceJ = coefficients.FaceConductance[1];
        _faceK = coefficients.FaceConductance[2];
        _t = current;
        _next = next;
        _peak = peak;
        _coldest = coldest;
        _omega = omega;
        _cem = cem;
        _factor = factor;
        factor.AsSpan(0, _count).Fill(1f);
        _parallel = parallel;
        _wholeRowVectors = Vector<float>.Count == 8 && Vector256.IsHardwareAccelerated && _si >= 16;
        _threads = parallel.MaxDegreeOfParallelism > 0 ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        BlockSteps = blockSteps > 0 ? blockSteps : ChooseBlockSteps(_plane);
        var rows = _sj * _sk;
        _rowMaterial = new int[rows];
        _rowUniform = new bool[rows];
        _rowSource = new bool[rows];
        _active = new byte[rows];
        _simpleRun = new byte[_count];
        ClassifyRows();
        ClassifyVoxels();
    }

    /// <summary>The temperatures after the steps taken so far.</summary>
    public float[] Current => _t;

    /// <summary>Time steps one sweep of the grid advances at most (see <see cref="Steps"/>).</summary>
    public int BlockSteps { get; }

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
    public void InitialiseActivity() => ForEachPlane(k =>
    {
        for (var r = k * _sj; r < (k + 1) * _sj; r++)
        {
            var span = _t.AsSpan(r * _si, _si);
            foreach (var t in span)
            {
                if (t >= _c.DamageThreshold)
                {
                    _active[r] |= RowHot;
                }

                if (t <= _c.ColdActivity)
                {
                    _active[r] |= RowCold;
                }
            }
        }
    });

    /// <summary>Runs <paramref name="plane"/> for every k, in parallel (set-up passes over the whole grid).</summary>
    private void ForEachPlane(Action<int> plane)
    {
        if (_threads == 1)
        {
            for (var k = 0; k < _sk; k++)
            {
                plane(k);
            }
        }
        else
        {
            Parallel.For(0, _sk, new ParallelOptions { MaxDegreeOfParallelism = _threads }, plane);
        }
    }

    /// <summary>
    /// Temporal blocking: steps per sweep such that the planes a thread's wavefront keeps in flight (about
    /// <c>steps + 2</c> planes of both temperature buffers, with the material, run and source planes) stay within a
    /// few MiB of cache, and at most 8.
    /// </summary>
    internal static int ChooseBlockSteps(int planeVoxels)
    {
        const long CacheBudgetBytes = 4L << 20;
        const int BytesPerVoxelAndStep = 4 + 4 + 1 + 1 + 4;
        var planes = CacheBudgetBytes / ((long)planeVoxels * BytesPerVoxelAndStep);
        return (int)Math.Clamp(planes - 2, 1, 8);
    }

    /// <summary>
    /// Advances <paramref name="count"/> time steps of <paramref name="dt"/> s. Up to <see cref="BlockSteps"/> steps are
    /// taken in one sweep of the grid (temporal blocking along k), so that the planes a step needs are still in cache
    /// from the step before: every thread owns a slab of k and runs a wavefront through it, step s at plane q − s + 1
    /// when the front is at q, within a trapezoid that shrinks by one plane per step at slab ends shared with another
    /// thread; the triangles left at those ends are filled afterwards step by step. Step s reads the buffer step s − 1
    /// wrote and overwrites step s − 2, which no plane still needs by then; the result equals that of single steps
    /// exactly.
    /// </summary>
    public void Steps(int count, float dt, float sourceScale, float? probeTemperature)
    {
        _dt = dt;
        _dtMinutes = dt / 60f;
        _sourceScale = sourceScale;
        _probeHeld = probeTemperature.HasValue;
        _probeTemperature = probeTemperature ?? 0;
        while (count > 0)
        {
            count -= Block(Math.Min(count, BlockSteps));
        }
    }

    /// <summary>Takes up to <paramref name="steps"/> steps in one sweep; returns how many the slab sizes allowed.</summary>
    private int Block(int steps)
    {
        var token = _parallel.CancellationToken;
        token.ThrowIfCancellationRequested();
        var slabs = Math.Max(1, Math.Min(_threads, _sk));
        if (slabs > 1)
        {
            // A slab must hold its trapezoid: the triangles at its two ends take 2 (steps − 1) planes at the last step.
            steps = Math.Min(steps, ((_sk / slabs) + 1) / 2);
        }

        steps = Math.Max(1, steps);
        if (slabs == 1)
        {
            Trapezoid(0, _sk, steps, token);
        }
        else
        {
            var bounds = new int[slabs + 1];
            for (var c = 0; c <= slabs; c++)
            {
                bounds[c] = (int)((long)c * _sk / slabs);
            }

            Parallel.For(0, slabs, _parallel, c => Trapezoid(bounds[c], bounds[c + 1], steps, token));
            for (var s = 2; s <= steps; s++)
            {
                token.ThrowIfCancellationRequested();
                var step = s;

                // Both halves of every triangle: below and above each inner slab boundary, s − 1 planes each.
                Parallel.For(0, 2 * (slabs - 1), _parallel, half =>
                {
                    var boundary = bounds[(half / 2) + 1];
                    var from = half % 2 == 0 ? boundary - (step - 1) : boundary;
                    for (var p = from; p < from + step - 1; p++)
                    {
                        StepPlane(step, p);
                    }
                });
            }
        }

        token.ThrowIfCancellationRequested();
        if (steps % 2 == 1)
        {
            (_t, _next) = (_next, _t);
        }

        return steps;
    }

    /// <summary>The wavefront over planes [<paramref name="a"/>, <paramref name="b"/>) for steps 1 … <paramref name="steps"/>.</summary>
    private void Trapezoid(int a, int b, int steps, CancellationToken token)
    {
        var shrinkBelow = a > 0 ? 1 : 0;
        var shrinkAbove = b < _sk ? 1 : 0;
        var lastFront = b - 1 + ((steps - 1) * (1 - shrinkAbove));
        for (var front = a; front <= lastFront; front++)
        {
            if (token.IsCancellationRequested)
            {
                return;
            }

            for (var s = 1; s <= steps; s++)
            {
                var p = front - (s - 1);
                if (p >= a + (shrinkBelow * (s - 1)) && p < b - (shrinkAbove * (s - 1)))
                {
                    StepPlane(s, p);
                }
            }
        }
    }

    /// <summary>Step <paramref name="s"/> of a block (1-based) at plane <paramref name="k"/>: odd steps read the block's start buffer.</summary>
    private void StepPlane(int s, int k)
    {
        if (s % 2 == 1)
        {
            SweepPlane(_t, _next, k);
        }
        else
        {
            SweepPlane(_next, _t, k);
        }
    }

    /// <summary>
    /// One step at plane <paramref name="k"/> from <paramref name="from"/> into <paramref name="to"/>. A row of one material
    /// among rows of that material takes the plain path unless it or a neighbour row has been cold (phase change); a
    /// row that has been hot reads its perfusion factor there. The flags only ever turn on, and a flag set by a later step
    /// of a neighbour plane only sends a row to the general path (or makes it read a factor of 1), which gives the same
    /// value.
    /// </summary>
    private void SweepPlane(float[] from, float[] to, int k)
    {
        var active = _active;
        for (var j = 0; j < _sj; j++)
        {
            var r = j + (_sj * k);

            // Offsets of the j and k neighbours; 0 on the grid's faces, where the neighbour is the voxel itself (zero flux).
            var south = j > 0 ? _si : 0;
            var north = j < _sj - 1 ? _si : 0;
            var down = k > 0 ? _plane : 0;
            var up = k < _sk - 1 ? _plane : 0;
            bool extreme;
            if (_rowUniform[r] && ((active[r] | (j == 0 ? 0 : active[r - 1]) | (j == _sj - 1 ? 0 : active[r + 1])
                | (k == 0 ? 0 : active[r - _sj]) | (k == _sk - 1 ? 0 : active[r + _sj])) & RowCold) == 0)
            {
                extreme = PlainRow(from, to, r, south, north, down, up, perfused: (active[r] & RowHot) != 0);
            }
            else
            {
                extreme = GeneralRow(from, to, r, j, k, south, north, down, up);
            }

            if (extreme)
            {
                active[r] |= DamageRow(to, r);
            }
        }
    }

    /// <summary>
    /// A row of one material whose neighbourhood is free and unfrozen; <paramref name="perfused"/>: it has been hot, so the
    /// perfusion factor e^−Ω is read per voxel (else it is 1). Returns whether it got hot or cold.
    /// </summary>
    private bool PlainRow(float[] from, float[] to, int r, int southOffset, int northOffset, int downOffset, int upOffset, bool perfused)
    {
        var m = _rowMaterial[r];
        var pair = (m * _c.MaterialCount) + m;
        var gx = _faceI[pair];
        var gy = _faceJ[pair];
        var gz = _faceK[pair];
        var w = _c.PerfusionRate[m];
        var dtc = _dt * _c.InverseCapacity[m];
        var tb = _c.BloodTemperature;
        var b = r * _si;
        var last = b + _si - 1;
        var source = _rowSource[r] ? _source : null;

        var stencil = new PlainStencil(gx, gy, gz, w, dtc, tb, _sourceScale, _c.SourceCutoff, southOffset, northOffset, downOffset, upOffset);
        if (_wholeRowVectors)
        {
            // Rows of 16 voxels or more: the end voxels in the first and last vector too (their missing i-neighbour
            // shuffled in from their own lane).
            var whole = (source is null, perfused) switch
            {
                (true, false) => PlainVectors<Off, Off>(from, to, source, b, last + 1, stencil, rowEnds: true),
                (true, true) => PlainVectors<Off, On>(from, to, source, b, last + 1, stencil, rowEnds: true),
                (false, false) => PlainVectors<On, Off>(from, to, source, b, last + 1, stencil, rowEnds: true),
                _ => PlainVectors<On, On>(from, to, source, b, last + 1, stencil, rowEnds: true),
            };
            return whole.Extreme;
        }

        // First voxel: its i− neighbour is itself (zero flux).
        var offsets = (southOffset, northOffset, downOffset, upOffset);
        var active = PlainScalar(from, to, source, b, b, b + 1, offsets, gx, gy, gz, w, dtc, tb, perfused);
        var (n, extreme) = (source is null, perfused) switch
        {
            (true, false) => PlainVectors<Off, Off>(from, to, source, b + 1, last, stencil, rowEnds: false),
            (true, true) => PlainVectors<Off, On>(from, to, source, b + 1, last, stencil, rowEnds: false),
            (false, false) => PlainVectors<On, Off>(from, to, source, b + 1, last, stencil, rowEnds: false),
            _ => PlainVectors<On, On>(from, to, source, b + 1, last, stencil, rowEnds: false),
        };
        active |= extreme;
        for (; n < last; n++)
        {
            active |= PlainScalar(from, to, source, n, n - 1, n + 1, offsets, gx, gy, gz, w, dtc, tb, perfused);
        }

        if (last > b)
        {
            active |= PlainScalar(from, to, source, last, last - 1, last, offsets, gx, gy, gz, w, dtc, tb, perfused);
        }

        return active;
    }

    /// <summary>A compile-time switch: the JIT compiles one copy of <see cref="PlainVectors"/> per combination.</summary>
    private interface ISwitch
    {
        static abstract bool Enabled { get; }
    }

    private readonly struct On : ISwitch
    {
        public static bool Enabled => true;
    }

    private readonly struct Off : ISwitch
    {
        public static bool Enabled => false;
    }

    /// <summary>The coefficients of a plain row and its neighbour offsets.</summary>
    private readonly record struct PlainStencil(float Gx, float Gy, float Gz, float W, float Dtc, float Tb, float Scale, float Cutoff, int South, int North, int Down, int Up);

    /// <summary>
    /// Voxels [<paramref name="first"/>, <paramref name="end"/>) of a plain row, a Vector&lt;float&gt; at a time; the
    /// last vector ends at <paramref name="end"/> and may overlap the one before (its shared voxels get the same values
    /// again). <paramref name="rowEnds"/>: the range is the whole row (16 voxels or more, eight lanes), so the first
    /// vector's i− neighbour and the last vector's i+ neighbour come from their own lanes shuffled (zero flux at the
    /// row's ends); else the range is the row's inner voxels, and if it is shorter than one vector nothing is written.
    /// Returns the first voxel not written and whether a new temperature reached the damage or the cold activity
    /// threshold. <typeparamref name="TSource"/>: add the heat source; <typeparamref name="TPerfused"/>: read the
    /// perfusion factor.
    /// </summary>
    private (int Next, bool Extreme) PlainVectors<TSource, TPerfused>(float[] from, float[] to, float[]? source, int first, int end, PlainStencil s, bool rowEnds)
        where TSource : struct, ISwitch
        where TPerfused : struct, ISwitch
    {
        ref var tRef = ref MemoryMarshal.GetArrayDataReference(from);
        ref var nextRef = ref MemoryMarshal.GetArrayDataReference(to);
        var width = Vector<float>.Count;
        var highest = new Vector<float>(float.NegativeInfinity);
        var lowest = new Vector<float>(float.PositiveInfinity);
        if (end - first < width)
        {
            return (first, false);
        }

        var n = first;
        if (rowEnds)
        {
            var o = (nuint)first;
            var c = Vector.LoadUnsafe(ref tRef, o);
            var west = Vector256.Shuffle(c.AsVector256(), Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6)).AsVector();
            var result = PlainLanes<TSource, TPerfused>(ref tRef, ref nextRef, source, o, c, west, Vector.LoadUnsafe(ref tRef, o + 1), s);
            highest = Vector.MaxNative(highest, result);
            lowest = Vector.MinNative(lowest, result);
            n += width;
            end--;
        }

        // Whole vectors inside [n, end); then one ending exactly at end.
        for (; n + width <= end; n += width)
        {
            var o = (nuint)n;
            var c = Vector.LoadUnsafe(ref tRef, o);
            var result = PlainLanes<TSource, TPerfused>(ref tRef, ref nextRef, source, o, c, Vector.LoadUnsafe(ref tRef, o - 1), Vector.LoadUnsafe(ref tRef, o + 1), s);
            highest = Vector.MaxNative(highest, result);
            lowest = Vector.MinNative(lowest, result);
        }

        if (rowEnds)
        {
            // The row's last vector, ending at its last voxel.
            var o = (nuint)(end + 1 - width);
            var c = Vector.LoadUnsafe(ref tRef, o);
            var east = Vector256.Shuffle(c.AsVector256(), Vector256.Create(1, 2, 3, 4, 5, 6, 7, 7)).AsVector();
            var result = PlainLanes<TSource, TPerfused>(ref tRef, ref nextRef, source, o, c, Vector.LoadUnsafe(ref tRef, o - 1), east, s);
            highest = Vector.MaxNative(highest, result);
            lowest = Vector.MinNative(lowest, result);
            n = end + 1;
        }
        else if (n < end)
        {
            var o = (nuint)(end - width);
            var c = Vector.LoadUnsafe(ref tRef, o);
            var result = PlainLanes<TSource, TPerfused>(ref tRef, ref nextRef, source, o, c, Vector.LoadUnsafe(ref tRef, o - 1), Vector.LoadUnsafe(ref tRef, o + 1), s);
            highest = Vector.MaxNative(highest, result);
            lowest = Vector.MinNative(lowest, result);
            n = end;
        }

        return (n, Vector.GreaterThanOrEqualAny(highest, new Vector<float>(_c.DamageThreshold)) || Vector.LessThanOrEqualAny(lowest, new Vector<float>(_c.ColdActivity)));
    }

    /// <summary>The plain stencil on the lanes at <paramref name="o"/>, given their temperatures and i-neighbours; stores and returns T′.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<float> PlainLanes<TSource, TPerfused>(ref float tRef, ref float nextRef, float[]? source, nuint o, Vector<float> c, Vector<float> west, Vector<float> east, PlainStencil s)
        where TSource : struct, ISwitch
        where TPerfused : struct, ISwitch
    {
        var gx = new Vector<float>(s.Gx);
        var gy = new Vector<float>(s.Gy);
        var gz = new Vector<float>(s.Gz);
        var south = Vector.LoadUnsafe(ref tRef, o - (nuint)s.South);
        var north = Vector.LoadUnsafe(ref tRef, o + (nuint)s.North);
        var down = Vector.LoadUnsafe(ref tRef, o - (nuint)s.Down);
        var up = Vector.LoadUnsafe(ref tRef, o + (nuint)s.Up);
        var sum = (gx * (west - c)) + (gx * (east - c)) + (gy * (south - c)) + (gy * (north - c)) + (gz * (down - c)) + (gz * (up - c));
        var w = new Vector<float>(s.W);
        var perfusion = (TPerfused.Enabled ? w * Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_factor), o) : w) * (new Vector<float>(s.Tb) - c);
        Vector<float> result;
        if (TSource.Enabled)
        {
            var q = Vector.ConditionalSelect(Vector.LessThan(c, new Vector<float>(s.Cutoff)), Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source!), o) * new Vector<float>(s.Scale), Vector<float>.Zero);
            result = c + (new Vector<float>(s.Dtc) * (sum + perfusion + q));
        }
        else
        {
            result = c + (new Vector<float>(s.Dtc) * (sum + perfusion));
        }

        result.StoreUnsafe(ref nextRef, o);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PlainScalar(float[] t, float[] next, float[]? source, int n, int west, int east, (int South, int North, int Down, int Up) offsets, float gx, float gy, float gz, float w, float dtc, float tb, bool perfused)
    {
        // Unchecked reads: n and its neighbours lie in the grid by construction (the offsets are 0 on its faces).
        ref var tr = ref MemoryMarshal.GetArrayDataReference(t);
        var c = Unsafe.Add(ref tr, n);
        var sum = (gx * (Unsafe.Add(ref tr, west) - c)) + (gx * (Unsafe.Add(ref tr, east) - c)) + (gy * (Unsafe.Add(ref tr, n - offsets.South) - c))
            + (gy * (Unsafe.Add(ref tr, n + offsets.North) - c)) + (gz * (Unsafe.Add(ref tr, n - offsets.Down) - c)) + (gz * (Unsafe.Add(ref tr, n + offsets.Up) - c));
        var perfusion = (perfused ? w * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_factor), n) : w) * (tb - c);
        var result = source is null ? c + (dtc * (sum + perfusion))
            : c + (dtc * (sum + perfusion + (c < _c.SourceCutoff ? Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(source), n) * _sourceScale : 0f)));
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(next), n) = result;
        return result >= _c.DamageThreshold || result <= _c.ColdActivity;
    }

    /// <summary>Any other row: SIMD over runs of simple voxels where unfrozen, voxel by voxel elsewhere. Returns whether it got hot or cold.</summary>
    private bool GeneralRow(float[] from, float[] to, int r, int j, int k, int southOffset, int northOffset, int downOffset, int upOffset)
    {
        var b = r * _si;
        ref var tRef = ref MemoryMarshal.GetArrayDataReference(from);
        ref var nextRef = ref MemoryMarshal.GetArrayDataReference(to);
        ref var runRef = ref MemoryMarshal.GetArrayDataReference(_simpleRun);
        ref var materialRef = ref MemoryMarshal.GetArrayDataReference(_material);
        ref var factorRef = ref MemoryMarshal.GetArrayDataReference(_factor);
        var source = _rowSource[r] ? _source : null;
        ref var sourceRef = ref source is null ? ref tRef : ref MemoryMarshal.GetArrayDataReference(source);
        var width = Vector<float>.Count;
        var hot = _c.DamageThreshold;
        var cold = _c.ColdActivity;
        var hotv = new Vector<float>(hot);
        var coldv = new Vector<float>(cold);
        var highv = new Vector<float>(_c.PhaseHigh);
        var tbv = new Vector<float>(_c.BloodTemperature);
        var scalev = new Vector<float>(_sourceScale);
        var cutoffv = new Vector<float>(_c.SourceCutoff);
        var southStep = (nuint)southOffset;
        var northStep = (nuint)northOffset;
        var downStep = (nuint)downOffset;
        var upStep = (nuint)upOffset;
        var count = _c.MaterialCount;
        var extremes = Vector<int>.Zero;
        var active = false;
        var i = 0;
        while (i < _si)
        {
            var n = b + i;
            int run = Unsafe.Add(ref runRef, n);
            if (run > 0)
            {
                // A group of eight from here, or ending at the row's last inner voxel where it would leave the row. Lanes
                // past the simple stretch get a wrong value here and their own, later in this row (in this thread).
                var advance = Math.Min(run, width);
                var start = n;
                if (i + width > _si - 1)
                {
                    var shifted = _si - 1 - width;
                    if (shifted < 1 || Unsafe.Add(ref runRef, b + shifted) < width)
                    {
                        for (var end = i + advance; i < end; i++)
                        {
                            var value = GeneralVoxel(from, to, b + i, i, j, k);
                            active |= value >= hot || value <= cold;
                        }

                        continue;
                    }

                    start = b + shifted;
                }

                var o = (nuint)start;
                var c = Vector.LoadUnsafe(ref tRef, o);
                var west = Vector.LoadUnsafe(ref tRef, o - 1);
                var east = Vector.LoadUnsafe(ref tRef, o + 1);
                var south = Vector.LoadUnsafe(ref tRef, o - southStep);
                var north = Vector.LoadUnsafe(ref tRef, o + northStep);
                var down = Vector.LoadUnsafe(ref tRef, o - downStep);
                var up = Vector.LoadUnsafe(ref tRef, o + upStep);
                var coldest = Vector.Min(Vector.Min(Vector.Min(c, west), Vector.Min(east, south)), Vector.Min(Vector.Min(north, down), up));
                if (Vector.GreaterThanOrEqualAll(coldest, highv))
                {
                    // A simple run is one material: each voxel's i-neighbours share it.
                    int m = Unsafe.Add(ref materialRef, n);
                    var pair = (m * count) + m;
                    var gxv = new Vector<float>(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_faceI), pair));
                    var gyv = new Vector<float>(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_faceJ), pair));
                    var gzv = new Vector<float>(Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_faceK), pair));
                    var wv = new Vector<float>(_c.PerfusionRate[m]);
                    var dtcv = new Vector<float>(_dt * _c.InverseCapacity[m]);
                    var sum = (gxv * (west - c)) + (gxv * (east - c)) + (gyv * (south - c)) + (gyv * (north - c)) + (gzv * (down - c)) + (gzv * (up - c));
                    var perfusion = (wv * Vector.LoadUnsafe(ref factorRef, o)) * (tbv - c);
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
                    extremes |= Vector.GreaterThanOrEqual(result, hotv) | Vector.LessThanOrEqual(result, coldv);
                    i += advance;
                    continue;
                }

                // Something in or next to this group is in the phase-change range or frozen: harmonic means, voxel by voxel.
                for (var end = i + advance; i < end; i++)
                {
                    var value = GeneralVoxel(from, to, b + i, i, j, k);
                    active |= value >= hot || value <= cold;
                }

                continue;
            }

            var single = GeneralVoxel(from, to, n, i, j, k);
            active |= single >= hot || single <= cold;
            i++;
        }

        return active || extremes != Vector<int>.Zero;
    }

    /// <summary>The general formula at voxel <paramref name="n"/> = (<paramref name="i"/>, <paramref name="j"/>, <paramref name="k"/>); writes and returns T′.</summary>
    private float GeneralVoxel(float[] from, float[] to, int n, int i, int j, int k)
    {
        var c = _c;
        ref var tRef = ref MemoryMarshal.GetArrayDataReference(from);
        ref var nextRef = ref MemoryMarshal.GetArrayDataReference(to);
        var tn = Unsafe.Add(ref tRef, n);
        float result;
        var kind = _fixed is null ? (byte)0 : Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fixed), n);
        if (kind == (byte)BioheatFixedKind.Blood)
        {
            result = c.BloodTemperature;
        }
        else if (kind == (byte)BioheatFixedKind.Probe)
        {
            result = _probeHeld ? _probeTemperature : tn;
        }
        else
        {
            int m = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_material), n);
            var unfrozen = tn >= c.PhaseHigh;
            var sum = Face(from, n, i > 0 ? n - 1 : n, m, tn, unfrozen, _faceI, 0);
            sum += Face(from, n, i < _si - 1 ? n + 1 : n, m, tn, unfrozen, _faceI, 0);
            sum += Face(from, n, j > 0 ? n - _si : n, m, tn, unfrozen, _faceJ, 1);
            sum += Face(from, n, j < _sj - 1 ? n + _si : n, m, tn, unfrozen, _faceJ, 1);
            sum += Face(from, n, k > 0 ? n - _plane : n, m, tn, unfrozen, _faceK, 2);
            sum += Face(from, n, k < _sk - 1 ? n + _plane : n, m, tn, unfrozen, _faceK, 2);
            var perfusion = 0f;
            if (unfrozen)
            {
                var rate = c.PerfusionRate[m] * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_factor), n);
                perfusion = rate * (c.BloodTemperature - tn);
            }

            var q = _source is null || tn >= c.SourceCutoff ? 0f : Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_source), n) * _sourceScale;
            var dtc = _dt * c.InverseCapacityAt(m, tn);
            result = tn + (dtc * (sum + perfusion + q));
        }

        Unsafe.Add(ref nextRef, n) = result;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Face(float[] from, int n, int neighbour, int m, float tn, bool unfrozen, float[] faces, int axis)
    {
        if (_fixed is not null && !_probeHeld && Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fixed), neighbour) == (byte)BioheatFixedKind.Probe)
        {
            return 0f;
        }

        var tb = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(from), neighbour);
        int mb = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_material), neighbour);
        float g;
        if (unfrozen && tb >= _c.PhaseHigh)
        {
            g = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(faces), (m * _c.MaterialCount) + mb);
        }
        else
        {
            var ka = _c.ConductivityAt(m, tn);
            var kb = _c.ConductivityAt(mb, tb);
            g = 2f * ka * kb / (ka + kb) * _c.InverseSpacingSquared[axis];
        }

        return g * (tb - tn);
    }

    /// <summary>
    /// Damage and extreme tracking of row <paramref name="r"/> after its update: where T′ ≥ the damage threshold, Ω, CEM43,
    /// the peak and the perfusion factor e^−Ω; where T′ ≤ the cold tracking threshold, the coldest temperature. Ω of a voxel
    /// is read by the stencil of that voxel only, so updating it after the row's stencil is the same as updating it in
    /// the stencil.
    /// </summary>
    private byte DamageRow(float[] next, int r)
    {
        var b = r * _si;
        var flags = 0;
        var hotv = Vector256.Create(_c.DamageThreshold);
        var coldv = Vector256.Create(MathF.Max(_c.ColdTracking, _c.ColdActivity));
        ref var tRef = ref MemoryMarshal.GetArrayDataReference(next);
        var i = 0;
        for (; i + Lanes <= _si; i += Lanes)
        {
            // Most groups of a row that got hot are neither hot nor cold: one compare skips them.
            var n = b + i;
            var t = Vector256.LoadUnsafe(ref tRef, (nuint)n);
            if ((Vector256.GreaterThanOrEqual(t, hotv) | Vector256.LessThanOrEqual(t, coldv)) == Vector256<float>.Zero)
            {
                continue;
            }

            flags |= DamageLanes(ref Unsafe.Add(ref tRef, n), ref _omega[n], ref _cem[n], ref _peak[n], ref _coldest[n], ref _factor[n], n, Lanes);
        }

        if (i < _si)
        {
            // The row's end: padded lanes are NaN (neither hot nor cold) and are not written back.
            var n = b + i;
            var length = _si - i;
            Span<float> pad = stackalloc float[Lanes * 6];
            pad.Clear();
            var t = pad[..Lanes];
            var omega = pad.Slice(Lanes, Lanes);
            var cem = pad.Slice(2 * Lanes, Lanes);
            var peak = pad.Slice(3 * Lanes, Lanes);
            var coldest = pad.Slice(4 * Lanes, Lanes);
            var factor = pad.Slice(5 * Lanes, Lanes);
            t.Fill(float.NaN);
            next.AsSpan(n, length).CopyTo(t);
            _omega.AsSpan(n, length).CopyTo(omega);
            _cem.AsSpan(n, length).CopyTo(cem);
            _peak.AsSpan(n, length).CopyTo(peak);
            _coldest.AsSpan(n, length).CopyTo(coldest);
            _factor.AsSpan(n, length).CopyTo(factor);
            flags |= DamageLanes(ref t[0], ref omega[0], ref cem[0], ref peak[0], ref coldest[0], ref factor[0], n, length);
            omega[..length].CopyTo(_omega.AsSpan(n, length));
            cem[..length].CopyTo(_cem.AsSpan(n, length));
            peak[..length].CopyTo(_peak.AsSpan(n, length));
            coldest[..length].CopyTo(_coldest.AsSpan(n, length));
            factor[..length].CopyTo(_factor.AsSpan(n, length));
        }

        return (byte)flags;
    }

    /// <summary>
    /// Damage and tracking of eight voxels from <paramref name="n"/> (the first <paramref name="length"/> real), given by
    /// references to their first element; returns <see cref="RowHot"/> and <see cref="RowCold"/> as the lanes reached the
    /// thresholds (padded lanes are NaN: neither).
    /// </summary>
    private int DamageLanes(ref float t, ref float omega, ref float cem, ref float peak, ref float coldest, ref float factor, int n, int length)
    {
        var result = Vector256.LoadUnsafe(ref t);
        var hot = Vector256.GreaterThanOrEqual(result, Vector256.Create(_c.DamageThreshold));
        var cold = Vector256.LessThanOrEqual(result, Vector256.Create(_c.ColdTracking));
        var flags = Vector256.LessThanOrEqual(result, Vector256.Create(_c.ColdActivity)) != Vector256<float>.Zero ? RowCold : 0;
        if (cold != Vector256<float>.Zero)
        {
            var old = Vector256.LoadUnsafe(ref coldest);
            Vector256.ConditionalSelect(cold & Vector256.LessThan(result, old), result, old).StoreUnsafe(ref coldest);
        }

        if (hot == Vector256<float>.Zero)
        {
            return flags;
        }

        Vector256<float> logFrequency, activation;
        int m = _material[n];
        bool uniform;
        if (length == Lanes)
        {
            // Eight material bytes at once against the first one repeated.
            uniform = Unsafe.ReadUnaligned<ulong>(ref _material[n]) == (ulong)m * 0x0101010101010101UL;
        }
        else
        {
            uniform = true;
            for (var lane = 1; lane < length && uniform; lane++)
            {
                uniform = _material[n + lane] == m;
            }
        }

        if (uniform)
        {
            logFrequency = Vector256.Create(_c.LogFrequencyFactor[m]);
            activation = Vector256.Create(_c.ActivationTemperature[m]);
        }
        else
        {
            Span<float> a = stackalloc float[Lanes];
            Span<float> e = stackalloc float[Lanes];
            a.Fill(_c.LogFrequencyFactor[m]);
            e.Fill(_c.ActivationTemperature[m]);
            for (var lane = 1; lane < length; lane++)
            {
                int ml = _material[n + lane];
                a[lane] = _c.LogFrequencyFactor[ml];
                e[lane] = _c.ActivationTemperature[ml];
            }

            logFrequency = Vector256.Create<float>(a);
            activation = Vector256.Create<float>(e);
        }

        var cap = Vector256.Create(Cap);
        var rate = BioheatExp.Exp(logFrequency - (activation / (result + Vector256.Create(BioheatCoefficients.KelvinOffset))));
        var oldOmega = Vector256.LoadUnsafe(ref omega);
        var newOmega = Vector256.MinNative(oldOmega + (Vector256.Create(_dt) * rate), cap);
        var above43 = Vector256.GreaterThanOrEqual(result, Vector256.Create(43f));
        var equivalent = BioheatExp.Exp((Vector256.Create(43f) - result) * Vector256.ConditionalSelect(above43, Vector256.Create(Ln05), Vector256.Create(Ln025)));
        var oldCem = Vector256.LoadUnsafe(ref cem);
        var newCem = Vector256.MinNative(oldCem + (Vector256.Create(_dtMinutes) * equivalent), cap);
        var oldPeak = Vector256.LoadUnsafe(ref peak);
        var oldFactor = Vector256.LoadUnsafe(ref factor);
        var newFactor = Vector256.ConditionalSelect(Vector256.GreaterThan(newOmega, Vector256<float>.Zero), BioheatExp.Exp(-newOmega), Vector256<float>.One);
        Vector256.ConditionalSelect(hot, newOmega, oldOmega).StoreUnsafe(ref omega);
        Vector256.ConditionalSelect(hot, newCem, oldCem).StoreUnsafe(ref cem);
        Vector256.ConditionalSelect(hot & Vector256.GreaterThan(result, oldPeak), result, oldPeak).StoreUnsafe(ref peak);
        Vector256.ConditionalSelect(hot, newFactor, oldFactor).StoreUnsafe(ref factor);
        return flags | RowHot;
    }

    /// <summary>
    /// Per row: its material if the row is one material without fixed voxels; and whether its neighbour rows make it
    /// uniform: each one material, the same, without probe voxels. A neighbour's blood voxel is read like any other
    /// temperature (the general path's face term is the same there); a probe may insulate, so it is not.
    /// </summary>
    private void ClassifyRows()
    {
        var rows = _sj * _sk;
        var neighbourMaterial = new int[rows];
        ForEachPlane(k =>
        {
            for (var r = k * _sj; r < (k + 1) * _sj; r++)
            {
                ClassifyRow(r, neighbourMaterial);
            }
        });

        if (_si < 3)
        {
            return;
        }

        // On the grid's faces a missing neighbour row is the row itself.
        ForEachPlane(k =>
        {
            for (var j = 0; j < _sj; j++)
            {
                var r = j + (_sj * k);
                var m = _rowMaterial[r];
                _rowUniform[r] = m >= 0 && (j == 0 || neighbourMaterial[r - 1] == m) && (j == _sj - 1 || neighbourMaterial[r + 1] == m)
                    && (k == 0 || neighbourMaterial[r - _sj] == m) && (k == _sk - 1 || neighbourMaterial[r + _sj] == m);
            }
        });
    }

    private void ClassifyRow(int r, int[] neighbourMaterial)
    {
        _rowSource[r] = _source is not null && _source.AsSpan(r * _si, _si).ContainsAnyExcept(0f);
        var b = r * _si;
        int m = _material[b];
        var same = true;
        var anyFixed = false;
        var anyProbe = false;
        for (var i = 0; i < _si && same; i++)
        {
            var n = b + i;
            same = _material[n] == m;
            var kind = _fixed is null ? (byte)0 : _fixed[n];
            anyFixed |= kind != 0;
            anyProbe |= kind == (byte)BioheatFixedKind.Probe;
        }

        _rowMaterial[r] = same && !anyFixed ? m : -1;
        neighbourMaterial[r] = same && !anyProbe ? m : -1;
    }

    /// <summary>
    /// Per voxel, how many voxels from it along i (capped at 255) are simple: not at either end of its row, not fixed,
    /// with neighbours of its own material that are not probe voxels (a blood voxel's temperature is read like any
    /// other; on the grid's j and k faces the missing neighbour is the voxel itself). A stretch of simple voxels is one
    /// material.
    /// </summary>
    private void ClassifyVoxels()
    {
        if (_si < 3)
        {
            return;
        }

        var fixedMap = _fixed;
        var material = _material;
        ForEachPlane(k =>
        {
            var down = k > 0 ? _plane : 0;
            var up = k < _sk - 1 ? _plane : 0;
            for (var j = 0; j < _sj; j++)
            {
                var south = j > 0 ? _si : 0;
                var north = j < _sj - 1 ? _si : 0;
                var b = (j * _si) + (k * _plane);
                var run = 0;
                for (var i = _si - 2; i >= 1; i--)
                {
                    var n = b + i;
                    var m = material[n];
                    var simple = material[n - 1] == m && material[n + 1] == m && material[n - south] == m && material[n + north] == m
                        && material[n - down] == m && material[n + up] == m;
                    if (simple && fixedMap is not null)
                    {
                        const byte Probe = (byte)BioheatFixedKind.Probe;
                        simple = fixedMap[n] == 0 && fixedMap[n - 1] != Probe && fixedMap[n + 1] != Probe && fixedMap[n - south] != Probe
                            && fixedMap[n + north] != Probe && fixedMap[n - down] != Probe && fixedMap[n + up] != Probe;
                    }

                    run = simple ? Math.Min(run + 1, 255) : 0;
                    _simpleRun[n] = (byte)run;
                }
            }
        });
    }
}
