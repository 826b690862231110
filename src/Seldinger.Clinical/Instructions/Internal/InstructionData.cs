using System.Text.Json;
using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Instructions.Internal;

// The shape of Data/instructions/{en,es}.json: one file per language, with the same keys.
internal sealed record InstructionLanguageFile(
    string Language,
    string Source,
    bool Verify,
    string ServiceName,
    ChildWords ChildWords,
    IReadOnlyList<string> Days,
    string DateTimePattern,
    string DecimalSeparator,
    PhaseTitles Titles,
    IReadOnlyDictionary<string, string> Headings,
    IReadOnlyDictionary<string, string> Procedures,
    CommonTexts Common,
    IReadOnlyDictionary<string, FamilyTexts> Families);

// "your child" / "su hijo" / "su hija": Spanish agrees with the child's sex, English does not.
internal sealed record ChildWords(IReadOnlyList<string> Female, IReadOnlyList<string> Other);

internal sealed record PhaseTitles(string Before, string After);

internal sealed record SedationTexts(
    IReadOnlyList<string> None,
    IReadOnlyList<string> Minimal,
    IReadOnlyList<string> Moderate,
    IReadOnlyList<string> Deep,
    IReadOnlyList<string> GeneralAnaesthesia);

internal sealed record CommonTexts(
    IReadOnlyList<string> HowLong,
    IReadOnlyList<string> When,
    IReadOnlyList<string> WhenNotBooked,
    IReadOnlyList<string> Fasting,
    IReadOnlyList<string> FastingBreastMilk,
    IReadOnlyList<string> FastingNotBooked,
    IReadOnlyList<string> NoFasting,
    SedationTexts Sedation,
    IReadOnlyList<string> Bring,
    IReadOnlyList<string> Day,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> SedationAfter,
    IReadOnlyList<string> PainWithWeight,
    IReadOnlyList<string> PainIbuprofen,
    IReadOnlyList<string> PainHoldIbuprofen,
    IReadOnlyList<string> PainBottle,
    IReadOnlyList<string> PainNoWeight,
    IReadOnlyList<string> Call,
    IReadOnlyList<string> CallEnd);

internal sealed record FamilyTexts(
    string Duration,
    IReadOnlyList<string> About,
    IReadOnlyList<string> Bring,
    IReadOnlyList<string> Day,
    IReadOnlyList<string> Feel,
    string CareHeading,
    IReadOnlyList<string> Care,
    IReadOnlyList<string> Activity,
    IReadOnlyList<string> Call,
    IReadOnlyList<string> Next);

// The shape of Data/instructions/rules.json.
internal sealed record InstructionRulesFile(
    int Version,
    string Description,
    IReadOnlyDictionary<string, string> Sources,
    SourcedInt ArrivalMinutesBefore,
    SourcedDouble FeverThresholdC,
    AnalgesicRule Paracetamol,
    AnalgesicRule Ibuprofen,
    IReadOnlyDictionary<string, FamilyRule> Families);

internal sealed record SourcedInt(int Value, string Source, bool Verify);

internal sealed record SourcedDouble(double Value, string Source, bool Verify);

internal sealed record AnalgesicRule(
    double MgPerKg,
    double MaxSingleDoseMg,
    int EveryHours,
    int MaxDosesPerDay,
    int MinimumAgeMonths,
    string Source,
    bool Verify);

internal sealed record FamilyRule(IReadOnlyList<string> Procedures, int HoldIbuprofenDays, string Source, bool Verify);

internal static class InstructionDataReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string ReadEmbedded(string relativePath) => RulesJson.ReadEmbedded(relativePath);

    public static T Parse<T>(string json, string sourceName)
        where T : class
    {
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
}
