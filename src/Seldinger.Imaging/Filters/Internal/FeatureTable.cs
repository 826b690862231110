using System.Buffers;

namespace Seldinger.Imaging.Filters.Internal;

/// <summary>Which label values are features, as a lookup table and as vectorised search values.</summary>
internal sealed class FeatureTable
{
    private readonly SearchValues<byte> _values;

    public FeatureTable(Func<byte, bool> isFeature)
    {
        var table = new bool[256];
        var values = new List<byte>();
        for (var v = 0; v < 256; v++)
        {
            table[v] = isFeature((byte)v);
            if (table[v])
            {
                values.Add((byte)v);
            }
        }

        IsFeature = table;
        _values = SearchValues.Create(values.ToArray());
    }

    /// <summary>Indexed by label value.</summary>
    public bool[] IsFeature { get; }

    /// <summary>Offset of the first feature in <paramref name="labels"/>, or −1.</summary>
    public int IndexOfFeature(ReadOnlySpan<byte> labels) => labels.IndexOfAny(_values);

    /// <summary>Offset of the first non-feature in <paramref name="labels"/>, or −1.</summary>
    public int IndexOfNonFeature(ReadOnlySpan<byte> labels) => labels.IndexOfAnyExcept(_values);
}
