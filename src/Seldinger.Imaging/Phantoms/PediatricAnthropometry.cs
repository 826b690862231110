using System.Text.Json;

namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// Body and vessel sizes by age from the embedded data file <c>Phantoms/Data/pediatric-anthropometry.json</c>:
/// tables of values at fixed ages (0, 1, 5, 10 and 15 years), each with its source, interpolated linearly
/// in between.
/// </summary>
public sealed class PediatricAnthropometry
{
    private const string ResourceName = "Seldinger.Imaging.Phantoms.Data.pediatric-anthropometry.json";
    private static readonly Lazy<PediatricAnthropometry> DefaultTables = new(Load);
    private readonly Dictionary<string, (double[] Values, AnthropometryTable Table)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _constants = new(StringComparer.Ordinal);

    private PediatricAnthropometry(double[] ages, List<AnthropometryTable> tables)
    {
        Ages = ages;
        Tables = tables;
    }

    /// <summary>The tables shipped with the library.</summary>
    public static PediatricAnthropometry Default => DefaultTables.Value;

    /// <summary>The ages of the table columns, years, ascending.</summary>
    public IReadOnlyList<double> Ages { get; }

    /// <summary>Youngest age covered, years.</summary>
    public double MinimumAge => Ages[0];

    /// <summary>Oldest age covered, years.</summary>
    public double MaximumAge => Ages[^1];

    /// <summary>The tables with their names, sources and status.</summary>
    public IReadOnlyList<AnthropometryTable> Tables { get; }

    /// <summary>The value of <paramref name="key"/> (e.g. <c>statureMm</c>) at <paramref name="ageYears"/>, interpolated.</summary>
    /// <exception cref="ArgumentException">No table has the key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The age is outside the tables.</exception>
    public double Value(string key, double ageYears)
    {
        if (!_values.TryGetValue(key, out var entry))
        {
            throw new ArgumentException($"No anthropometry value '{key}'.", nameof(key));
        }

        if (!(ageYears >= MinimumAge && ageYears <= MaximumAge))
        {
            throw new ArgumentOutOfRangeException(nameof(ageYears), ageYears, $"The tables cover ages {MinimumAge}–{MaximumAge} years.");
        }

        var values = entry.Values;
        for (var n = 1; n < Ages.Count; n++)
        {
            if (ageYears <= Ages[n])
            {
                var t = (ageYears - Ages[n - 1]) / (Ages[n] - Ages[n - 1]);
                return values[n - 1] + (t * (values[n] - values[n - 1]));
            }
        }

        return values[^1];
    }

    /// <summary>The table that holds <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">No table has the key.</exception>
    public AnthropometryTable TableOf(string key) =>
        _values.TryGetValue(key, out var entry) ? entry.Table : throw new ArgumentException($"No anthropometry value '{key}'.", nameof(key));

    /// <summary>A named constant of a table (e.g. <c>referenceSigmaHu</c> of the dose model).</summary>
    /// <exception cref="ArgumentException">No table has the constant.</exception>
    public double Constant(string key) =>
        _constants.TryGetValue(key, out var v) ? v : throw new ArgumentException($"No anthropometry constant '{key}'.", nameof(key));

    /// <summary>Reads tables in the format of the embedded file.</summary>
    /// <exception cref="FormatException">The text is not such a file.</exception>
    public static PediatricAnthropometry Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var ages = root.GetProperty("ages").EnumerateArray().Select(a => a.GetDouble()).ToArray();
            if (ages.Length < 2 || ages.Zip(ages.Skip(1)).Any(p => !(p.Second > p.First)))
            {
                throw new FormatException("\"ages\" must hold at least two ascending ages.");
            }

            var tables = new List<AnthropometryTable>();
            var result = new PediatricAnthropometry(ages, tables);
            foreach (var item in root.GetProperty("tables").EnumerateArray())
            {
                var keys = new List<string>();
                var table = new AnthropometryTable(
                    item.GetProperty("name").GetString() ?? "",
                    item.GetProperty("source").GetString() ?? "",
                    item.GetProperty("status").GetString() ?? "",
                    keys);
                if (string.IsNullOrWhiteSpace(table.Source))
                {
                    throw new FormatException($"Table '{table.Name}' names no source.");
                }

                foreach (var value in item.GetProperty("values").EnumerateObject())
                {
                    var values = value.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray();
                    if (values.Length != ages.Length || values.Any(v => !double.IsFinite(v) || v < 0))
                    {
                        throw new FormatException($"'{value.Name}' needs {ages.Length} finite values ≥ 0, one per age.");
                    }

                    result._values.Add(value.Name, (values, table));
                    keys.Add(value.Name);
                }

                if (item.TryGetProperty("constants", out var constants))
                {
                    foreach (var c in constants.EnumerateObject())
                    {
                        result._constants.Add(c.Name, c.Value.GetDouble());
                    }
                }

                tables.Add(table);
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not an anthropometry table file: {ex.Message}", ex);
        }
    }

    private static PediatricAnthropometry Load()
    {
        using var stream = typeof(PediatricAnthropometry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the imaging library.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

/// <summary>One table of <see cref="PediatricAnthropometry"/>.</summary>
/// <param name="Name">Table name, e.g. <c>arteries</c>.</param>
/// <param name="Source">The publication(s) the values come from.</param>
/// <param name="Status"><c>published</c>, or <c>verify</c> where the values need a clinician's check.</param>
/// <param name="Keys">The value names of the table.</param>
public sealed record AnthropometryTable(string Name, string Source, string Status, IReadOnlyList<string> Keys);
