using System.Runtime.CompilerServices;
using ILGPU;

namespace Seldinger.Imaging.Gpu.Thermal.Internal;

/// <summary>
/// ILGPU kernels of the bioheat time step. One thread per (i, j) column and chunk of k: it marches along k keeping the
/// k−1, k and k+1 temperatures (and materials, fixed kinds) in registers, so each voxel's temperature is read from
/// memory about once for the column and the i/j neighbours come from the cache. Per thread a flag word (see the
/// constants) says whether its neighbourhood is one material (no material reads), whether it has fixed voxels or a
/// source near it (else those volumes are not read), and whether it has ever been hot (else Ω is known to be 0).
/// The arithmetic is the documented discretisation (docs/ablation-physics.md) in the CPU engine's order, except that
/// e^x is evaluated as 2^(x·log2 e) (see <see cref="Exp"/>).
/// </summary>
internal static class BioheatKernels
{
    /// <summary>Low byte: the material of the whole neighbourhood, valid unless <see cref="Mixed"/> is set.</summary>
    public const int MaterialMask = 0xFF;

    /// <summary>The neighbourhood holds more than one material: read the material volume.</summary>
    public const int Mixed = 1 << 8;

    /// <summary>The neighbourhood holds a fixed voxel: read the fixed-kind volume.</summary>
    public const int FixedNear = 1 << 9;

    /// <summary>A voxel of the chunk has a non-zero heat source.</summary>
    public const int Source = 1 << 10;

    /// <summary>A voxel of the chunk has reached the damage threshold (so Ω may be non-zero): set by the step kernel.</summary>
    public const int Hot = 1 << 11;

    private const float KelvinOffset = 273.15f;

    /// <summary>log2 e, for e^x = 2^(x·log2 e).</summary>
    private const float Log2E = 1.442695041f;
    private const float DamageCap = 1e30f;

    /// <summary>One explicit time step from <paramref name="t"/> into <paramref name="next"/>, with damage and extreme tracking.</summary>
    public static void Step(
        Index3D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<byte> material,
        ArrayView<byte> fixedKind,
        ArrayView<float> source,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        BioheatStepParameters p)
    {
        var i = index.X;
        var j = index.Y;
        var si = p.SizeI;
        var sj = p.SizeJ;
        var sk = p.SizeK;
        var plane = si * sj;
        var flagIndex = i + (si * (j + (sj * index.Z)));
        var flag = flags[flagIndex];
        var mixed = (flag & Mixed) != 0;
        var fixedNear = p.HasFixed != 0 && (flag & FixedNear) != 0;
        var hasSource = (flag & Source) != 0;
        var everHot = (flag & Hot) != 0;
        var insulating = fixedNear && p.ProbeHeld == 0;
        var k0 = index.Z * p.ChunkLength;
        var k1 = k0 + p.ChunkLength < sk ? k0 + p.ChunkLength : sk;
        var west = i > 0 ? -1 : 0;
        var east = i < si - 1 ? 1 : 0;
        var south = j > 0 ? -si : 0;
        var north = j < sj - 1 ? si : 0;
        var count = p.MaterialCount;
        var faces = BioheatTable.Rows * count;

        var n = i + (si * j) + (plane * k0);
        var tC = t[n];
        var tDown = k0 > 0 ? t[n - plane] : tC;
        var mC = mixed ? (int)material[n] : flag & MaterialMask;
        var mDown = mixed && k0 > 0 ? (int)material[n - plane] : mC;
        var fC = fixedNear ? (int)fixedKind[n] : 0;
        var fDown = fixedNear && k0 > 0 ? (int)fixedKind[n - plane] : fC;
        var becameHot = false;
        for (var k = k0; k < k1; k++)
        {
            var hasUp = k < sk - 1;
            var tUp = hasUp ? t[n + plane] : tC;
            var mUp = mixed && hasUp ? (int)material[n + plane] : mC;
            var fUp = fixedNear && hasUp ? (int)fixedKind[n + plane] : fC;
            float result;
            if (fC == 1)
            {
                result = p.BloodTemperature;
            }
            else if (fC == 2)
            {
                result = p.ProbeHeld != 0 ? p.ProbeTemperature : tC;
            }
            else
            {
                var unfrozen = tC >= p.PhaseHigh;
                var sum = Face(table, p, faces, 0, p.InverseSpacingSquaredI, mC, tC, unfrozen, insulating,
                    t[n + west], mixed ? material[n + west] : mC, fixedNear ? fixedKind[n + west] : 0);
                sum += Face(table, p, faces, 0, p.InverseSpacingSquaredI, mC, tC, unfrozen, insulating,
                    t[n + east], mixed ? material[n + east] : mC, fixedNear ? fixedKind[n + east] : 0);
                sum += Face(table, p, faces, 1, p.InverseSpacingSquaredJ, mC, tC, unfrozen, insulating,
                    t[n + south], mixed ? material[n + south] : mC, fixedNear ? fixedKind[n + south] : 0);
                sum += Face(table, p, faces, 1, p.InverseSpacingSquaredJ, mC, tC, unfrozen, insulating,
                    t[n + north], mixed ? material[n + north] : mC, fixedNear ? fixedKind[n + north] : 0);
                sum += Face(table, p, faces, 2, p.InverseSpacingSquaredK, mC, tC, unfrozen, insulating, tDown, mDown, fDown);
                sum += Face(table, p, faces, 2, p.InverseSpacingSquaredK, mC, tC, unfrozen, insulating, tUp, mUp, fUp);
                var perfusion = 0f;
                if (unfrozen)
                {
                    var damage = everHot ? omega[n] : 0f;
                    var rate = table[(BioheatTable.PerfusionRate * count) + mC] * (damage > 0 ? Exp(-damage) : 1f);
                    perfusion = rate * (p.BloodTemperature - tC);
                }

                var q = hasSource && tC < p.SourceCutoff ? source[n] * p.SourceScale : 0f;
                var dtc = p.Dt * InverseCapacityAt(table, p, count, mC, tC);
                result = tC + (dtc * (sum + perfusion + q));
            }

            next[n] = result;
            if (result >= p.DamageThreshold)
            {
                var rate = Exp(table[(BioheatTable.LogFrequencyFactor * count) + mC] - (table[(BioheatTable.ActivationTemperature * count) + mC] / (result + KelvinOffset)));
                var damage = omega[n] + (p.Dt * rate);
                omega[n] = damage < DamageCap ? damage : DamageCap;
                var equivalent = Exp((43f - result) * (result >= 43f ? p.LnHalf : p.LnQuarter));
                var minutes = cem[n] + (p.DtMinutes * equivalent);
                cem[n] = minutes < DamageCap ? minutes : DamageCap;
                if (result > peak[n])
                {
                    peak[n] = result;
                }

                becameHot = true;
            }

            if (result <= p.ColdTracking && result < coldest[n])
            {
                coldest[n] = result;
            }

            tDown = tC;
            tC = tUp;
            mDown = mC;
            mC = mUp;
            fDown = fC;
            fC = fUp;
            n += plane;
        }

        if (becameHot && !everHot)
        {
            flags[flagIndex] = flag | Hot;
        }
    }

    /// <summary>Sets the probe voxels to the phase's probe temperature (one thread per voxel).</summary>
    public static void HoldProbe(Index1D n, ArrayView<float> t, ArrayView<byte> fixedKind, float temperature)
    {
        if (fixedKind[n] == 2)
        {
            t[n] = temperature;
        }
    }

    /// <summary>The conductance term g·(T_nb − t) of one face (0 across the face of a passive, insulating probe).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Face(ArrayView<float> table, BioheatStepParameters p, int faces, int axis, float inverseSpacingSquared, int m, float tn, bool unfrozen, bool insulating, float tb, int mb, int fb)
    {
        if (insulating && fb == 2)
        {
            return 0f;
        }

        float g;
        if (unfrozen && tb >= p.PhaseHigh)
        {
            var count = p.MaterialCount;
            g = table[faces + (axis * count * count) + (m * count) + mb];
        }
        else
        {
            var ka = ConductivityAt(table, p, m, tn);
            var kb = ConductivityAt(table, p, mb, tb);
            g = 2f * ka * kb / (ka + kb) * inverseSpacingSquared;
        }

        return g * (tb - tn);
    }

    /// <summary>
    /// e^x as 2^(x·log2 e): ILGPU's CUDA backend has a native 2^x (ex2.approx, about 2 ulp) but no e^x without its
    /// algorithms library. The rounding of x·log2 e makes it differ from the CPU engine's e^x by about |x|·6e-8 relative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Exp(float x) => IntrinsicMath.CPUOnly.Exp2(x * Log2E);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ConductivityAt(ArrayView<float> table, BioheatStepParameters p, int m, float t)
    {
        var count = p.MaterialCount;
        var unfrozen = table[(BioheatTable.Conductivity * count) + m];
        if (t >= p.PhaseHigh)
        {
            return unfrozen;
        }

        var frozen = table[(BioheatTable.FrozenConductivity * count) + m];
        if (t <= p.PhaseLow)
        {
            return frozen;
        }

        return frozen + ((unfrozen - frozen) * ((t - p.PhaseLow) * p.InversePhaseRange));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float InverseCapacityAt(ArrayView<float> table, BioheatStepParameters p, int count, int m, float t)
    {
        var row = t >= p.PhaseHigh ? BioheatTable.InverseCapacity : t <= p.PhaseLow ? BioheatTable.InverseFrozenCapacity : BioheatTable.InverseMushyCapacity;
        return table[(row * count) + m];
    }
}
