using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seldinger.Clinical.Internal;

// Reads the clinician-editable rules files: embedded defaults or a site's own text. Every error names
// the file, the rule and the field, so whoever edits the file can find the mistake.
internal static class RulesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    // The one reader of the embedded data files; fileName may name a subfolder ("instructions/en.json").
    public static string ReadEmbedded(string fileName)
    {
        // The csproj names resources after their folder; the separator in the name depends on the build host.
        var assembly = Assembly.GetExecutingAssembly();
        var resource = ("Seldinger.Clinical.Data." + fileName).Replace('/', '.');
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n =>
            string.Equals(n.Replace('/', '.').Replace('\\', '.'), resource, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The resource {resource} is missing from the clinical library.");
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {resource} is missing from the clinical library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static T Deserialize<T>(string json, string sourceName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new ClinicalValidationException("", $"{sourceName}: the file is empty (null).");
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "" : ex.Path.TrimStart('$', '.');
            throw new ClinicalValidationException(path, $"{sourceName}: {(path.Length == 0 ? "" : $"at '{path}': ")}{ex.Message}");
        }
    }

    public static string Digest(string json) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
}

// Collects every problem of one file before throwing, so an edited file is fixed in one pass.
internal sealed class RulesValidator(string sourceName, IReadOnlyDictionary<string, string>? sources)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Require(bool ok, string rule, string field, string message)
    {
        if (ok)
        {
            return;
        }

        var key = $"{rule}.{field}";
        if (!_errors.TryGetValue(key, out var list))
        {
            list = [];
            _errors[key] = list;
        }

        list.Add($"{sourceName}: rule '{rule}', field '{field}': {message}");
    }

    public void Range(double value, double min, double max, string rule, string field, string unit) =>
        Require(double.IsFinite(value) && value >= min && value <= max, rule, field, $"{value} {unit} is outside {min}–{max} {unit}");

    public void Text(string? value, string rule, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), rule, field, "must be a non-empty text");

    public void Source(string? key, string rule, string field = "source") =>
        Require(key is not null && sources is not null && sources.ContainsKey(key), rule, field,
            $"'{key}' is not a key of \"sources\"");

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ClinicalValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
