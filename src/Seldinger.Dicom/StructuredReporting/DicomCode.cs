namespace Seldinger.Dicom.StructuredReporting;

/// <summary>
/// A coded concept (PS3.3 Table 8.8-1, Code Sequence Macro): Code Value, Coding Scheme Designator
/// and Code Meaning, e.g. (10200004, SCT, "Liver"). Equality is by value and scheme only; the meaning
/// is for people.
/// </summary>
/// <param name="Value">Code Value (0008,0100), or the Long Code Value / URN Code Value when that is what the item holds.</param>
/// <param name="Scheme">Coding Scheme Designator (0008,0102), e.g. SCT, DCM, UCUM.</param>
/// <param name="Meaning">Code Meaning (0008,0104).</param>
public sealed record DicomCode(string Value, string Scheme, string Meaning)
{
    /// <summary>Reads the code from one item of a code sequence.</summary>
    /// <exception cref="DicomDataException">The item has no code value.</exception>
    public static DicomCode FromItem(DicomDataset item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string? value = null;
        if (!item.TryGetString(DicomTags.CodeValue, out value) || value.Length == 0)
        {
            if (!item.TryGetString(DicomTags.LongCodeValue, out value) && !item.TryGetString(DicomTags.URNCodeValue, out value))
            {
                throw new DicomDataException(DicomTags.CodeValue, "the code item has no Code Value, Long Code Value or URN Code Value");
            }
        }

        return new DicomCode(
            value,
            item.TryGetString(DicomTags.CodingSchemeDesignator, out var scheme) ? scheme : "",
            item.TryGetString(DicomTags.CodeMeaning, out var meaning) ? meaning : "");
    }

    /// <summary>The first item of the code sequence <paramref name="tag"/> of <paramref name="dataset"/>, or null when absent or empty.</summary>
    public static DicomCode? FromSequence(DicomDataset dataset, DicomTag tag)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var element = dataset.Find(tag);
        return element?.Sequence is { Count: > 0 } sequence ? FromItem(sequence[0]) : null;
    }

    /// <summary>The code as one sequence item.</summary>
    public DicomDataset ToItem()
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, Value);
        item.SetString(DicomTags.CodingSchemeDesignator, Scheme);
        item.SetString(DicomTags.CodeMeaning, Meaning);
        return item;
    }

    /// <summary>Whether this is the same concept as <paramref name="other"/> (value and scheme).</summary>
    public bool Equals(DicomCode? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal) && string.Equals(Scheme, other.Scheme, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Scheme);

    /// <inheritdoc />
    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}
