using Seldinger.Clinical.Quality;

namespace Seldinger.Server.Services.Clinical;

/// <summary>The quality figures as the API returns them: aggregates only, groups as lists of named counts.</summary>
/// <param name="From">First day (inclusive).</param>
/// <param name="To">Last day (inclusive).</param>
/// <param name="Procedures">Procedures done in the period.</param>
/// <param name="Volumes">Procedures per catalogue procedure id.</param>
/// <param name="TechnicalSuccess">Technical success among procedures with an outcome.</param>
/// <param name="AdverseEventRate">Procedures with an adverse event.</param>
/// <param name="AdverseEventsBySirSeverity">Events per SIR 2017 severity.</param>
/// <param name="AdverseEventsByCirseGrade">Events per CIRSE 2017 grade.</param>
/// <param name="SedationEvents">Sedation-related events.</param>
/// <param name="SedationEventRate">Sedated procedures with a sedation-related event.</param>
/// <param name="DaysReferralToProcedure">Median and quartiles of calendar days from referral to procedure.</param>
/// <param name="SameDayDischarge">Same-day home discharges among discharges.</param>
/// <param name="SameDayDischargeByWeek">The same, per week (Monday).</param>
/// <param name="DoseAreaProduct">Dose-area product (Gy·cm²) per procedure: median and P75.</param>
public sealed record QualityReportDto(
    DateOnly From,
    DateOnly To,
    int Procedures,
    IReadOnlyList<QualityCountDto> Volumes,
    QualityRate TechnicalSuccess,
    QualityRate AdverseEventRate,
    IReadOnlyList<QualityCountDto> AdverseEventsBySirSeverity,
    IReadOnlyList<QualityCountDto> AdverseEventsByCirseGrade,
    int SedationEvents,
    QualityRate SedationEventRate,
    QualityDistribution DaysReferralToProcedure,
    QualityRate SameDayDischarge,
    IReadOnlyList<QualityWeekDto> SameDayDischargeByWeek,
    IReadOnlyList<QualityDoseDto> DoseAreaProduct)
{
    /// <summary>The DTO of a report.</summary>
    public static QualityReportDto Of(QualityReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new QualityReportDto(
            r.From,
            r.To,
            r.Procedures,
            [.. r.VolumesByProcedure.Select(v => new QualityCountDto(v.Key, v.Value))],
            r.TechnicalSuccess,
            r.AdverseEventRate,
            [.. r.AdverseEventsBySirSeverity.Select(v => new QualityCountDto(Camel(v.Key.ToString()), v.Value))],
            [.. r.AdverseEventsByCirseGrade.Select(v => new QualityCountDto(Camel(v.Key.ToString()), v.Value))],
            r.SedationEvents,
            r.SedationEventRate,
            r.DaysReferralToProcedure,
            r.SameDayDischarge,
            [.. r.SameDayDischargeByWeek.Select(w => new QualityWeekDto(w.Key, w.Value))],
            [.. r.DoseAreaProductByProcedure.Select(d => new QualityDoseDto(d.Key, d.Value.N, d.Value.Median, d.Value.Q3))]);
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
