using System.Globalization;
using System.Text.Json;

namespace Seldinger.Clinical.Internal;

// Small formatting helpers of the rules' messages (numbers and times as a nurse reads them).
internal static class RulesText
{
    public static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // Times and dates on the site's clock when a site is given; else on the clock of the instant's own offset (UTC for
    // stored times).
    public static string Time(DateTimeOffset at, Scheduling.SiteTime? site = null) => On(at, site).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayTime(DateTimeOffset at, Scheduling.SiteTime? site = null) => On(at, site).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at, Scheduling.SiteTime? site = null) => On(at, site).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static DateTimeOffset On(DateTimeOffset at, Scheduling.SiteTime? site) => site is null ? at : site.ToSite(at);

    public static string Intake(Preparation.IntakeKind kind) => kind switch
    {
        Preparation.IntakeKind.ClearLiquid => "clear liquids",
        Preparation.IntakeKind.BreastMilk => "breast milk",
        Preparation.IntakeKind.InfantFormula => "infant formula",
        Preparation.IntakeKind.NonHumanMilk => "milk (not breast milk)",
        Preparation.IntakeKind.LightMeal => "light meal",
        Preparation.IntakeKind.FattyMeal => "fatty meal",
        _ => kind.ToString(),
    };

    public static string Sedation(Preparation.SedationLevel level) => level switch
    {
        Preparation.SedationLevel.None => "no sedation",
        Preparation.SedationLevel.Minimal => "minimal sedation",
        Preparation.SedationLevel.Moderate => "moderate sedation",
        Preparation.SedationLevel.Deep => "deep sedation",
        Preparation.SedationLevel.GeneralAnaesthesia => "general anaesthesia",
        _ => level.ToString(),
    };

    public static string Asa(Preparation.AsaClass asa) => "ASA " + ((int)asa + 1) switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        _ => "VI",
    };

    // "INR", "INR and platelets", "INR, platelets and haemoglobin"
    public static string And(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    // "2 h", "36 h", "5 days"
    public static string Hours(double hours) =>
        hours >= 48 && hours % 24 == 0 ? $"{Number(hours / 24)} days" : $"{Number(hours)} h";
}
