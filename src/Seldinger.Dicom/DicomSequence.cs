using System.Collections;

namespace Seldinger.Dicom;

/// <summary>The items of a sequence (SQ) element, each a dataset.</summary>
public sealed class DicomSequence : IReadOnlyList<DicomDataset>
{
    private readonly List<DicomDataset> _items;

    /// <summary>Creates a sequence of <paramref name="items"/>.</summary>
    public DicomSequence(IEnumerable<DicomDataset> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (var item in _items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }
    }

    internal DicomSequence(List<DicomDataset> items, bool undefinedLength)
    {
        _items = items;
        HasUndefinedLength = undefinedLength;
    }

    /// <summary>
    /// True (the default for new sequences) when the sequence is written with undefined length and a
    /// sequence delimiter; false when it was read with an explicit length, which writing keeps.
    /// </summary>
    public bool HasUndefinedLength { get; init; } = true;

    /// <summary>The number of items.</summary>
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public DicomDataset this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<DicomDataset> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
