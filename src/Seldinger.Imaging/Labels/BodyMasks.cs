using Seldinger.Imaging.Morphology;

namespace Seldinger.Imaging.Labels;

/// <summary>Masks (1/0) of the body and of air, lung and bone from a CT in Hounsfield units.</summary>
public static class BodyMasks
{
    /// <summary>Default HU above which a voxel is tissue rather than outside air (halfway between air and fat).</summary>
    public const short DefaultBodyThresholdHu = -500;

    /// <summary>Lower bound of aerated lung (HU).</summary>
    public const short LungLowerHu = -950;

    /// <summary>Upper bound of aerated lung and of gas (HU).</summary>
    public const short AirUpperHu = -400;

    /// <summary>HU above which a voxel is bone.</summary>
    public const short BoneThresholdHu = 250;

    /// <summary>
    /// The body: the largest 6-connected component of voxels above <paramref name="thresholdHu"/>, with holes
    /// (lungs, bowel gas) filled slice by slice in the i–j plane so air inside the trunk counts as body.
    /// </summary>
    /// <remarks>The per-slice fill keeps an airway or bowel loop open at the top or bottom of the scan from leaking to the outside.</remarks>
    public static Volume<byte> Body(Volume<short> hounsfield, short thresholdHu = DefaultBodyThresholdHu)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        var tissue = IntensityThreshold.Apply(hounsfield, (short)(thresholdHu + 1), short.MaxValue);
        var largest = ConnectedComponents.KeepLargest(tissue, Connectivity.Six);
        return BinaryMorphology.FillHolesPerSlice(largest, Connectivity.Six);
    }

    /// <summary>
    /// The skin surface: body voxels with a face neighbour (6-adjacent) inside the grid that is not body.
    /// </summary>
    /// <remarks>Neighbours outside the grid do not count, so a body cut by the first or last slice has no skin on the cut.</remarks>
    public static Volume<byte> Skin(Volume<byte> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var g = body.Geometry;
        var src = body.Voxels;
        var result = new Volume<byte>(g);
        var dst = result.Voxels;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        Parallel.For(0, nz, k =>
        {
            for (var j = 0; j < ny; j++)
            {
                var row = g.LinearIndex(0, j, k);
                for (var i = 0; i < nx; i++)
                {
                    var n = row + i;
                    if (src[n] == 0)
                    {
                        continue;
                    }

                    var surface = (i > 0 && src[n - 1] == 0) || (i < nx - 1 && src[n + 1] == 0)
                        || (j > 0 && src[n - nx] == 0) || (j < ny - 1 && src[n + nx] == 0)
                        || (k > 0 && src[n - plane] == 0) || (k < nz - 1 && src[n + plane] == 0);
                    dst[n] = (byte)(surface ? 1 : 0);
                }
            }
        });
        return result;
    }

    /// <summary>
    /// Aerated lung: body voxels in [<see cref="LungLowerHu"/>, <see cref="AirUpperHu"/>] that form 6-connected
    /// components of at least <paramref name="minimumVolumeMl"/> mL (smaller pockets are bowel or stomach gas).
    /// </summary>
    public static Volume<byte> Lung(Volume<short> hounsfield, Volume<byte> body, double minimumVolumeMl = 1)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        ArgumentNullException.ThrowIfNull(body);
        if (!double.IsFinite(minimumVolumeMl) || minimumVolumeMl < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumVolumeMl), minimumVolumeMl, "The minimum lung volume must be a non-negative number of millilitres.");
        }

        var air = LabelMapOperations.Intersection(IntensityThreshold.Apply(hounsfield, LungLowerHu, AirUpperHu), body);
        var g = body.Geometry;
        var voxelMl = g.SpacingI * g.SpacingJ * g.SpacingK / 1000.0;
        return ConnectedComponents.RemoveSmall(air, Connectivity.Six, (long)Math.Ceiling(minimumVolumeMl / voxelMl));
    }

    /// <summary>Bone: body voxels above <see cref="BoneThresholdHu"/>.</summary>
    public static Volume<byte> Bone(Volume<short> hounsfield, Volume<byte> body)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        return LabelMapOperations.Intersection(IntensityThreshold.Apply(hounsfield, BoneThresholdHu + 1, short.MaxValue), body);
    }

    /// <summary>Gas inside the body outside the lungs (bowel, stomach, free air): body voxels at or below <see cref="AirUpperHu"/> not in <paramref name="lung"/>.</summary>
    public static Volume<byte> Gas(Volume<short> hounsfield, Volume<byte> body, Volume<byte> lung)
    {
        ArgumentNullException.ThrowIfNull(hounsfield);
        var air = LabelMapOperations.Intersection(IntensityThreshold.Apply(hounsfield, short.MinValue, AirUpperHu), body);
        return LabelMapOperations.Difference(air, lung);
    }
}
