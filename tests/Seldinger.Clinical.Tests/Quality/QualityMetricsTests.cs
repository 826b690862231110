using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;

namespace Seldinger.Clinical.Tests.Quality;

public class QualityMetricsTests
{
    private static readonly DateOnly From = new(2026, 3, 2);
    private static readonly DateOnly To = new(2026, 3, 8);

    internal static List<Episode> SmallSet() =>
    [
        Ep("picc", "2026-03-03T10:00", "2026-03-01T09:00", TechnicalOutcome.Success, SedationLevel.Moderate, DischargeDisposition.SameDayHome, 1.0,
            Ae(SirSeverity.Mild, CirseGrade.Grade1, sedation: true)),
        Ep("picc", "2026-03-04T10:00", "2026-02-25T09:00", TechnicalOutcome.Success, SedationLevel.None, DischargeDisposition.SameDayHome, 3.0),
        Ep("biopsy-deep", "2026-03-05T10:00", "2026-02-19T09:00", TechnicalOutcome.PartialSuccess, SedationLevel.GeneralAnaesthesia, DischargeDisposition.Admitted, null,
            Ae(SirSeverity.Moderate, CirseGrade.Grade2, sedation: false)),
        Ep("gastrostomy", "2026-03-06T10:00", "2026-03-06T07:00", null, SedationLevel.Deep, DischargeDisposition.SameDayHome, 2.0),
        Ep("picc", "2026-03-09T10:00", "2026-03-01T09:00", TechnicalOutcome.Success, SedationLevel.None, DischargeDisposition.SameDayHome, 50.0),
        Ep(null, null, "2026-03-01T09:00", null, null, null, null),
        Ep("picc", "2026-03-02T07:30", "2026-02-28T18:00", TechnicalOutcome.Failure, SedationLevel.GeneralAnaesthesia, null, 5.0,
            Ae(SirSeverity.Mild, CirseGrade.Grade1, sedation: true), Ae(SirSeverity.Mild, CirseGrade.Grade1, sedation: false)),
    ];

    [Fact]
    public void Compute_SmallSet_MatchesHandComputedFigures()
    {
        var r = QualityMetrics.Compute(SmallSet(), From, To);

        Assert.Equal(5, r.Procedures);
        Assert.Equal([("biopsy-deep", 1), ("gastrostomy", 1), ("picc", 3)], r.VolumesByProcedure.Select(p => (p.Key, p.Value)));
        Assert.Equal(new QualityRate(2, 4), r.TechnicalSuccess);
        Assert.Equal(new QualityRate(3, 5), r.AdverseEventRate);
        Assert.Equal(3, r.AdverseEventsBySirSeverity[SirSeverity.Mild]);
        Assert.Equal(1, r.AdverseEventsBySirSeverity[SirSeverity.Moderate]);
        Assert.Equal(0, r.AdverseEventsBySirSeverity[SirSeverity.Death]);
        Assert.Equal(3, r.AdverseEventsByCirseGrade[CirseGrade.Grade1]);
        Assert.Equal(1, r.AdverseEventsByCirseGrade[CirseGrade.Grade2]);
        Assert.Equal(2, r.SedationEvents);
        Assert.Equal(new QualityRate(2, 4), r.SedationEventRate);
        Assert.Equal([0, 2, 2, 7, 14], r.DaysReferralToProcedureValues);
        Assert.Equal(new QualityDistribution(5, 2, 2, 7), r.DaysReferralToProcedure);
        Assert.Equal(new QualityRate(3, 4), r.SameDayDischarge);
        Assert.Equal(0.75, r.SameDayDischarge.Rate);
        Assert.Equal([(From, new QualityRate(3, 4))], r.SameDayDischargeByWeek.Select(p => (p.Key, p.Value)));
        Assert.Equal(new QualityDistribution(3, 3, 2, 4), r.DoseAreaProductByProcedure["picc"]);
        Assert.Equal(new QualityDistribution(1, 2, 2, 2), r.DoseAreaProductByProcedure["gastrostomy"]);
        Assert.False(r.DoseAreaProductByProcedure.ContainsKey("biopsy-deep"));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01", 0)]
    [InlineData("2026-03-02", "2026-03-02", 1)]
    [InlineData("2026-03-08", "2026-03-08", 0)]
    [InlineData("2026-03-09", "2026-03-09", 1)]
    [InlineData("2026-03-02", "2026-03-09", 6)]
    public void Compute_PeriodBounds_AreInclusive(string from, string to, int procedures) =>
        Assert.Equal(procedures, QualityMetrics.Compute(SmallSet(), DateOnly.Parse(from), DateOnly.Parse(to)).Procedures);

    [Fact]
    public void Compute_NoEpisodes_GivesEmptyRatesWithoutDividingByZero()
    {
        var r = QualityMetrics.Compute([], From, To);
        Assert.Equal(0, r.Procedures);
        Assert.Null(r.TechnicalSuccess.Rate);
        Assert.Null(r.DaysReferralToProcedure.Median);
        Assert.Empty(r.VolumesByProcedure);
    }

    [Fact]
    public void Compute_EndBeforeStart_NamesTo()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => QualityMetrics.Compute([], To, From));
        Assert.True(ex.Errors.ContainsKey("to"));
    }

    [Fact]
    public void Compute_RandomEpisodes_MedianDaysMatchesBruteForce()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var episodes = new List<Episode>();
            var n = random.Next(1, 30);
            for (var i = 0; i < n; i++)
            {
                var start = new DateTime(2026, 3, 2 + random.Next(0, 7), 9, 0, 0);
                var submitted = start.AddDays(-random.Next(0, 60)).AddHours(-random.Next(0, 3));
                episodes.Add(Ep("picc", start.ToString("s"), submitted.ToString("s"), TechnicalOutcome.Success, SedationLevel.None, DischargeDisposition.SameDayHome, random.NextDouble() * 10));
            }

            var days = episodes.Select(e => (DateOnly.FromDateTime(e.Procedure!.StartedAt!.Value.DateTime).DayNumber - DateOnly.FromDateTime(e.Referral.SubmittedAt.DateTime).DayNumber)).ToList();
            var r = QualityMetrics.Compute(episodes, From, To);
            Assert.Equal(BruteMedian(days.Select(d => (double)d).ToList()), r.DaysReferralToProcedure.Median);
            Assert.Equal(BruteMedian(episodes.Select(e => e.Procedure!.DoseAreaProductGyCm2!.Value).ToList()), r.DoseAreaProductByProcedure["picc"].Median!.Value, 9);
        }
    }

    [Fact]
    public void Of_RandomValues_QuartilesMatchTheOneBasedDefinition()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            var values = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Math.Round(random.NextDouble() * 100, 1)).ToList();
            var d = QualityDistribution.Of(values);
            var sorted = values.Order().ToArray();
            Assert.Equal(values.Count, d.N);
            Assert.Equal(BruteMedian(values), d.Median!.Value, 9);
            Assert.Equal(OneBased(sorted, 0.25), d.Q1!.Value, 9);
            Assert.Equal(OneBased(sorted, 0.75), d.Q3!.Value, 9);
            Assert.True(d.Q1 <= d.Median && d.Median <= d.Q3);
        }
    }

    // Median by definition: the middle value, or the mean of the two middle values.
    private static double BruteMedian(List<double> values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    // Hyndman–Fan definition 7 as usually written, with 1-based order statistics.
    private static double OneBased(double[] x, double p)
    {
        var h = ((x.Length - 1) * p) + 1;
        var j = (int)Math.Floor(h);
        var xj = x[j - 1];
        var xj1 = x[Math.Min(j, x.Length - 1)];
        return xj + ((h - j) * (xj1 - xj));
    }

    private static AdverseEventRecord Ae(SirSeverity sir, CirseGrade cirse, bool sedation) =>
        new() { Description = "event", SirSeverity = sir, CirseGrade = cirse, SedationRelated = sedation };

    private static Episode Ep(string? procedureId, string? started, string submitted, TechnicalOutcome? outcome, SedationLevel? sedation, DischargeDisposition? discharge, double? dap, params AdverseEventRecord[] events)
    {
        var referral = new Referral { Id = Guid.NewGuid(), ReferringClinician = "dr.a", Reason = "r", SubmittedAt = At(submitted) };
        return new Episode
        {
            Patient = new Patient { MedicalRecordNumber = "1", FamilyName = "F", GivenName = "G" },
            Referral = referral,
            Procedure = procedureId is null ? null : new ProcedureRecord
            {
                ProcedureId = procedureId,
                StartedAt = started is null ? null : At(started),
                Outcome = outcome,
                SedationGiven = sedation,
                DoseAreaProductGyCm2 = dap,
            },
            AdverseEvents = events,
            Discharge = discharge is { } d ? new DischargeRecord { Disposition = d } : null,
        };
    }

    private static DateTimeOffset At(string s) => new(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(1));
}
