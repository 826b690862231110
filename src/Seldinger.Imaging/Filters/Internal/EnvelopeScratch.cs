using Seldinger.Imaging.Buffers;

namespace Seldinger.Imaging.Filters.Internal;

/// <summary>
/// One thread's working memory for the distance transform's line passes, rented once from
/// <see cref="BufferPool.Current"/> and returned on <see cref="Dispose"/>.
/// </summary>
internal sealed class EnvelopeScratch : IDisposable
{
    private readonly BufferPool _pool;
    private readonly double[] _offsets;
    private double _offsetSpacing = double.NaN;
    private int _offsetLength = -1;

    public EnvelopeScratch(int maxLength)
    {
        _pool = BufferPool.Current;
        Input = _pool.Rent<float>(ParabolaEnvelope.WideTileWidth * ParabolaEnvelope.Pitch(maxLength));
        Tile = _pool.Rent<float>(ParabolaEnvelope.WideTileWidth * ParabolaEnvelope.Pitch(maxLength));
        Vertices = _pool.Rent<int>(maxLength);
        Values = _pool.Rent<double>(maxLength);
        Weighted = _pool.Rent<double>(maxLength);
        Sites = _pool.Rent<int>(maxLength);
        WeightedSteps = _pool.Rent<double>(maxLength);
        VertexSteps = _pool.Rent<double>(maxLength);
        _offsets = _pool.Rent<double>(2 * maxLength);
    }

    /// <summary>The finite input lines of a tile, packed: site t of line c at [c·pitch(sites) + t].</summary>
    public float[] Input { get; }

    /// <summary>Output tile, one line after another: element q of line c at [c·pitch(length) + q], up to <see cref="ParabolaEnvelope.WideTileWidth"/> lines wide.</summary>
    public float[] Tile { get; }

    /// <summary>Position of each parabola in the lower envelope.</summary>
    public int[] Vertices { get; }

    /// <summary>Height f(p) of each parabola in the lower envelope.</summary>
    public double[] Values { get; }

    /// <summary>f(p) + s²p² of each parabola in the lower envelope.</summary>
    public double[] Weighted { get; }

    /// <summary>w(s) − w(s − 1) of each parabola s &gt; 0 in the lower envelope.</summary>
    public double[] WeightedSteps { get; }

    /// <summary>v(s) − v(s − 1) of each parabola s &gt; 0 in the lower envelope.</summary>
    public double[] VertexSteps { get; }

    /// <summary>Positions along a line whose inputs are finite (rows of a slice that hold a feature).</summary>
    public int[] Sites { get; }

    /// <summary>
    /// (spacing·d)² at [length − 1 + d] for d in −(length − 1) … length − 1, computed once per spacing and length.
    /// </summary>
    public ReadOnlySpan<double> SquaredOffsets(double spacing, int length)
    {
        if (spacing != _offsetSpacing || length != _offsetLength)
        {
            for (var d = 1 - length; d < length; d++)
            {
                var offset = d * spacing;
                _offsets[length - 1 + d] = offset * offset;
            }

            _offsetSpacing = spacing;
            _offsetLength = length;
        }

        return _offsets.AsSpan(0, (2 * length) - 1);
    }

    public void Dispose()
    {
        _pool.Return(Input);
        _pool.Return(Tile);
        _pool.Return(Vertices);
        _pool.Return(Values);
        _pool.Return(Weighted);
        _pool.Return(Sites);
        _pool.Return(WeightedSteps);
        _pool.Return(VertexSteps);
        _pool.Return(_offsets);
    }
}
