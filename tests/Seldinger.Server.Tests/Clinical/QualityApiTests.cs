using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Demo;
using Seldinger.Clinical.Quality;
using Seldinger.Clinical.Security;
using Seldinger.Imaging.Tests.Rendering;
using Seldinger.Planning;
using Seldinger.Server.Services.Clinical;
using Seldinger.Storage;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The quality dashboard's API over a stored demo week: the figures equal those computed from the same week in
/// memory, the CSV and the charts come back, and only roles that may read quality get them.
/// </summary>
public abstract class QualityApiTests(ClinicalAppFixture fixture)
{
    private DateOnly DemoMonday => ClinicalDemoSeeder.LatestDemoMonday(fixture.Clock.Now);

    [SkippableFact]
    public async Task GetQuality_DemoWeek_EqualsTheFiguresComputedInMemory()
    {
        await SeedAsync();
        var expected = QualityMetrics.Compute(DemoWeek.Generate(DemoMonday, 1, ProcedureCatalogue.Default).Episodes, DemoMonday, DemoMonday.AddDays(6));
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);

        var json = await physician.GetJsonAsync($"/api/quality?from={DemoMonday:yyyy-MM-dd}&to={DemoMonday.AddDays(6):yyyy-MM-dd}");

        Assert.True(expected.Procedures > 10);
        Assert.Equal(expected.Procedures, json.Number("procedures"));
        Assert.Equal(expected.VolumesByProcedure.Count, json["volumes"]!.AsArray().Count);
        Assert.Equal(expected.SameDayDischarge.Count, json["sameDayDischarge"]!.Number("count"));
        Assert.Equal(expected.DaysReferralToProcedure.Median, json["daysReferralToProcedure"]!["median"]!.GetValue<double>());
        Assert.Equal(expected.AdverseEventsBySirSeverity.Values.Sum(), json["adverseEventsBySirSeverity"]!.AsArray().Sum(g => g!.Number("count")));
        Assert.Equal("mild", json["adverseEventsBySirSeverity"]![0]!.Str("group"));
    }

    [SkippableFact]
    public async Task Seed_SecondTime_AddsNothing()
    {
        await SeedAsync();
        var before = await fixture.WithDbAsync(db => db.Patients.CountAsync());
        Assert.Equal(0, await SeedAsync());
        Assert.Equal(before, await fixture.WithDbAsync(db => db.Patients.CountAsync()));
        Assert.True(before >= 35);
    }

    [SkippableFact]
    public async Task GetQualityCsv_DemoWeek_IsOneTidyTable()
    {
        await SeedAsync();
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        using var response = await nurse.GetAsync($"/api/quality.csv?from={DemoMonday:yyyy-MM-dd}&to={DemoMonday.AddDays(6):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(QualityCsv.Header, lines[0]);
        Assert.Contains(lines, l => l.StartsWith("volume,picc,", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(3, l.Count(c => c == ',')));
    }

    [SkippableTheory]
    [InlineData("volumes")]
    [InlineData("adverse-events")]
    [InlineData("days-to-procedure")]
    [InlineData("same-day-discharge")]
    public async Task GetQualityChart_EveryChart_IsAPng(string name)
    {
        await SeedAsync();
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        using var response = await physician.GetAsync($"/api/quality/charts/{name}.png?from={DemoMonday:yyyy-MM-dd}&to={DemoMonday.AddDays(6):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((900, 500), (png.Width, png.Height));
        Assert.True(png.Pixels.Distinct().Count() > 2);
    }

    [SkippableFact]
    public async Task GetQualityChart_UnknownName_Is404()
    {
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        await physician.GetJsonAsync("/api/quality/charts/pie.png", HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task GetQuality_PeriodEndingBeforeItStarts_Is400NamingTo()
    {
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var problem = await physician.GetJsonAsync("/api/quality?from=2026-03-09&to=2026-03-02", HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["to"]);
    }

    [SkippableFact]
    public async Task GetQuality_DateThatDoesNotParse_Is400()
    {
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        await physician.GetJsonAsync("/api/quality?from=yesterday", HttpStatusCode.BadRequest);
    }

    [SkippableTheory]
    [InlineData(StaffRole.IrPhysician, HttpStatusCode.OK)]
    [InlineData(StaffRole.Nurse, HttpStatusCode.OK)]
    [InlineData(StaffRole.Administrator, HttpStatusCode.OK)]
    [InlineData(StaffRole.Scheduler, HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.Technologist, HttpStatusCode.Forbidden)]
    [InlineData(StaffRole.ReferringClinician, HttpStatusCode.Forbidden)]
    public async Task GetQuality_ByRole_OnlyRolesThatReadQuality(StaffRole role, HttpStatusCode expected)
    {
        var client = await fixture.ClientAsync(role);
        using var response = await client.GetAsync("/api/quality");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(RolePermissions.IsAllowed(role, StaffAction.ReadQuality), expected == HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task GetQuality_Anonymous_Is401()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        using var client = fixture.Factory!.CreateClient();
        using var response = await client.GetAsync("/api/quality.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<int> SeedAsync()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var scope = fixture.Factory!.Services.CreateAsyncScope();
        var seeder = new ClinicalDemoSeeder(scope.ServiceProvider.GetRequiredService<SeldingerDbContext>(), fixture.Clock);
        return await seeder.SeedAsync(ProcedureCatalogue.Default, 1);
    }
}

public sealed class SqliteQualityApiTests(SqliteClinicalAppFixture fixture)
    : QualityApiTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresQualityApiTests(PostgresClinicalAppFixture fixture)
    : QualityApiTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
