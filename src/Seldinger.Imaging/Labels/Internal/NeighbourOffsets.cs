namespace Seldinger.Imaging.Labels.Internal;

/// <summary>Neighbour offsets (di, dj, dk) for a connectivity.</summary>
internal static class NeighbourOffsets
{
    public static (int DI, int DJ, int DK)[] For(Connectivity connectivity)
    {
        var maxManhattan = connectivity switch
        {
            Connectivity.Six => 1,
            Connectivity.Eighteen => 2,
            Connectivity.TwentySix => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "Connectivity must be 6, 18 or 26."),
        };
        var offsets = new List<(int, int, int)>(26);
        for (var dk = -1; dk <= 1; dk++)
        {
            for (var dj = -1; dj <= 1; dj++)
            {
                for (var di = -1; di <= 1; di++)
                {
                    var m = Math.Abs(di) + Math.Abs(dj) + Math.Abs(dk);
                    if (m > 0 && m <= maxManhattan)
                    {
                        offsets.Add((di, dj, dk));
                    }
                }
            }
        }

        return [.. offsets];
    }

    /// <summary>The offsets that precede the centre in raster order (k, then j, then i).</summary>
    public static (int DI, int DJ, int DK)[] Backward(Connectivity connectivity) =>
        [.. For(connectivity).Where(o => o.DK < 0 || (o.DK == 0 && (o.DJ < 0 || (o.DJ == 0 && o.DI < 0))))];
}
