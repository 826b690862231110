using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Seldinger.Imaging;

namespace Seldinger.Planning;

/// <summary>
/// Default sets of protected structures. The margins live in a data file shipped with the library
/// (<c>Data/protected-structures.abdominal-biopsy.json</c>) with their source named beside them;
/// they are configurable defaults marked "verify", not clinical guidance.
/// </summary>
public static class ProtectedStructures
{
    private const string AbdominalBiopsyResource = "Seldinger.Planning.Data.protected-structures.abdominal-biopsy.json";

    private static readonly Lazy<(IReadOnlyList<ProtectedStructure> Structures, string Source)> AbdominalBiopsy =
        new(() => LoadResource(AbdominalBiopsyResource));

    /// <summary>Abdominal biopsy: vessels 5 mm, bone 3 mm, bowel 5 mm (defaults to verify; see <see cref="AbdominalBiopsySource"/>).</summary>
    public static IReadOnlyList<ProtectedStructure> AbdominalBiopsyDefaults => AbdominalBiopsy.Value.Structures;

    /// <summary>Where the abdominal biopsy margins come from, as stated in the data file.</summary>
    public static string AbdominalBiopsySource => AbdominalBiopsy.Value.Source;

    /// <summary>
    /// Reads a protected-structure file: <c>{"source": "...", "structures": [{"name": "Vessel",
    /// "label": "Vessel" or 6, "minimumClearanceMm": 5}, ...]}</c>. Labels are <see cref="TissueLabel"/>
    /// names or numbers 0–255.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a file; the message names the offending entry.</exception>
    public static IReadOnlyList<ProtectedStructure> Parse(string json) => Parse(json, out _);

    /// <summary>Reads a protected-structure file and its stated source.</summary>
    /// <exception cref="FormatException">The text is not such a file; the message names the offending entry.</exception>
    public static IReadOnlyList<ProtectedStructure> Parse(string json, out string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The protected-structure file is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The protected-structure file must be a JSON object.");
            }

            source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            if (!root.TryGetProperty("structures", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The protected-structure file needs a \"structures\" array.");
            }

            var result = new List<ProtectedStructure>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                result.Add(ParseStructure(item, index++));
            }

            return result.AsReadOnly();
        }
    }

    private static ProtectedStructure ParseStructure(JsonElement item, int index)
    {
        string Where() => string.Create(CultureInfo.InvariantCulture, $"structures[{index}]");
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{Where()} must be an object.");
        }

        if (!item.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            throw new FormatException($"{Where()} needs a non-empty \"name\".");
        }

        var name = nameElement.GetString()!;
        if (!item.TryGetProperty("label", out var labelElement))
        {
            throw new FormatException($"{Where()} ({name}) needs a \"label\".");
        }

        byte label;
        if (labelElement.ValueKind == JsonValueKind.Number && labelElement.TryGetByte(out var number))
        {
            label = number;
        }
        else if (labelElement.ValueKind == JsonValueKind.String
            && Enum.TryParse<TissueLabel>(labelElement.GetString(), ignoreCase: false, out var tissue)
            && Enum.IsDefined(tissue)
            && !int.TryParse(labelElement.GetString(), out _))
        {
            label = (byte)tissue;
        }
        else
        {
            throw new FormatException($"{Where()} ({name}): \"label\" must be a tissue name ({string.Join(", ", Enum.GetNames<TissueLabel>())}) or a number 0–255, not {labelElement.GetRawText()}.");
        }

        if (!item.TryGetProperty("minimumClearanceMm", out var marginElement) || marginElement.ValueKind != JsonValueKind.Number
            || !marginElement.TryGetDouble(out var margin) || !double.IsFinite(margin) || margin < 0)
        {
            throw new FormatException($"{Where()} ({name}) needs \"minimumClearanceMm\", a number ≥ 0.");
        }

        return new ProtectedStructure(name, label, margin);
    }

    private static (IReadOnlyList<ProtectedStructure>, string) LoadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from the planning library.");
        using var reader = new StreamReader(stream);
        var structures = Parse(reader.ReadToEnd(), out var source);
        return (structures, source);
    }
}
