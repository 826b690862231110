using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Fhir;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>The episode's FHIR bundle and the IR grade CodeSystem over HTTP: content, roles, unknown episodes, audit.</summary>
public abstract class FhirApiTests(ClinicalAppFixture fixture)
{
    [SkippableFact]
    public async System.Threading.Tasks.Task GetBundle_Physician_ReturnsTheEpisodeAsFhirJson()
    {
        fixture.Clock.Now = fixture.Monday;
        var referrer = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var referralId = (await referrer.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-FHIR-1", fixture.Monday))).Id();
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);

        using var response = await physician.GetAsync(new Uri($"/api/referrals/{referralId}/fhir", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = FhirJson.Parse(await response.Content.ReadAsStringAsync());
        var patient = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Patient>());
        Assert.Equal("MRN-FHIR-1", patient.Identifier.Single().Value);
        var request = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<ServiceRequest>());
        Assert.Equal(referralId.ToString(), request.Id);

        var exports = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.ResourceId == referralId.ToString() && a.UserName == "irphysician").ToListAsync());
        Assert.NotEmpty(exports);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GetBundle_UnknownEpisodeOrRoleWithoutReports_Refused()
    {
        fixture.Clock.Now = fixture.Monday;
        var referrer = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var referralId = (await referrer.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-FHIR-2", fixture.Monday))).Id();
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);

        Assert.Equal(HttpStatusCode.NotFound, (await physician.GetAsync(new Uri($"/api/referrals/{Guid.NewGuid()}/fhir", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scheduler.GetAsync(new Uri($"/api/referrals/{referralId}/fhir", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await referrer.GetAsync(new Uri($"/api/referrals/{referralId}/fhir", UriKind.Relative))).StatusCode);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GetCodeSystem_Physician_ListsEveryGrade()
    {
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);

        using var response = await physician.GetAsync(new Uri("/api/fhir/CodeSystem/ir-adverse-event-grade", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codeSystem = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<CodeSystem>(await response.Content.ReadAsStringAsync());
        Assert.Equal(IrAdverseEventCodeSystem.Url, codeSystem.Url);
        Assert.Equal(Seldinger.Clinical.AdverseEvents.AdverseEventClassification.Grades.Count, codeSystem.Concept.Count);
        Assert.Contains(codeSystem.Concept, c => c.Code == "cirse-6");
    }
}

public sealed class SqliteFhirApiTests(SqliteClinicalAppFixture fixture) : FhirApiTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresFhirApiTests(PostgresClinicalAppFixture fixture) : FhirApiTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
