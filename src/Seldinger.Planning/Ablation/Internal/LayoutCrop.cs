using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>
/// The box of the label map a layout search works in: the tumor grown by the margin (numbered voxels, so coverage is a
/// bit set), the signed distance to the tumor, and for each voxel how far inside the clearance of a protected structure
/// it lies. Every candidate zone is counted here instead of on the whole volume.
/// </summary>
internal sealed class LayoutCrop
{
    private const long MaximumVoxels = 64L * 1024 * 1024;

    private LayoutCrop(VolumeGeometry full, VoxelIndex lo, int ni, int nj, int nk)
    {
        Full = full;
        Lo = lo;
        Ni = ni;
        Nj = nj;
        Nk = nk;
    }

    public VolumeGeometry Full { get; }

    public VoxelIndex Lo { get; }

    public int Ni { get; }

    public int Nj { get; }

    public int Nk { get; }

    /// <summary>Crop voxel → number of the tumor + margin voxel, or −1 outside it.</summary>
    public int[] GrownIndex { get; private set; } = [];

    /// <summary>Crop voxel of each tumor + margin voxel, by number.</summary>
    public int[] GrownVoxels { get; private set; } = [];

    /// <summary>Bit set over the tumor + margin numbering: the tumor's own voxels.</summary>
    public ulong[] TumorBits { get; private set; } = [];

    public int TumorCount { get; private set; }

    /// <summary>Signed distance to the tumor (mm), negative inside.</summary>
    public float[] TumorSigned { get; private set; } = [];

    /// <summary>Protected label at the voxel, or 0.</summary>
    public byte[] Protected { get; private set; } = [];

    /// <summary>Largest (clearance − distance) over the protected structures (mm): positive when closer than the clearance.</summary>
    public float[] Deficit { get; private set; } = [];

    public double VoxelMl => Full.SpacingI * Full.SpacingJ * Full.SpacingK / 1000;

    public int Linear(int i, int j, int k) => i + (Ni * (j + (Nj * k)));

    /// <summary>Builds the crop: the tumor's box grown by <paramref name="marginMm"/> + <paramref name="reachMm"/>.</summary>
    public static LayoutCrop Build(Volume<byte> labels, byte target, double marginMm, double reachMm, IReadOnlyList<ProcedureProtection> protect)
    {
        var g = labels.Geometry;
        int loI = int.MaxValue, loJ = int.MaxValue, loK = int.MaxValue, hiI = -1, hiJ = -1, hiK = -1;
        var v = labels.Voxels;
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                var row = v.AsSpan(g.LinearIndex(0, j, k), g.SizeI);
                var first = row.IndexOf(target);
                if (first < 0)
                {
                    continue;
                }

                var last = row.LastIndexOf(target);
                loI = Math.Min(loI, first);
                hiI = Math.Max(hiI, last);
                loJ = Math.Min(loJ, j);
                hiJ = Math.Max(hiJ, j);
                loK = Math.Min(loK, k);
                hiK = Math.Max(hiK, k);
            }
        }

        if (hiI < 0)
        {
            throw new PlanningException($"The label map has no {(TissueLabel)target} voxels to ablate.");
        }

        var grow = marginMm + reachMm;
        int gi = (int)Math.Ceiling(grow / g.SpacingI) + 1, gj = (int)Math.Ceiling(grow / g.SpacingJ) + 1, gk = (int)Math.Ceiling(grow / g.SpacingK) + 1;
        var lo = new VoxelIndex(Math.Max(0, loI - gi), Math.Max(0, loJ - gj), Math.Max(0, loK - gk));
        var hi = new VoxelIndex(Math.Min(g.SizeI - 1, hiI + gi), Math.Min(g.SizeJ - 1, hiJ + gj), Math.Min(g.SizeK - 1, hiK + gk));
        int ni = hi.I - lo.I + 1, nj = hi.J - lo.J + 1, nk = hi.K - lo.K + 1;
        if ((long)ni * nj * nk > MaximumVoxels)
        {
            throw new PlanningException("The tumor with its margin and the zones around it spans too many voxels to search; resample the label map to a coarser grid.");
        }

        var crop = new LayoutCrop(g, lo, ni, nj, nk);
        var cropGeometry = new VolumeGeometry(ni, nj, nk, g.IndexToWorld(lo), g.SpacingI, g.SpacingJ, g.SpacingK, g.Direction);
        var cropLabels = new Volume<byte>(cropGeometry);
        for (var k = 0; k < nk; k++)
        {
            for (var j = 0; j < nj; j++)
            {
                v.AsSpan(g.LinearIndex(lo.I, lo.J + j, lo.K + k), ni).CopyTo(cropLabels.Voxels.AsSpan(cropGeometry.LinearIndex(0, j, k), ni));
            }
        }

        crop.TumorSigned = EuclideanDistanceTransform.ComputeSigned(cropLabels, b => b == target).Voxels;
        var count = cropLabels.Voxels.Length;
        var grownIndex = new int[count];
        var grown = new List<int>();
        for (var n = 0; n < count; n++)
        {
            if (cropLabels.Voxels[n] == target || crop.TumorSigned[n] <= marginMm)
            {
                grownIndex[n] = grown.Count;
                grown.Add(n);
            }
            else
            {
                grownIndex[n] = -1;
            }
        }

        crop.GrownIndex = grownIndex;
        crop.GrownVoxels = [.. grown];
        crop.TumorBits = new ulong[(grown.Count + 63) / 64];
        for (var n = 0; n < grown.Count; n++)
        {
            if (cropLabels.Voxels[grown[n]] == target)
            {
                crop.TumorBits[n >> 6] |= 1UL << (n & 63);
                crop.TumorCount++;
            }
        }

        crop.Protected = new byte[count];
        crop.Deficit = new float[count];
        Array.Fill(crop.Deficit, float.NegativeInfinity);
        foreach (var p in protect)
        {
            var label = (byte)p.Label;
            if (label == target || !cropLabels.Voxels.AsSpan().Contains(label))
            {
                continue;
            }

            var distance = EuclideanDistanceTransform.Compute(cropLabels, label).Voxels;
            for (var n = 0; n < count; n++)
            {
                crop.Deficit[n] = Math.Max(crop.Deficit[n], (float)(p.MinimumClearanceMm - distance[n]));
                if (cropLabels.Voxels[n] == label)
                {
                    crop.Protected[n] = label;
                }
            }
        }

        return crop;
    }
}
