using System.Globalization;
using System.Text.Json;

namespace Seldinger.Clinical.Internal;

// Small formatting helpers of the rules' messages (numbers and times as a nurse reads them).
internal static class RulesText
{
    public static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DayTime(DateTimeOffset at) => at.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    // "2 h", "36 h", "5 days"
    public static string Hours(double hours) =>
        hours >= 48 && hours % 24 == 0 ? $"{Number(hours / 24)} days" : $"{Number(hours)} h";
}
