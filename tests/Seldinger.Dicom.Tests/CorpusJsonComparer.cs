using System.Text.Json;

namespace Seldinger.Dicom.Tests;

/// <summary>
/// Compares our DICOM JSON with pydicom's <c>to_json_dict</c>, after the normalisations documented in
/// docs/dicom.md ("Corpus parity"). Each normalisation that fires is counted, so a test can pin how often.
/// </summary>
internal sealed class CorpusJsonComparer(bool bigEndian)
{
    public List<string> Differences { get; } = [];

    /// <summary>Private elements whose VR pydicom took from its private dictionary while ours (implicit VR, no private dictionary) is UN.</summary>
    public int PrivateVRSkips { get; private set; }

    public void CompareDatasets(JsonElement expected, JsonElement actual, string path)
    {
        var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
        var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var missing in expectedKeys.Except(actualKeys).Order(StringComparer.Ordinal))
        {
            Differences.Add($"{path}{missing}: missing in ours");
        }

        foreach (var extra in actualKeys.Except(expectedKeys).Order(StringComparer.Ordinal))
        {
            Differences.Add($"{path}{extra}: only in ours");
        }

        foreach (var key in expectedKeys.Intersect(actualKeys).Order(StringComparer.Ordinal))
        {
            CompareElements(expected.GetProperty(key), actual.GetProperty(key), path + key);
        }
    }

    private void CompareElements(JsonElement expected, JsonElement actual, string path)
    {
        var vr = expected.GetProperty("vr").GetString()!;
        var ourVR = actual.GetProperty("vr").GetString()!;
        if (vr != ourVR)
        {
            var group = Convert.ToUInt16(path[^8..^4], 16);
            if (ourVR == "UN" && (group & 1) == 1)
            {
                PrivateVRSkips++;
                return;
            }

            Differences.Add($"{path}: vr {vr} vs ours {ourVR}");
            return;
        }

        if (expected.TryGetProperty("InlineBinary", out var binary))
        {
            var theirs = Convert.FromBase64String(binary.GetString()!);
            var ours = actual.TryGetProperty("InlineBinary", out var a) ? Convert.FromBase64String(a.GetString()!) : [];
            if (bigEndian)
            {
                // pydicom keeps OW/OF/OL/OD/OV values in the file's byte order; ours are little endian.
                var unit = vr switch { "OW" => 2, "OF" or "OL" => 4, "OD" or "OV" => 8, _ => 1 };
                for (var i = 0; unit > 1 && i + unit <= theirs.Length; i += unit)
                {
                    theirs.AsSpan(i, unit).Reverse();
                }
            }

            if (!theirs.AsSpan().SequenceEqual(ours))
            {
                Differences.Add($"{path}: InlineBinary differs ({theirs.Length} bytes vs ours {ours.Length})");
            }

            return;
        }

        var expectedValues = expected.TryGetProperty("Value", out var e) ? e.EnumerateArray().ToArray() : [];
        var actualValues = actual.TryGetProperty("Value", out var v) ? v.EnumerateArray().ToArray() : [];
        if (actual.TryGetProperty("InlineBinary", out _))
        {
            Differences.Add($"{path}: ours is InlineBinary, pydicom has Value");
            return;
        }

        if (expectedValues.Length != actualValues.Length)
        {
            Differences.Add($"{path}: {expectedValues.Length} values vs ours {actualValues.Length} ({e.ToString()[..Math.Min(80, e.ToString().Length)]} | {v.ToString()[..Math.Min(80, v.ToString().Length)]})");
            return;
        }

        for (var i = 0; i < expectedValues.Length; i++)
        {
            var x = expectedValues[i];
            var y = actualValues[i];
            var where = $"{path}[{i}]";
            if (vr == "SQ")
            {
                CompareDatasets(x, y, where + ".");
            }
            else if (x.ValueKind == JsonValueKind.Number || y.ValueKind == JsonValueKind.Number)
            {
                if (!NumbersEqual(x, y))
                {
                    Differences.Add($"{where}: {x.GetRawText()} vs ours {y.GetRawText()}");
                }
            }
            else if (x.ValueKind == JsonValueKind.Object)
            {
                foreach (var group in (string[])["Alphabetic", "Ideographic", "Phonetic"])
                {
                    var xs = x.TryGetProperty(group, out var xg) ? Text(xg, vr) : string.Empty;
                    var ys = y.ValueKind == JsonValueKind.Object && y.TryGetProperty(group, out var yg) ? Text(yg, vr) : string.Empty;
                    if (xs != ys)
                    {
                        Differences.Add($"{where}.{group}: '{xs}' vs ours '{ys}'");
                    }
                }
            }
            else if (Text(x, vr) != Text(y, vr))
            {
                Differences.Add($"{where}: {x.GetRawText()} vs ours {y.GetRawText()}");
            }
        }
    }

    // pydicom strips only the trailing padding of the whole element; we also strip the spaces around
    // each value where PS3.5 says they are insignificant. Null (an empty value) reads as "".
    private static string Text(JsonElement value, string vr)
    {
        var s = value.ValueKind == JsonValueKind.Null ? string.Empty : value.GetString() ?? string.Empty;
        s = s.TrimEnd(' ', '\0');
        return vr is "LT" or "ST" or "UT" or "UR" or "UC" ? s : s.TrimStart(' ');
    }

    private static bool NumbersEqual(JsonElement x, JsonElement y)
    {
        if (x.ValueKind != y.ValueKind)
        {
            // SV/UV beyond 2^53 may be strings; NaN and infinities are strings in ours.
            return x.ToString() == y.ToString();
        }

        if (x.TryGetInt64(out var xl) && y.TryGetInt64(out var yl))
        {
            return xl == yl;
        }

        return x.GetDouble().Equals(y.GetDouble());
    }

    public static bool IsBigEndian(DicomFile file) => file.TransferSyntax.IsBigEndian;

    public static string Describe(Exception e) => e.GetType().Name + ": " + e.Message;

}
