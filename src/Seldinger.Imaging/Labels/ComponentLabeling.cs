namespace Seldinger.Imaging.Labels;

/// <summary>Connected components of a mask.</summary>
/// <param name="Labels">0 on background; 1…<see cref="ComponentCount"/> on components, numbered in raster order (k, j, i) of each component's first voxel.</param>
/// <param name="Sizes">Voxel count of each component; entry 0 is the background count.</param>
public sealed record ComponentLabeling(Volume<int> Labels, IReadOnlyList<long> Sizes)
{
    /// <summary>Number of components.</summary>
    public int ComponentCount => Sizes.Count - 1;

    /// <summary>The label of the largest component (the lowest label on a tie), or 0 when there is none.</summary>
    public int LargestLabel
    {
        get
        {
            var best = 0;
            for (var l = 1; l < Sizes.Count; l++)
            {
                if (best == 0 || Sizes[l] > Sizes[best])
                {
                    best = l;
                }
            }

            return best;
        }
    }
}
