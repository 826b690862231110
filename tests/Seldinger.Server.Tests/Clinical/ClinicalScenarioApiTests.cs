using System.Net;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Xunit.Abstractions;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// The Monday-to-Thursday scenario walked through the HTTP API: an oncologist refers a girl of 6 for a liver biopsy,
/// the IR physician accepts, the scheduler books Thursday 10:00 in the CT room with anaesthesia, the checklist is red
/// until labs, consent, assent, intake and instructions are in, the time-out is done, the procedure is recorded and
/// signed, recovery vitals lead to same-day discharge, and a follow-up call is on the worklist.
/// </summary>
public abstract class ClinicalScenarioApiTests(ClinicalAppFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Scenario_ReferralToFollowUp_WalksThroughTheApi()
    {
        var monday = fixture.Clock.Now = fixture.Monday;
        var thursday = monday.AddDays(3);
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);

        // Monday 08:00 — the referral.
        var referral = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-SCENARIO-1", monday));
        var referralId = referral.Id();
        var patientId = Guid.Parse(referral.Str("patientId"));
        Assert.Equal("awaitingReview", referral.Str("status"));
        Assert.Equal("Lucía García", referral.Str("patientDisplayName"));
        var own = (await oncologist.GetJsonAsync("/api/referrals")).AsArray();
        Assert.Contains(own, r => r is not null && r.Str("id") == referralId.ToString());

        // 08:30 — triage.
        fixture.Clock.Now = monday.AddMinutes(30);
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var accepted = await physician.AcceptAsync(referralId, referral.Number("version"));
        Assert.Equal("accepted", accepted.Str("status"));
        Assert.Equal("biopsy-deep", accepted.Str("procedureId"));

        // 09:00 — scheduling: the CT room, an anaesthesia session on Thursday, the booking at 10:00.
        fixture.Clock.Now = monday.AddHours(1);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        var room = await scheduler.PostJsonAsync("/api/rooms", new { name = "CT room (scenario)", modalities = new[] { "ct", "ultrasound" }, anaesthesiaCapable = true });
        await scheduler.PostJsonAsync("/api/anaesthesia-sessions", new { start = thursday, end = thursday.AddHours(8), teams = 1 });
        var appointment = await scheduler.PostJsonAsync("/api/appointments", new
        {
            referralId,
            roomId = room.Id(),
            start = thursday.AddHours(2),
            withAnaesthesia = true,
        });
        Assert.True(appointment.Number("durationMinutes") > 0, "the duration comes from the procedure durations");
        var day = await scheduler.GetJsonAsync($"/api/schedule?date={thursday:yyyy-MM-dd}");
        var slot = day["rooms"]!.AsArray().Single(r => r!.Str("id") == room.Id().ToString())!["appointments"]!.AsArray().Single()!;
        Assert.Equal("Lucía García", slot.Str("patientDisplayName"));
        Assert.Equal("biopsy-deep", slot.Str("procedureId"));
        Assert.True(slot["withAnaesthesia"]!.GetValue<bool>());
        Assert.Null(slot["reason"]);
        Assert.Equal("scheduled", (await physician.GetJsonAsync($"/api/referrals/{referralId}")).Str("status"));

        // The checklist is red: labs needed for a high bleeding-risk procedure, instructions not yet sent.
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var red = await nurse.GetJsonAsync($"/api/referrals/{referralId}/checklist");
        output.WriteLine(red.ToJsonString());
        Assert.False(red["ready"]!.GetValue<bool>());
        var blocking = red["items"]!.AsArray().Where(i => i!.Str("status") is "failed" or "pending").ToList();
        Assert.Contains(blocking, i => i!.Str("message") == "INR and platelets needed (high bleeding risk, SIR 2019)");
        Assert.Contains(blocking, i => i!.Str("message") == "Fasting instructions not yet sent");
        Assert.All(red["items"]!.AsArray(), i => Assert.False(string.IsNullOrEmpty(i!.Str("source"))));

        // The nurse records the assessment with the instructions sent.
        await nurse.PutJsonAsync($"/api/referrals/{referralId}/assessment", new
        {
            asa = "asa1",
            plannedSedation = "moderate",
            childLifeSupport = true,
            instructionsSentAt = monday.AddHours(1),
        });

        // Thursday 09:15 — labs, consent by the mother, assent by the child, last intakes, weight.
        fixture.Clock.Now = thursday.AddHours(1).AddMinutes(15);
        nurse = await fixture.ClientAsync(StaffRole.Nurse);
        await nurse.PostJsonAsync($"/api/patients/{patientId}/labs", new { test = "inr", value = 1.1, collectedAt = thursday.AddMinutes(30) });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/labs", new { test = "platelets", value = 240, collectedAt = thursday.AddMinutes(30) });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/guardians", new { name = "María García", relationship = "mother", phone = "+34 600 000 000" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "procedure", givenBy = "María García", relationship = "mother" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "sedation", givenBy = "María García", relationship = "mother" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/consents", new { kind = "assent", givenBy = "Lucía García", relationship = "patient" });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/intakes", new { kind = "lightMeal", at = thursday.AddHours(-4).AddMinutes(-30) });
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/intakes", new { kind = "clearLiquid", at = thursday });
        await nurse.PostJsonAsync($"/api/patients/{patientId}/measurements", new { measuredAt = thursday.AddHours(1), weightKg = 21.3, heightCm = 116 });
        var green = await nurse.GetJsonAsync($"/api/referrals/{referralId}/checklist");
        output.WriteLine(green.ToJsonString());
        Assert.True(green["ready"]!.GetValue<bool>(), green.ToJsonString());

        // 10:00 — time-out in the room, then the start.
        fixture.Clock.Now = thursday.AddHours(2);
        var technologist = await fixture.ClientAsync(StaffRole.Technologist);
        var timeOut = new
        {
            patientIdentityConfirmed = true,
            procedureAndSiteConfirmed = true,
            siteMarked = true,
            consentConfirmed = true,
            allergiesReviewed = true,
            imagesDisplayed = true,
            equipmentAvailable = true,
            antibioticProphylaxisAddressed = true,
        };
        physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var record = await physician.PutJsonAsync($"/api/referrals/{referralId}/procedure", new
        {
            timeOut,
            operators = new[] { new { name = "Dr Ana Ruiz", role = "primary operator" } },
            weightKg = 21.3,
        });
        Assert.NotNull(record["record"]!["timeOut"]!["completedAt"]);
        fixture.Clock.Now = thursday.AddHours(2).AddMinutes(6);
        record = await technologist.PutJsonAsync($"/api/referrals/{referralId}/procedure", new
        {
            startedAt = thursday.AddHours(2).AddMinutes(5),
            version = record["record"]!.Number("version"),
        });

        // 10:45 — the record: devices with lot numbers, sedation in mg/kg, CT dose, three cores; then the signature.
        fixture.Clock.Now = thursday.AddHours(2).AddMinutes(45);
        record = await physician.PutJsonAsync($"/api/referrals/{referralId}/procedure", new
        {
            endedAt = thursday.AddHours(2).AddMinutes(40),
            devices = new[] { new { description = "18 G coaxial biopsy needle", manufacturer = "Acme", lot = "LOT-2291", udi = "(01)00812345678901" } },
            sedationDoses = new[] { new { drug = "midazolam", doseMg = 2.0, route = "IV", at = thursday.AddHours(2) } },
            sedationGiven = "moderate",
            ctDoseLengthProductMGyCm = 210.0,
            ctAcquisitions = 4,
            findings = "2.4 cm lesion, right lobe; three cores",
            specimens = "3 cores to pathology",
            outcome = "success",
            version = record["record"]!.Number("version"),
        });
        var dose = record["sedationDoses"]!.AsArray().Single()!;
        Assert.Equal(2.0 / 21.3, dose["mgPerKg"]!.GetValue<double>(), 6);
        output.WriteLine(record.ToJsonString());
        var signed = await physician.PostJsonAsync($"/api/referrals/{referralId}/procedure/sign", new { version = record["record"]!.Number("version") }, HttpStatusCode.OK);
        Assert.True(signed["isSigned"]!.GetValue<bool>());
        var readOnly = await physician.PutJsonAsync($"/api/referrals/{referralId}/procedure",
            new { findings = "changed", version = signed["record"]!.Number("version") }, HttpStatusCode.Conflict);
        Assert.Equal("Signed", readOnly.Str("title"));

        // Recovery: baseline and recovered vitals, the criteria met at 13:30, same-day discharge.
        nurse = await fixture.ClientAsync(StaffRole.Nurse);
        await nurse.PostJsonAsync($"/api/referrals/{referralId}/vitals", Vitals(thursday.AddHours(1).AddMinutes(30), baseline: true));
        fixture.Clock.Now = thursday.AddHours(5).AddMinutes(30);
        nurse = await fixture.ClientAsync(StaffRole.Nurse);
        foreach (var minutes in new[] { 0, 30, 60, 90, 120, 150, 180 })
        {
            await nurse.PostJsonAsync($"/api/referrals/{referralId}/vitals", Vitals(thursday.AddHours(2).AddMinutes(30 + minutes), baseline: false));
        }

        var criteria = await nurse.GetJsonAsync($"/api/referrals/{referralId}/discharge-criteria");
        output.WriteLine(criteria.ToJsonString());
        Assert.True(criteria["met"]!.GetValue<bool>(), criteria.ToJsonString());
        var discharge = await nurse.PostJsonAsync($"/api/referrals/{referralId}/discharge", new { disposition = "sameDayHome", releasedTo = "mother" });
        Assert.True(discharge["criteriaMet"]!.GetValue<bool>());
        Assert.Equal("spanish", discharge.Str("instructionsLanguage"));
        Assert.Equal("completed", (await physician.GetJsonAsync($"/api/referrals/{referralId}")).Str("status"));

        // A follow-up call for the pathology result, due Monday, on the worklist until done.
        var nextMonday = DateOnly.FromDateTime(monday.UtcDateTime).AddDays(7);
        var task = await nurse.PostJsonAsync($"/api/referrals/{referralId}/follow-ups",
            new { kind = "resultCall", description = "Pathology result call", due = nextMonday.ToString("yyyy-MM-dd") });
        var worklist = (await nurse.GetJsonAsync($"/api/follow-ups?due={nextMonday:yyyy-MM-dd}")).AsArray();
        Assert.Contains(worklist, t => t is not null && t.Str("id") == task.Str("id") && t.Str("patientDisplayName") == "Lucía García");
        await nurse.PutJsonAsync($"/api/follow-ups/{task.Str("id")}", new { status = "done", note = "Benign; family informed", version = task.Number("version") });
        worklist = (await nurse.GetJsonAsync($"/api/follow-ups?due={nextMonday:yyyy-MM-dd}")).AsArray();
        Assert.DoesNotContain(worklist, t => t!.Str("id") == task.Str("id"));

        // The episode in one call, and the history of every step.
        var episode = await physician.GetJsonAsync($"/api/referrals/{referralId}/episode");
        Assert.Equal(2, episode["labs"]!.AsArray().Count);
        Assert.Equal(3, episode["consents"]!.AsArray().Count);
        Assert.NotNull(episode["discharge"]);
        var history = (await physician.GetJsonAsync($"/api/referrals/{referralId}/history")).AsArray().Select(e => e!.Str("action")).ToList();
        Assert.Equal(["submitted", "accepted", "scheduled", "started", "completed"], history);

        // Every read and change of this child's data is in the audit trail with the patient id.
        var audited = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == patientId).ToListAsync());
        foreach (var (resource, action) in new[]
        {
            ("referral", "create"), ("referral", "read"), ("referral", "update"), ("appointment", "create"), ("checklist", "read"),
            ("lab", "create"), ("consent", "create"), ("procedure", "update"), ("vitals", "create"), ("discharge", "create"),
            ("follow-up", "create"), ("episode", "read"),
        })
        {
            Assert.Contains(audited, a => a.ResourceType == resource && a.Action == action);
        }
    }

    private static object Vitals(DateTimeOffset at, bool baseline) => new
    {
        at,
        isBaseline = baseline,
        heartRate = 96,
        respiratoryRate = 20,
        systolicBp = 102,
        diastolicBp = 64,
        spO2 = 99,
        onRoomAir = true,
        temperatureC = 36.8,
        painScore = 1,
        consciousness = "awake",
        motorAtBaseline = true,
        toleratingFluids = true,
        nausea = false,
        siteDry = true,
    };
}

public sealed class SqliteClinicalScenarioApiTests(SqliteClinicalAppFixture fixture, ITestOutputHelper output)
    : ClinicalScenarioApiTests(fixture, output), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresClinicalScenarioApiTests(PostgresClinicalAppFixture fixture, ITestOutputHelper output)
    : ClinicalScenarioApiTests(fixture, output), IClassFixture<PostgresClinicalAppFixture>;
