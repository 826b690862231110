using System.Buffers;

namespace Seldinger.Imaging.Filters.Internal;

/// <summary>
/// One thread's working memory for the distance transform's line passes, rented once from the shared
/// array pool and returned on <see cref="Dispose"/>.
/// </summary>
internal sealed class EnvelopeScratch : IDisposable
{
    public EnvelopeScratch(int maxLength)
    {
        Tile = ArrayPool<float>.Shared.Rent(ParabolaEnvelope.WideTileWidth * maxLength);
        Vertices = ArrayPool<int>.Shared.Rent(maxLength);
        Values = ArrayPool<double>.Shared.Rent(maxLength);
        Weighted = ArrayPool<double>.Shared.Rent(maxLength);
        Row = ArrayPool<int>.Shared.Rent(maxLength);
    }

    /// <summary>Row-major tile: element q of line c at [q·width + c], up to <see cref="ParabolaEnvelope.WideTileWidth"/> lines wide.</summary>
    public float[] Tile { get; }

    /// <summary>Position of each parabola in the lower envelope.</summary>
    public int[] Vertices { get; }

    /// <summary>Height f(p) of each parabola in the lower envelope.</summary>
    public double[] Values { get; }

    /// <summary>f(p) + s²p² of each parabola in the lower envelope.</summary>
    public double[] Weighted { get; }

    /// <summary>Integer distances along one row, for the first pass.</summary>
    public int[] Row { get; }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(Tile);
        ArrayPool<int>.Shared.Return(Vertices);
        ArrayPool<double>.Shared.Return(Values);
        ArrayPool<double>.Shared.Return(Weighted);
        ArrayPool<int>.Shared.Return(Row);
    }
}
