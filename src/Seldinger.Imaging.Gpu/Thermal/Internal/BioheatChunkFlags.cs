using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Imaging.Gpu.Thermal.Internal;

/// <summary>
/// The per-thread flag words of <see cref="BioheatKernels.Step"/> (thread = column (i, j) × chunk of k), computed on the
/// host from the problem's volumes. Conservative: a flag may claim a fixed voxel or a second material where none is
/// needed (the kernel then only reads more), never the opposite.
/// </summary>
internal static class BioheatChunkFlags
{
    /// <summary>Threads wanted at least, so that a device has enough columns in flight.</summary>
    public const int TargetThreads = 1 << 17;

    /// <summary>
    /// The longest chunk the split layouts choose themselves: their general kernel runs only over the few listed chunks,
    /// and with whole columns those few threads would each march hundreds of voxels, one after the other, while the
    /// rest of the device idles. 64 voxels cost the lean kernel about 2/64 more (cached) plane reads.
    /// </summary>
    public const int SplitMaxChunkLength = 64;

    /// <summary>The chunk length along k: the whole column when there are enough columns, else shorter chunks; at most <paramref name="longest"/> unless requested.</summary>
    public static int ChooseChunkLength(VolumeGeometry g, int requested, int longest = int.MaxValue)
    {
        if (requested > 0)
        {
            return Math.Min(requested, g.SizeK);
        }

        var columns = (long)g.SizeI * g.SizeJ;
        var chunks = (int)Math.Clamp((TargetThreads + columns - 1) / columns, 1, g.SizeK);
        return Math.Min(longest, Math.Max(1, (g.SizeK + chunks - 1) / chunks));
    }

    public static int[] Build(BioheatProblem problem, int chunkLength)
    {
        var g = problem.Geometry;
        int si = g.SizeI, sj = g.SizeJ, sk = g.SizeK;
        var chunks = (sk + chunkLength - 1) / chunkLength;
        var material = problem.MaterialIndex.Voxels;
        var fixedKind = problem.Fixed?.Voxels;
        var source = problem.HeatSource?.Voxels;
        var plane = si * sj;
        var threads = plane * chunks;

        // Own column range k0 − 1 … k1 (clamped): one material (or −1) and whether a fixed voxel occurs; own k0 … k1 − 1: a source.
        var own = new int[threads];
        var ownFixed = new bool[threads];
        var ownSource = new bool[threads];
        Parallel.For(0, chunks * sj, row =>
        {
            var c = row / sj;
            var j = row % sj;
            var k0 = c * chunkLength;
            var k1 = Math.Min(sk, k0 + chunkLength);
            var from = Math.Max(0, k0 - 1);
            var to = Math.Min(sk - 1, k1);
            for (var i = 0; i < si; i++)
            {
                var column = i + (si * j);
                var m = (int)material[column + (plane * from)];
                var anyFixed = false;
                var anySource = false;
                for (var k = from; k <= to; k++)
                {
                    var n = column + (plane * k);
                    if (material[n] != m)
                    {
                        m = -1;
                    }

                    anyFixed |= fixedKind is not null && fixedKind[n] != 0;
                    anySource |= source is not null && k >= k0 && k < k1 && source[n] != 0;
                }

                var t = column + (plane * c);
                own[t] = m;
                ownFixed[t] = anyFixed;
                ownSource[t] = anySource;
            }
        });

        var flags = new int[threads];
        Parallel.For(0, chunks * sj, row =>
        {
            var c = row / sj;
            var j = row % sj;
            for (var i = 0; i < si; i++)
            {
                var t = i + (si * j) + (plane * c);
                var m = own[t];
                var near = ownFixed[t];
                Span<int> neighbours = [i > 0 ? t - 1 : t, i < si - 1 ? t + 1 : t, j > 0 ? t - si : t, j < sj - 1 ? t + si : t];
                foreach (var nb in neighbours)
                {
                    if (own[nb] != m)
                    {
                        m = -1;
                    }

                    near |= ownFixed[nb];
                }

                var flag = m >= 0 ? m : BioheatKernels.Mixed;
                if (near)
                {
                    flag |= BioheatKernels.FixedNear;
                }

                if (ownSource[t])
                {
                    flag |= BioheatKernels.Source;
                }

                flags[t] = flag;
            }
        });

        return flags;
    }

    /// <summary>
    /// The split layouts' start lists from the flag words: the plain threads (no <see cref="BioheatKernels.NotPlain"/>
    /// bit) in ascending order, and the general list as the device holds it: element 0 the count, then the other
    /// threads ascending, then room for every plain thread (each is appended at most once, when it turns hot). With
    /// <paramref name="groupWidth"/> 4 (<see cref="BioheatKernels.LeanStepGridVector4"/>; I divisible by 4) a thread is
    /// plain only when its whole group of four is (<see cref="BioheatKernels.PlainGroup"/>).
    /// </summary>
    public static (int[] Plain, int[] General) Lists(int[] flags, int groupWidth = 1)
    {
        var isPlain = new bool[flags.Length];
        for (var t = 0; t < flags.Length; t += groupWidth)
        {
            var plain = groupWidth == 4
                ? BioheatKernels.PlainGroup(flags[t], flags[t + 1], flags[t + 2], flags[t + 3])
                : (flags[t] & BioheatKernels.NotPlain) == 0;
            for (var x = 0; x < groupWidth; x++)
            {
                isPlain[t + x] = plain;
            }
        }

        var plainList = new int[isPlain.Count(b => b)];
        var general = new int[1 + flags.Length];
        int p = 0, g = 0;
        for (var t = 0; t < flags.Length; t++)
        {
            if (isPlain[t])
            {
                plainList[p++] = t;
            }
            else
            {
                general[1 + g++] = t;
            }
        }

        general[0] = g;
        return (plainList, general);
    }
}
