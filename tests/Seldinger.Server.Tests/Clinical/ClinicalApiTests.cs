using System.Net;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>
/// What the clinical API refuses: another clinician's referral, a double booking, a stale version, impossible input,
/// JSON that does not bind; and what it records: audit rows with the patient id.
/// </summary>
public abstract class ClinicalApiTests(ClinicalAppFixture fixture)
{
    [SkippableFact]
    public async Task Referrals_Referrer_SeesOnlyOwnAndNotFoundForAnother()
    {
        fixture.Clock.Now = fixture.Monday;
        var first = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var second = await fixture.SecondReferrerAsync();
        var mine = (await first.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-OWN-1", fixture.Monday))).Id();
        var theirs = (await second.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-OWN-2", fixture.Monday))).Id();

        foreach (var query in new[] { "", "?mine=false", "?mine=true", "?status=awaitingReview" })
        {
            var ids = (await first.GetJsonAsync("/api/referrals" + query)).AsArray().Select(r => r!.Id()).ToList();
            Assert.Contains(mine, ids);
            Assert.DoesNotContain(theirs, ids);
        }

        var hidden = await first.GetJsonAsync($"/api/referrals/{theirs}", HttpStatusCode.NotFound);
        var unknown = await first.GetJsonAsync($"/api/referrals/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        Assert.Equal(unknown.Str("title"), hidden.Str("title"));
        await first.GetJsonAsync($"/api/referrals/{theirs}/history", HttpStatusCode.NotFound);
        await first.PostJsonAsync($"/api/referrals/{theirs}/cancel", new { note = "not mine", version = 1 }, HttpStatusCode.NotFound);

        await first.GetJsonAsync("/api/referrals?status=finished", HttpStatusCode.BadRequest);

        // The attempt is audited with the answer the referrer got.
        var attempts = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.ResourceId == theirs.ToString() && a.UserName == "referringclinician").ToListAsync());
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.Equal(404, a.StatusCode));

        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var all = (await physician.GetJsonAsync("/api/referrals")).AsArray().Select(r => r!.Id()).ToList();
        Assert.Contains(mine, all);
        Assert.Contains(theirs, all);
        var physiciansOwn = (await physician.GetJsonAsync("/api/referrals?mine=true")).AsArray().Select(r => r!.Id()).ToList();
        Assert.DoesNotContain(mine, physiciansOwn);

        // A referrer may not triage or read patients.
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/api/patients")).StatusCode);
    }

    [SkippableFact]
    public async Task Appointments_DoubleBookedRoom_ConflictListsTheClash()
    {
        fixture.Clock.Now = fixture.Monday;
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        var a = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-BOOK-1", fixture.Monday));
        var b = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-BOOK-2", fixture.Monday));
        await physician.AcceptAsync(a.Id(), 1);
        await physician.AcceptAsync(b.Id(), 1);
        var room = await scheduler.PostJsonAsync("/api/rooms", new { name = "CT room (double booking)", modalities = new[] { "ct" }, anaesthesiaCapable = false });
        var tuesday10 = fixture.Monday.AddDays(1).AddHours(2);
        var booked = await scheduler.PostJsonAsync("/api/appointments", new { referralId = a.Id(), roomId = room.Id(), start = tuesday10, durationMinutes = 60 });

        var clash = await scheduler.PostJsonAsync("/api/appointments",
            new { referralId = b.Id(), roomId = room.Id(), start = tuesday10.AddMinutes(30), durationMinutes = 60 }, HttpStatusCode.Conflict);
        Assert.Equal("Schedule conflict", clash.Str("title"));
        Assert.Contains(clash["items"]!.AsArray(), i => i!.Str("code") == "room-double-booked");

        // Just after the first booking (its duration) the room is free.
        var later = await scheduler.PostJsonAsync("/api/appointments", new { referralId = b.Id(), roomId = room.Id(), start = tuesday10.AddMinutes(60), durationMinutes = 30 });
        var worklist = (await scheduler.GetJsonAsync($"/api/rooms/{room.Id()}/worklist?date={tuesday10:yyyy-MM-dd}")).AsArray();
        Assert.Equal([booked.Id(), later.Id()], worklist.Select(s => Guid.Parse(s!.Str("appointmentId"))));
    }

    [SkippableFact]
    public async Task Update_StaleVersion_ConflictWithCurrentVersion()
    {
        fixture.Clock.Now = fixture.Monday;
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var patient = await nurse.PostJsonAsync("/api/patients", Patient("MRN-STALE-1"));
        Assert.Equal(1, patient.Number("version"));
        var changed = await nurse.PutJsonAsync($"/api/patients/{patient.Id()}", Patient("MRN-STALE-1", notes: "first edit", version: 1));
        Assert.Equal(2, changed.Number("version"));

        var stale = await nurse.PutJsonAsync($"/api/patients/{patient.Id()}", Patient("MRN-STALE-1", notes: "second edit", version: 1), HttpStatusCode.Conflict);
        Assert.Contains("changed by someone else since you opened it; reload", stale.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(2, stale.Number("currentVersion"));
        Assert.Equal("first edit", (await nurse.GetJsonAsync($"/api/patients/{patient.Id()}")).Str("notes"));

        var missing = await nurse.PutJsonAsync($"/api/patients/{patient.Id()}", Patient("MRN-STALE-1", notes: "no version"), HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["version"]);
    }

    [SkippableTheory]
    [InlineData("{\"measuredAt\":\"2020-01-01T08:00:00Z\",\"weightKg\":-3}", "weightKg")]
    [InlineData("{\"measuredAt\":\"2020-01-01T08:00:00Z\",\"weightKg\":400}", "weightKg")]
    [InlineData("{\"measuredAt\":\"2099-01-01T08:00:00Z\",\"weightKg\":21}", "measuredAt")]
    [InlineData("{\"weightKg\":21}", "measuredAt")]
    public async Task AddMeasurement_ImpossibleValue_BadRequestNamingTheField(string body, string field)
    {
        fixture.Clock.Now = fixture.Monday;
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var patient = await nurse.PostJsonAsync("/api/patients", Patient($"MRN-WEIGHT-{field}-{body.Length}", birthDate: "2014-01-01"));
        var problem = await nurse.PostJsonAsync($"/api/patients/{patient.Id()}/measurements", body, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty((await nurse.GetJsonAsync($"/api/patients/{patient.Id()}"))["measurements"]!.AsArray());
    }

    [SkippableFact]
    public async Task AddMeasurement_AtTheAgeBandLimits_AcceptedJustOutsideRefused()
    {
        fixture.Clock.Now = fixture.Monday;
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var birth = DateOnly.FromDateTime(fixture.Monday.UtcDateTime).AddYears(-6);
        var patient = await nurse.PostJsonAsync("/api/patients", Patient("MRN-WEIGHT-BAND", birthDate: birth.ToString("yyyy-MM-dd")));
        var (minKg, maxKg) = WeightBand(ageMonths: 72);
        var at = fixture.Monday.AddHours(-1);
        foreach (var (kg, expected) in new[]
        {
            (minKg - 0.1, HttpStatusCode.BadRequest), (minKg, HttpStatusCode.Created), (minKg + 0.1, HttpStatusCode.Created),
            (maxKg - 0.1, HttpStatusCode.Created), (maxKg, HttpStatusCode.Created), (maxKg + 0.1, HttpStatusCode.BadRequest),
        })
        {
            at = at.AddMinutes(1);
            var answer = await nurse.PostJsonAsync($"/api/patients/{patient.Id()}/measurements", new { measuredAt = at, weightKg = kg }, expected);
            Assert.True(expected == HttpStatusCode.Created || answer["errors"]!["weightKg"] is not null, $"{kg} kg");
        }
    }

    // The band of the clinician's data file that the library applies, so that the test follows an edited file.
    private static (double MinKg, double MaxKg) WeightBand(int ageMonths)
    {
        var assembly = typeof(Seldinger.Clinical.ClinicalValidationException).Assembly;
        using var stream = assembly.GetManifestResourceStream("Seldinger.Clinical.Data.weight-plausibility.json")!;
        var bands = System.Text.Json.Nodes.JsonNode.Parse(stream)!["bands"]!.AsArray();
        var band = bands.First(b => b is not null && b.Number("fromMonths") <= ageMonths && ageMonths < b.Number("toMonths"))!;
        return (band["minKg"]!.GetValue<double>(), band["maxKg"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task Submit_InvalidPayloads_BadRequestNeverServerError()
    {
        fixture.Clock.Now = fixture.Monday;
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var unknown = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-BAD-1", fixture.Monday, suggested: "heart-transplant"), HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["suggestedProcedureId"]);

        var malformed = await oncologist.PostJsonAsync("/api/referrals", "{\"reason\": \"mass\", ", HttpStatusCode.BadRequest);
        Assert.Equal(400, malformed.Number("status"));

        var wrongEnum = await oncologist.PostJsonAsync("/api/referrals",
            "{\"patient\":{\"medicalRecordNumber\":\"MRN-BAD-2\",\"familyName\":\"A\",\"givenName\":\"B\",\"birthDate\":\"2019-01-01\",\"sex\":\"robot\"},\"reason\":\"mass\"}",
            HttpStatusCode.BadRequest);
        Assert.Contains("sex", wrongEnum.Str("detail"), StringComparison.Ordinal);

        var missing = await oncologist.PostJsonAsync("/api/referrals", new { patient = new { medicalRecordNumber = "MRN-BAD-3" }, reason = "mass" }, HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["patient.familyName"]);
        Assert.NotNull(missing["errors"]!["patient.birthDate"]);

        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var referral = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-BAD-4", fixture.Monday));
        var triage = await physician.PostJsonAsync($"/api/referrals/{referral.Id()}/triage",
            new { outcome = "accept", procedureId = "heart-transplant", priority = "routine", guidance = "ct", version = 1 }, HttpStatusCode.BadRequest);
        Assert.NotNull(triage["errors"]!["procedureId"]);
        await physician.PostJsonAsync($"/api/referrals/{referral.Id()}/triage", "{\"outcome\":\"maybe\",\"version\":1}", HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task ReadsAndChanges_AuditedWithThePatientId()
    {
        fixture.Clock.Now = fixture.Monday;
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var patient = await nurse.PostJsonAsync("/api/patients", Patient("MRN-AUDIT-1"));
        var id = patient.Id();
        await nurse.GetJsonAsync($"/api/patients/{id}");
        await nurse.PostJsonAsync($"/api/patients/{id}/allergies", new { category = "latex", substance = "latex", severity = "severe" });
        var found = (await nurse.GetJsonAsync("/api/patients?q=audit-1")).AsArray();
        Assert.Single(found);

        var rows = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.PatientId == id).ToListAsync());
        Assert.Contains(rows, r => r.Action == "create" && r.ResourceType == "patient" && r.UserName == "nurse");
        Assert.Contains(rows, r => r.Action == "read" && r.ResourceType == "patient" && r.Detail == "");
        Assert.Contains(rows, r => r.Action == "read" && r.ResourceType == "patient" && r.Detail.Contains("search", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Action == "create" && r.ResourceType == "allergy");
    }

    [SkippableFact]
    public async Task ProcedureDay_RefusalsNameTheirReasons()
    {
        fixture.Clock.Now = fixture.Monday;
        var oncologist = await fixture.ClientAsync(StaffRole.ReferringClinician);
        var physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var scheduler = await fixture.ClientAsync(StaffRole.Scheduler);
        var referral = await oncologist.PostJsonAsync("/api/referrals", ClinicalApi.Referral("MRN-DAY-1", fixture.Monday));
        await physician.AcceptAsync(referral.Id(), 1);
        var room = await scheduler.PostJsonAsync("/api/rooms", new { name = "CT room (refusals)", modalities = new[] { "ct" }, anaesthesiaCapable = false });
        var tuesday10 = fixture.Monday.AddDays(1).AddHours(2);
        await scheduler.PostJsonAsync("/api/appointments", new { referralId = referral.Id(), roomId = room.Id(), start = tuesday10 });

        // Starting with the checklist red and the time-out incomplete: 409 naming both.
        fixture.Clock.Now = tuesday10.AddMinutes(5);
        physician = await fixture.ClientAsync(StaffRole.IrPhysician);
        var url = $"/api/referrals/{referral.Id()}/procedure";
        var refused = await physician.PutJsonAsync(url, new { timeOut = new { patientIdentityConfirmed = true }, startedAt = tuesday10 }, HttpStatusCode.Conflict);
        var reasons = refused["items"]!.AsArray().Select(i => i!.Str("ruleId")).ToList();
        Assert.Contains("timeOut.siteMarked", reasons);
        Assert.Contains("labs", reasons);
        Assert.DoesNotContain("timeOut.patientIdentityConfirmed", reasons);
        await physician.GetJsonAsync(url, HttpStatusCode.NotFound);
        var future = await physician.PutJsonAsync(url, new { endedAt = tuesday10.AddDays(1) }, HttpStatusCode.BadRequest);
        Assert.NotNull(future["errors"]!["endedAt"]);

        // Adverse events: contradictory grades refused, a stale version refused.
        var events = $"/api/referrals/{referral.Id()}/adverse-events";
        var contradictory = await physician.PostJsonAsync(events,
            new { onsetAt = tuesday10, description = "Bleeding", sirSeverity = "death", cirseGrade = "grade1" }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(contradictory["errors"]!.AsObject());
        var ae = await physician.PostJsonAsync(events, new { onsetAt = tuesday10, description = "Vasovagal episode", sirSeverity = "mild", cirseGrade = "grade1" });
        await physician.PutJsonAsync($"{events}/{ae.Id()}",
            new { onsetAt = tuesday10, description = "Vasovagal episode, resolved", sirSeverity = "mild", cirseGrade = "grade1", version = 1 });
        var stale = await physician.PutJsonAsync($"{events}/{ae.Id()}",
            new { onsetAt = tuesday10, description = "again", sirSeverity = "mild", cirseGrade = "grade1", version = 1 }, HttpStatusCode.Conflict);
        Assert.Equal(2, stale.Number("currentVersion"));

        // Discharge: unmet criteria refused, a nurse may not override, admission needs a reason, a physician may override.
        var nurse = await fixture.ClientAsync(StaffRole.Nurse);
        var discharge = $"/api/referrals/{referral.Id()}/discharge";
        var unmet = await nurse.PostJsonAsync(discharge, new { disposition = "sameDayHome" }, HttpStatusCode.Conflict);
        Assert.NotEmpty(unmet["items"]!.AsArray());
        await nurse.PostJsonAsync(discharge, new { disposition = "sameDayHome", overrideReason = "family wish" }, HttpStatusCode.Forbidden);
        var noReason = await nurse.PostJsonAsync(discharge, new { disposition = "admitted" }, HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["admissionReason"]);
        var overridden = await physician.PostJsonAsync(discharge, new { disposition = "sameDayHome", overrideReason = "Observed 4 h; mother is a nurse" });
        Assert.False(overridden["criteriaMet"]!.GetValue<bool>());
        var history = (await physician.GetJsonAsync($"/api/referrals/{referral.Id()}/history")).AsArray();
        Assert.Contains("criteria overridden", history.Last()!.Str("note"), StringComparison.Ordinal);
        await physician.PostJsonAsync(discharge, new { disposition = "admitted", admissionReason = "again" }, HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task OpenApi_ListsEveryClinicalEndpointWithASummary()
    {
        var client = await fixture.ClientAsync(StaffRole.IrPhysician);
        var document = await client.GetJsonAsync("/openapi/v1.json");
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!)))
            .ToList();
        foreach (var (path, method) in new[]
        {
            ("/api/patients", "get"), ("/api/patients", "post"), ("/api/patients/{id}", "put"), ("/api/patients/{id}/measurements", "post"),
            ("/api/patients/{id}/allergies/{allergyId}", "delete"), ("/api/patients/{id}/labs", "post"), ("/api/referrals", "get"),
            ("/api/referrals/{id}/triage", "post"), ("/api/referrals/{id}/information", "post"), ("/api/referrals/{id}/history", "get"),
            ("/api/rooms", "post"), ("/api/anaesthesia-sessions", "post"), ("/api/appointments", "post"), ("/api/appointments/{id}", "put"),
            ("/api/appointments/{id}/cancel", "post"), ("/api/schedule", "get"), ("/api/rooms/{id}/worklist", "get"),
            ("/api/referrals/{id}/assessment", "put"), ("/api/referrals/{id}/intakes", "post"), ("/api/referrals/{id}/consents", "post"),
            ("/api/referrals/{id}/checklist", "get"), ("/api/referrals/{id}/procedure", "put"), ("/api/referrals/{id}/procedure/sign", "post"),
            ("/api/referrals/{id}/adverse-events", "post"), ("/api/referrals/{id}/adverse-events/{eventId}", "put"),
            ("/api/referrals/{id}/vitals", "post"), ("/api/referrals/{id}/discharge-criteria", "get"), ("/api/referrals/{id}/discharge", "post"),
            ("/api/follow-ups", "get"), ("/api/referrals/{id}/follow-ups", "post"), ("/api/follow-ups/{id}", "put"),
            ("/api/referrals/{id}/episode", "get"),
        })
        {
            var found = operations.Where(o => o.Path.TrimEnd('/') == path && o.Method == method).ToList();
            Assert.True(found.Count == 1, $"{method} {path} is not in the OpenAPI document");
            Assert.False(string.IsNullOrWhiteSpace(found[0].Operation["summary"]?.GetValue<string>()), $"{method} {path} has no summary");
        }
    }

    private static object Patient(string mrn, string? notes = null, int? version = null, string birthDate = "2020-05-17") => new
    {
        medicalRecordNumber = mrn,
        familyName = "Audit",
        givenName = "Test",
        birthDate,
        sex = "male",
        preferredLanguage = "english",
        notes,
        version,
    };
}

public sealed class SqliteClinicalApiTests(SqliteClinicalAppFixture fixture) : ClinicalApiTests(fixture), IClassFixture<SqliteClinicalAppFixture>;

public sealed class PostgresClinicalApiTests(PostgresClinicalAppFixture fixture) : ClinicalApiTests(fixture), IClassFixture<PostgresClinicalAppFixture>;
