using System.Globalization;
using System.Text;
using Seldinger.Dicom.Internal;

namespace Seldinger.Dicom;

/// <summary>
/// A human-readable listing of a DICOM file, one line per element, in the spirit of dcmdump:
/// <c>(0010,0010) PN [Anonymized]  # 10, 1 PatientName</c>. Sequence items are indented; long
/// binary values are abbreviated.
/// </summary>
public static class DicomDump
{
    private const int MaxBinaryValues = 16;
    private const int MaxTextLength = 64;

    /// <summary>Lists the File Meta Information and the dataset of <paramref name="file"/>.</summary>
    public static string ToText(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var sb = new StringBuilder();
        sb.Append("# File Meta Information (").Append(file.Format).Append(")\n");
        AppendDataset(sb, file.FileMetaInfo, 0);
        sb.Append("# Dataset: ").Append(file.TransferSyntax.Name).Append('\n');
        AppendDataset(sb, file.Dataset, 0);
        return sb.ToString();
    }

    /// <summary>Lists the elements of <paramref name="dataset"/>.</summary>
    public static string ToText(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sb = new StringBuilder();
        AppendDataset(sb, dataset, 0);
        return sb.ToString();
    }

    private static void AppendDataset(StringBuilder sb, DicomDataset dataset, int indent)
    {
        foreach (var element in dataset)
        {
            sb.Append(' ', indent).Append(element.Tag.ToString()).Append(' ').Append(element.VR.Code).Append(' ');
            var keyword = DicomDictionary.Lookup(element.Tag)?.Keyword ?? (element.Tag.IsPrivate ? "PrivateTag" : "UnknownTag");
            if (element.Sequence is { } sequence)
            {
                sb.Append(CultureInfo.InvariantCulture, $"(Sequence, {sequence.Count} item{(sequence.Count == 1 ? string.Empty : "s")})  # {(sequence.HasUndefinedLength ? "u/l" : "-")}, 1 {keyword}\n");
                for (var i = 0; i < sequence.Count; i++)
                {
                    sb.Append(' ', indent + 2).Append(CultureInfo.InvariantCulture, $"(FFFE,E000) Item #{i + 1}\n");
                    AppendDataset(sb, sequence[i], indent + 4);
                }

                continue;
            }

            if (element.Fragments is { } fragments)
            {
                sb.Append(CultureInfo.InvariantCulture, $"(Encapsulated pixel data, offset table {fragments.OffsetTable.Length} bytes, {fragments.Fragments.Count} fragments)  # u/l, 1 {keyword}\n");
                continue;
            }

            var (text, multiplicity) = Describe(dataset, element);
            sb.Append(text).Append(CultureInfo.InvariantCulture, $"  # {element.Length}, {multiplicity} {keyword}\n");
        }
    }

    private static (string Text, int Multiplicity) Describe(DicomDataset dataset, DicomElement element)
    {
        var vr = element.VR;
        if (element.IsEmpty)
        {
            return ("(no value)", 0);
        }

        if (vr.IsString)
        {
            var values = dataset.SplitValues(element);
            var text = string.Join('\\', values);
            if (text.Length > MaxTextLength)
            {
                text = text[..MaxTextLength] + "...";
            }

            return ("[" + text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "]", Math.Max(values.Length, 1));
        }

        var span = element.Value.Span;
        var count = DicomText.BinaryCount(vr, span.Length);
        var shown = Math.Min(count, MaxBinaryValues);
        var sb = new StringBuilder();
        for (var i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.Append('\\');
            }

            if (vr.IsBinaryNumber)
            {
                sb.Append(DicomText.FormatBinary(vr, span, i));
            }
            else
            {
                var unit = vr.UnitSize <= 1 ? 1 : vr.UnitSize;
                var bytes = span.Slice(i * unit, unit);
                for (var b = bytes.Length - 1; b >= 0; b--)
                {
                    sb.Append(bytes[b].ToString("x2", CultureInfo.InvariantCulture));
                }
            }
        }

        if (count > shown)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\... ({count} values)");
        }

        return (sb.ToString(), vr.IsBinaryNumber ? count : 1);
    }
}
