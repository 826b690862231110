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
/// <para>
/// Layouts (<see cref="GpuBioheatKernelLayout"/>): <see cref="Step"/> alone does every chunk with the general formula.
/// The split layouts launch <see cref="StepListed"/> over a list of the chunks that need it, then a lean kernel for the
/// plain chunks (one material, no fixed voxel, no source, never hot): it reads only T (8 B per update) and keeps few
/// values live, so more threads fit on a multiprocessor and more loads are in flight.
/// </para>
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

    /// <summary>A thread that needs none of the general path: one material, no fixed voxel, no source, never hot (see <see cref="LeanStepListed"/>).</summary>
    public const int NotPlain = Mixed | FixedNear | Source | Hot;

    /// <summary>One explicit time step from <paramref name="t"/> into <paramref name="next"/>, with damage and extreme tracking (one thread per column chunk).</summary>
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
        BioheatStepParameters p) =>
        StepChunk(index.X, index.Y, index.Z, t, next, material, fixedKind, source, omega, cem, peak, coldest, flags, table, p);

    /// <summary>
    /// The general step for the chunks listed in <paramref name="general"/> (element 0: the count, then thread indices
    /// i + I·(j + J·chunk)). Grid-stride over the list, so that any launch size is correct: the lean kernels append
    /// chunks that turn hot during a launch the host has not read the count of yet.
    /// </summary>
    public static void StepListed(
        Index1D index,
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
        ArrayView<int> general,
        BioheatStepParameters p)
    {
        var count = general[0];
        for (var e = index.X; e < count; e += p.Stride)
        {
            var thread = general[1 + e];
            var column = thread % (p.SizeI * p.SizeJ);
            StepChunk(column % p.SizeI, column / p.SizeI, thread / (p.SizeI * p.SizeJ), t, next, material, fixedKind, source, omega, cem, peak, coldest, flags, table, p);
        }
    }

    /// <summary>
    /// The lean step of the plain chunks listed in <paramref name="plain"/> (thread indices): it reads only T (and the
    /// flag word), the material's coefficients are the same for the whole chunk. A chunk that turns hot is appended to
    /// <paramref name="general"/> and skipped from the next step on.
    /// </summary>
    public static void LeanStepListed(
        Index1D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> plain,
        ArrayView<int> general,
        BioheatStepParameters p)
    {
        var thread = plain[index];
        var column = thread % (p.SizeI * p.SizeJ);
        LeanChunk(column % p.SizeI, column / p.SizeI, thread / (p.SizeI * p.SizeJ), thread, t, next, omega, cem, peak, coldest, flags, table, general, p, pairs: false);
    }

    /// <summary>
    /// The lean step over the whole (i, j, chunk) grid: no list to read and no index arithmetic, so it also suits short
    /// chunks (many threads, each a few voxels); chunks that are not plain return at once (the general kernel has them).
    /// </summary>
    public static void LeanStepGrid(
        Index3D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> general,
        BioheatStepParameters p) =>
        LeanChunk(index.X, index.Y, index.Z, index.X + (p.SizeI * (index.Y + (p.SizeJ * index.Z))), t, next, omega, cem, peak, coldest, flags, table, general, p, pairs: false);

    /// <summary>
    /// <see cref="LeanStepGrid"/> computing two voxels along k per iteration: the loads of both (two new T values from
    /// memory, eight neighbours from the cache) are issued before either is used, doubling the loads in flight per thread.
    /// </summary>
    public static void LeanStepGridPairs(
        Index3D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> general,
        BioheatStepParameters p) =>
        LeanChunk(index.X, index.Y, index.Z, index.X + (p.SizeI * (index.Y + (p.SizeJ * index.Z))), t, next, omega, cem, peak, coldest, flags, table, general, p, pairs: true);

    /// <summary><see cref="LeanStepGrid"/> computing four voxels along k per iteration (four loads from memory in flight per thread, at the cost of registers).</summary>
    public static void LeanStepGridQuads(
        Index3D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> general,
        BioheatStepParameters p) =>
        LeanChunk(index.X, index.Y, index.Z, index.X + (p.SizeI * (index.Y + (p.SizeJ * index.Z))), t, next, omega, cem, peak, coldest, flags, table, general, p, pairs: true, quads: true);

    /// <summary>
    /// The lean step with four consecutive i per thread (index.X: i / 4; needs I divisible by 4, so that every row of
    /// four starts on a 16-byte boundary): T of the thread's own, south and north rows are read as one 16-byte vector
    /// each (ld.v4.f32), the i−1 and i+4 neighbours singly; T′ is written as one vector. The four chunks go together:
    /// lean only when all four are plain (<see cref="PlainGroup"/>), and all four move to the general list when one turns hot.
    /// </summary>
    public static void LeanStepGridVector4(
        Index3D index,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> general,
        BioheatStepParameters p)
    {
        var si = p.SizeI;
        var sj = p.SizeJ;
        var sk = p.SizeK;
        var i0 = 4 * index.X;
        var j = index.Y;
        var thread = i0 + (si * (j + (sj * index.Z)));
        var flag = flags[thread];
        if (!PlainGroup(flag, flags[thread + 1], flags[thread + 2], flags[thread + 3]))
        {
            return;
        }

        var m = flag & MaterialMask;
        var count = p.MaterialCount;
        var c = new PlainCoefficients(table, count, m);
        var plane = si * sj;
        var k0 = index.Z * p.ChunkLength;
        var k1 = k0 + p.ChunkLength < sk ? k0 + p.ChunkLength : sk;
        var rows = t.Cast<Float4>();
        var nextRows = next.Cast<Float4>();

        // In units of four floats: the row below/above in j, and the plane.
        var southRow = j > 0 ? -(si / 4) : 0;
        var northRow = j < sj - 1 ? si / 4 : 0;
        var planeRows = plane / 4;
        var n = i0 + (si * j) + (plane * k0);
        var row = n / 4;
        var tC = rows[row];
        var tDown = k0 > 0 ? rows[row - planeRows] : tC;
        var becameHot = false;
        for (var k = k0; k < k1; k++)
        {
            var tUp = k < sk - 1 ? rows[row + planeRows] : tC;
            var tSouth = rows[row + southRow];
            var tNorth = rows[row + northRow];
            var tWest = i0 > 0 ? t[n - 1] : tC.X;
            var tEast = i0 + 4 < si ? t[n + 4] : tC.W;
            Float4 result;
            result.X = PlainVoxel(c, p, tC.X, tWest, tC.Y, tSouth.X, tNorth.X, tDown.X, tUp.X);
            result.Y = PlainVoxel(c, p, tC.Y, tC.X, tC.Z, tSouth.Y, tNorth.Y, tDown.Y, tUp.Y);
            result.Z = PlainVoxel(c, p, tC.Z, tC.Y, tC.W, tSouth.Z, tNorth.Z, tDown.Z, tUp.Z);
            result.W = PlainVoxel(c, p, tC.W, tC.Z, tEast, tSouth.W, tNorth.W, tDown.W, tUp.W);
            nextRows[row] = result;
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n, result.X);
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n + 1, result.Y);
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n + 2, result.Z);
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n + 3, result.W);
            tDown = tC;
            tC = tUp;
            n += plane;
            row += planeRows;
        }

        if (becameHot)
        {
            var slot = Atomic.Add(ref general[0], 4);
            for (var x = 0; x < 4; x++)
            {
                flags[thread + x] = flag | Hot;
                general[1 + slot + x] = thread + x;
            }
        }
    }

    /// <summary>Whether four consecutive chunks (i divisible by 4 first) all take the lean path: all plain, one material.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool PlainGroup(int f0, int f1, int f2, int f3) =>
        ((f0 | f1 | f2 | f3) & NotPlain) == 0 && f0 == f1 && f0 == f2 && f0 == f3;

    /// <summary>The general step of one column chunk: any materials, fixed voxels, sources and damage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepChunk(
        int i,
        int j,
        int chunk,
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
        var si = p.SizeI;
        var sj = p.SizeJ;
        var sk = p.SizeK;
        var plane = si * sj;
        var flagIndex = i + (si * (j + (sj * chunk)));
        var flag = flags[flagIndex];
        var mixed = (flag & Mixed) != 0;
        var fixedNear = p.HasFixed != 0 && (flag & FixedNear) != 0;
        var hasSource = (flag & Source) != 0;
        var everHot = (flag & Hot) != 0;
        var insulating = fixedNear && p.ProbeHeld == 0;
        var k0 = chunk * p.ChunkLength;
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
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, mC, n, result);
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

    /// <summary>
    /// The step of a plain chunk (flag without <see cref="NotPlain"/> bits): the general formula with one material,
    /// no fixed voxel (so no insulating face), Ω = 0 (never hot, so e^−Ω = 1) and no source, in the same order. Only T
    /// is read; the material's coefficients stay in registers for the whole chunk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LeanChunk(
        int i,
        int j,
        int chunk,
        int thread,
        ArrayView<float> t,
        ArrayView<float> next,
        ArrayView<float> omega,
        ArrayView<float> cem,
        ArrayView<float> peak,
        ArrayView<float> coldest,
        ArrayView<int> flags,
        ArrayView<float> table,
        ArrayView<int> general,
        BioheatStepParameters p,
        bool pairs,
        bool quads = false)
    {
        var flag = flags[thread];
        if ((flag & NotPlain) != 0)
        {
            return;
        }

        var m = flag & MaterialMask;
        var count = p.MaterialCount;
        var c = new PlainCoefficients(table, count, m);
        var si = p.SizeI;
        var sk = p.SizeK;
        var plane = si * p.SizeJ;
        var k0 = chunk * p.ChunkLength;
        var k1 = k0 + p.ChunkLength < sk ? k0 + p.ChunkLength : sk;
        var west = i > 0 ? -1 : 0;
        var east = i < si - 1 ? 1 : 0;
        var south = j > 0 ? -si : 0;
        var north = j < p.SizeJ - 1 ? si : 0;
        var n = i + (si * j) + (plane * k0);
        var tC = t[n];
        var tDown = k0 > 0 ? t[n - plane] : tC;
        var becameHot = false;
        var k = k0;
        if (quads)
        {
            for (; k + 3 < k1; k += 4)
            {
                // As for pairs: every load of the four voxels before any store.
                var n1 = n + plane;
                var n2 = n1 + plane;
                var n3 = n2 + plane;
                var t1 = t[n1];
                var t2 = t[n2];
                var t3 = t[n3];
                var t4 = k + 4 < sk ? t[n3 + plane] : t3;
                var w0 = t[n + west];
                var e0 = t[n + east];
                var s0 = t[n + south];
                var u0 = t[n + north];
                var w1 = t[n1 + west];
                var e1 = t[n1 + east];
                var s1 = t[n1 + south];
                var u1 = t[n1 + north];
                var w2 = t[n2 + west];
                var e2 = t[n2 + east];
                var s2 = t[n2 + south];
                var u2 = t[n2 + north];
                var w3 = t[n3 + west];
                var e3 = t[n3 + east];
                var s3 = t[n3 + south];
                var u3 = t[n3 + north];
                var r0 = PlainVoxel(c, p, tC, w0, e0, s0, u0, tDown, t1);
                var r1 = PlainVoxel(c, p, t1, w1, e1, s1, u1, tC, t2);
                var r2 = PlainVoxel(c, p, t2, w2, e2, s2, u2, t1, t3);
                var r3 = PlainVoxel(c, p, t3, w3, e3, s3, u3, t2, t4);
                next[n] = r0;
                next[n1] = r1;
                next[n2] = r2;
                next[n3] = r3;
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n, r0);
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n1, r1);
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n2, r2);
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n3, r3);
                tDown = t3;
                tC = t4;
                n = n3 + plane;
            }
        }

        if (pairs)
        {
            for (; k + 1 < k1; k += 2)
            {
                // All loads of both voxels first: the stores below may alias them as far as the compiler knows.
                var n1 = n + plane;
                var tUp = t[n1];
                var tUp2 = k + 2 < sk ? t[n1 + plane] : tUp;
                var w0 = t[n + west];
                var e0 = t[n + east];
                var s0 = t[n + south];
                var u0 = t[n + north];
                var w1 = t[n1 + west];
                var e1 = t[n1 + east];
                var s1 = t[n1 + south];
                var u1 = t[n1 + north];
                var r0 = PlainVoxel(c, p, tC, w0, e0, s0, u0, tDown, tUp);
                var r1 = PlainVoxel(c, p, tUp, w1, e1, s1, u1, tC, tUp2);
                next[n] = r0;
                next[n1] = r1;
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n, r0);
                becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n1, r1);
                tDown = tUp;
                tC = tUp2;
                n = n1 + plane;
            }
        }

        for (; k < k1; k++)
        {
            var tUp = k < sk - 1 ? t[n + plane] : tC;
            var result = PlainVoxel(c, p, tC, t[n + west], t[n + east], t[n + south], t[n + north], tDown, tUp);
            next[n] = result;
            becameHot |= Track(omega, cem, peak, coldest, table, p, count, m, n, result);
            tDown = tC;
            tC = tUp;
            n += plane;
        }

        if (becameHot)
        {
            // Only this thread handles this chunk in this step, so the flag has no other writer; the general kernel
            // (launched before the lean one in every step) takes the chunk over from the next step on.
            flags[thread] = flag | Hot;
            var slot = Atomic.Add(ref general[0], 1);
            general[1 + slot] = thread;
        }
    }

    /// <summary>T′ of a free voxel of a plain chunk; the six faces i−, i+, j−, j+, k−, k+ as in the general path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PlainVoxel(PlainCoefficients c, BioheatStepParameters p, float tC, float tWest, float tEast, float tSouth, float tNorth, float tDown, float tUp)
    {
        var unfrozen = tC >= p.PhaseHigh;
        var sum = PlainFace(c, p, c.FaceI, p.InverseSpacingSquaredI, tC, unfrozen, tWest);
        sum += PlainFace(c, p, c.FaceI, p.InverseSpacingSquaredI, tC, unfrozen, tEast);
        sum += PlainFace(c, p, c.FaceJ, p.InverseSpacingSquaredJ, tC, unfrozen, tSouth);
        sum += PlainFace(c, p, c.FaceJ, p.InverseSpacingSquaredJ, tC, unfrozen, tNorth);
        sum += PlainFace(c, p, c.FaceK, p.InverseSpacingSquaredK, tC, unfrozen, tDown);
        sum += PlainFace(c, p, c.FaceK, p.InverseSpacingSquaredK, tC, unfrozen, tUp);

        // Ω = 0 here, so the general path's rate W·1f is W; no source: q = 0 (omitted: x + 0 is x but for the sign of a zero).
        var perfusion = unfrozen ? c.Perfusion * (p.BloodTemperature - tC) : 0f;
        var inverseCapacity = tC >= p.PhaseHigh ? c.InverseCapacity : tC <= p.PhaseLow ? c.InverseFrozenCapacity : c.InverseMushyCapacity;
        var dtc = p.Dt * inverseCapacity;
        return tC + (dtc * (sum + perfusion));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float PlainFace(PlainCoefficients c, BioheatStepParameters p, float face, float inverseSpacingSquared, float tn, bool unfrozen, float tb)
    {
        float g;
        if (unfrozen && tb >= p.PhaseHigh)
        {
            g = face;
        }
        else
        {
            var ka = c.ConductivityAt(p, tn);
            var kb = c.ConductivityAt(p, tb);
            g = 2f * ka * kb / (ka + kb) * inverseSpacingSquared;
        }

        return g * (tb - tn);
    }

    /// <summary>Damage, CEM43, peak and coldest after a voxel's update with its new temperature; true when it reached the damage threshold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Track(ArrayView<float> omega, ArrayView<float> cem, ArrayView<float> peak, ArrayView<float> coldest, ArrayView<float> table, BioheatStepParameters p, int count, int m, int n, float result)
    {
        var hot = false;
        if (result >= p.DamageThreshold)
        {
            var rate = Exp(table[(BioheatTable.LogFrequencyFactor * count) + m] - (table[(BioheatTable.ActivationTemperature * count) + m] / (result + KelvinOffset)));
            var damage = omega[n] + (p.Dt * rate);
            omega[n] = damage < DamageCap ? damage : DamageCap;
            var equivalent = Exp((43f - result) * (result >= 43f ? p.LnHalf : p.LnQuarter));
            var minutes = cem[n] + (p.DtMinutes * equivalent);
            cem[n] = minutes < DamageCap ? minutes : DamageCap;
            if (result > peak[n])
            {
                peak[n] = result;
            }

            hot = true;
        }

        if (result <= p.ColdTracking && result < coldest[n])
        {
            coldest[n] = result;
        }

        return hot;
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

    /// <summary>One material's coefficients, read from the table once per plain chunk.</summary>
    private readonly struct PlainCoefficients
    {
        public readonly float FaceI;
        public readonly float FaceJ;
        public readonly float FaceK;
        public readonly float Conductivity;
        public readonly float FrozenConductivity;
        public readonly float Perfusion;
        public readonly float InverseCapacity;
        public readonly float InverseFrozenCapacity;
        public readonly float InverseMushyCapacity;

        public PlainCoefficients(ArrayView<float> table, int count, int m)
        {
            var faces = BioheatTable.Rows * count;
            var pair = (m * count) + m;
            FaceI = table[faces + pair];
            FaceJ = table[faces + (count * count) + pair];
            FaceK = table[faces + (2 * count * count) + pair];
            Conductivity = table[(BioheatTable.Conductivity * count) + m];
            FrozenConductivity = table[(BioheatTable.FrozenConductivity * count) + m];
            Perfusion = table[(BioheatTable.PerfusionRate * count) + m];
            InverseCapacity = table[(BioheatTable.InverseCapacity * count) + m];
            InverseFrozenCapacity = table[(BioheatTable.InverseFrozenCapacity * count) + m];
            InverseMushyCapacity = table[(BioheatTable.InverseMushyCapacity * count) + m];
        }

        /// <summary>k(m, T) as <see cref="ConductivityAt"/>, same operations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float ConductivityAt(BioheatStepParameters p, float t)
        {
            if (t >= p.PhaseHigh)
            {
                return Conductivity;
            }

            if (t <= p.PhaseLow)
            {
                return FrozenConductivity;
            }

            return FrozenConductivity + ((Conductivity - FrozenConductivity) * ((t - p.PhaseLow) * p.InversePhaseRange));
        }
    }

    /// <summary>Four consecutive floats, loaded and stored as one 16-byte vector on CUDA.</summary>
    private struct Float4
    {
        public float X;
        public float Y;
        public float Z;
        public float W;
    }
}
