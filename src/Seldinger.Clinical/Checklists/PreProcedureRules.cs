using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Checklists;

/// <summary>
/// The rules of the pre-procedure checklist as data: thresholds, hold times, fasting times, ages and
/// their sources. The shipped default is <c>Data/preprocedure-rules.json</c>; a site may load its own
/// file of the same format through <see cref="Parse"/>. Every file is validated when read.
/// </summary>
public sealed class PreProcedureRules
{
    private static readonly Lazy<PreProcedureRules> DefaultRules = new(() => Parse(RulesJson.ReadEmbedded(DefaultFileName), DefaultFileName));

    private PreProcedureRules(RulesPreProcedureData data, string sourceName, string digest)
    {
        Data = data;
        SourceName = sourceName;
        Digest = digest;
    }

    /// <summary>The name of the shipped rules file.</summary>
    public const string DefaultFileName = "preprocedure-rules.json";

    /// <summary>The name the rules were read under (a file name), used in messages.</summary>
    public string SourceName { get; }

    /// <summary>SHA-256 of the rules text (lower-case hex), so a stored checklist can say which rules it used.</summary>
    public string Digest { get; }

    /// <summary>What the file says it is.</summary>
    public string Description => Data.Description;

    /// <summary>Citations by key; every rule names one.</summary>
    public IReadOnlyDictionary<string, string> Sources => Data.Sources;

    internal RulesPreProcedureData Data { get; }

    /// <summary>The shipped rules (read and validated once).</summary>
    public static PreProcedureRules LoadDefault() => DefaultRules.Value;

    /// <summary>Reads and validates rules text.</summary>
    /// <param name="json">The text of a rules file.</param>
    /// <param name="sourceName">The file's name, used in every error message.</param>
    /// <exception cref="ClinicalValidationException">The text is not valid; each error names the file, the rule and the field.</exception>
    public static PreProcedureRules Parse(string json, string sourceName)
    {
        var data = RulesJson.Deserialize<RulesPreProcedureData>(json, sourceName);
        data.Validate(sourceName);
        return new PreProcedureRules(data, sourceName, RulesJson.Digest(json));
    }

    /// <summary>The citation of a source key, or the key itself when the file does not define it.</summary>
    public string SourceText(string key) => Data.Sources.TryGetValue(key, out var text) ? text : key;
}
