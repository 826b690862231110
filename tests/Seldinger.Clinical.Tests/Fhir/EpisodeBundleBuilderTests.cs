using System.Text.Json;
using Hl7.Fhir.Model;
using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Fhir;
using Xunit.Abstractions;
using ReferralStatus = Seldinger.Clinical.Referrals.ReferralStatus;

namespace Seldinger.Clinical.Tests.Fhir;

public sealed class EpisodeBundleBuilderTests(FhirValidatorFixture validator, ITestOutputHelper output) : IClassFixture<FhirValidatorFixture>
{
    private static Bundle BuildFull(FhirExportOptions? options = null) =>
        EpisodeBundleBuilder.Build(FhirTestEpisodes.Full(), FhirTestEpisodes.Procedure("picc"), options ?? FhirExportOptions.Default);

    private static Bundle BuildMinimal() =>
        EpisodeBundleBuilder.Build(FhirTestEpisodes.Minimal(), FhirTestEpisodes.Procedure("picc"), FhirExportOptions.Default);

    private static IEnumerable<T> Resources<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource).OfType<T>();

    [Fact]
    public void Build_FullEpisode_EveryResourceValidatesAgainstBaseR4()
    {
        var bundle = BuildFull(new FhirExportOptions { ReportPdf = _ => "%PDF-1.7 test"u8.ToArray(), Timestamp = FhirTestEpisodes.Day });
        AssertValid(bundle);
        foreach (var entry in bundle.Entry)
        {
            AssertValid(entry.Resource!);
        }
    }

    [Fact]
    public void Validate_ObservationWithoutStatusAndCode_ReportsErrors()
    {
        // The validator must be able to fail, or the validation tests above prove nothing.
        Assert.NotEmpty(FhirValidatorFixture.Errors(validator.Validate(new Observation { Id = "x" })));
    }

    [Fact]
    public void Build_MinimalEpisode_IsPatientAndServiceRequestAndValidates()
    {
        var bundle = BuildMinimal();
        Assert.Equal(["Patient", "ServiceRequest"], bundle.Entry.Select(e => e.Resource!.TypeName));
        AssertValid(bundle);
        foreach (var entry in bundle.Entry)
        {
            AssertValid(entry.Resource!);
        }
    }

    [Fact]
    public void Build_FullEpisode_HasEveryResourceKind()
    {
        var kinds = BuildFull().Entry.Select(e => e.Resource!.TypeName).ToHashSet();
        string[] expected =
        [
            "Patient", "Observation", "AllergyIntolerance", "ServiceRequest", "Appointment", "Consent", "Procedure", "Device",
            "MedicationAdministration", "AdverseEvent", "DiagnosticReport", "Task",
        ];
        Assert.All(expected, k => Assert.Contains(k, kinds));
    }

    [Fact]
    public void Build_FullEpisode_EveryReferenceResolvesInsideTheBundle()
    {
        var bundle = BuildFull();
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        Assert.Equal(bundle.Entry.Count, fullUrls.Count);
        Assert.All(fullUrls, u => Assert.StartsWith("urn:uuid:", u, StringComparison.Ordinal));
        var references = new List<string>();
        Collect(JsonDocument.Parse(FhirJson.Serialize(bundle)).RootElement, references);
        Assert.True(references.Count > 40, $"only {references.Count} references");
        Assert.All(references, r => Assert.Contains(r, fullUrls));
    }

    [Fact]
    public void Build_SameEpisodeTwice_SameJson()
    {
        Assert.Equal(FhirJson.Serialize(BuildFull()), FhirJson.Serialize(BuildFull()));
    }

    [Fact]
    public void Build_ResourcesWithOwnRecords_KeepTheRecordGuids()
    {
        var episode = FhirTestEpisodes.Full();
        var bundle = EpisodeBundleBuilder.Build(episode, FhirTestEpisodes.Procedure("picc"), FhirExportOptions.Default);
        Assert.Equal(episode.Patient.Id.ToString(), Resources<Hl7.Fhir.Model.Patient>(bundle).Single().Id);
        Assert.Equal(episode.Referral.Id.ToString(), Resources<ServiceRequest>(bundle).Single().Id);
        Assert.Equal(episode.Procedure!.Id.ToString(), Resources<Hl7.Fhir.Model.Procedure>(bundle).Single().Id);
        Assert.Equal("urn:uuid:" + episode.Patient.Id, bundle.Entry[0].FullUrl);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsTheBundle()
    {
        var bundle = BuildFull(new FhirExportOptions { ReportPdf = _ => [1, 2, 3], Timestamp = FhirTestEpisodes.Day });
        var json = FhirJson.Serialize(bundle);
        var parsed = FhirJson.Parse(json);
        Assert.True(bundle.IsExactly(parsed));
        Assert.Equal(json, FhirJson.Serialize(parsed));
    }

    [Fact]
    public void Parse_NotABundle_ThrowsClinicalValidationException()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() => FhirJson.Parse("{\"resourceType\":\"Bundle\",\"type\":42}"));
        Assert.Contains("bundle", ex.Errors.Keys);
        Assert.Throws<ClinicalValidationException>(() => FhirJson.Parse("{ not json"));
    }

    [Fact]
    public void Build_Patient_CarriesMrnNameGenderBirthDateLanguageAndGuardian()
    {
        var bundle = BuildFull(new FhirExportOptions { MrnSystem = "urn:oid:2.16.724.1.2.3" });
        var patient = Resources<Hl7.Fhir.Model.Patient>(bundle).Single();
        Assert.Equal("urn:oid:2.16.724.1.2.3", patient.Identifier.Single().System);
        Assert.Equal("MRN-004211", patient.Identifier.Single().Value);
        Assert.Equal("García", patient.Name.Single().Family);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal("2019-05-17", patient.BirthDate);
        Assert.Equal("es", patient.Communication.Single().Language.Coding.Single().Code);
        Assert.Equal("Marta García", patient.Contact.Single().Name!.Text);
    }

    [Fact]
    public void Build_WeightObservation_InKgEqualsTheModel()
    {
        var episode = FhirTestEpisodes.Full();
        var bundle = EpisodeBundleBuilder.Build(episode, null, FhirExportOptions.Default);
        var weight = Resources<Observation>(bundle).Single(o => o.Code.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "29463-7"));
        var quantity = Assert.IsType<Quantity>(weight.Value);
        Assert.Equal("http://unitsofmeasure.org", quantity.System);
        Assert.Equal("kg", quantity.Code);
        Assert.Equal(episode.Patient.Measurements[0].WeightKg, (double)quantity.Value!.Value, 12);
        var height = Resources<Observation>(bundle).Single(o => o.Code.Coding.Any(c => c.Code == "8302-2"));
        Assert.Equal(108m, Q(height.Value).Value);
    }

    [Fact]
    public void Build_AdverseEvent_CarriesFhirSeverityAndIrGrades()
    {
        var bundle = BuildFull();
        var events = Resources<AdverseEvent>(bundle).ToList();
        Assert.Equal(2, events.Count);
        var mild = events[0];
        Assert.Equal(AdverseEvent.AdverseEventActuality.Actual, mild.Actuality);
        Assert.Contains(mild.Severity!.Coding, c => c.System == "http://terminology.hl7.org/CodeSystem/adverse-event-severity" && c.Code == "mild");
        Assert.Contains(mild.Severity!.Coding, c => c.System == IrAdverseEventCodeSystem.Url && c.Code == "sir-mild");
        Assert.Contains(mild.Severity!.Coding, c => c.System == IrAdverseEventCodeSystem.Url && c.Code == "cirse-1");
        var procedureUrl = bundle.Entry.Single(e => e.Resource is Hl7.Fhir.Model.Procedure).FullUrl;
        Assert.Equal(procedureUrl, mild.SuspectEntity[0].Instance.Reference);
        // Sedation-related: the sedation doses are suspects too.
        Assert.Equal(3, mild.SuspectEntity.Count);

        var lifeThreatening = events[1];
        Assert.Contains(lifeThreatening.Severity!.Coding, c => c.Code == "severe");
        Assert.Contains(lifeThreatening.Severity!.Coding, c => c.Code == "sir-life-threatening");
        Assert.Contains(lifeThreatening.Severity!.Coding, c => c.Code == "cirse-3");
        Assert.Equal("serious-is-life-threatening", lifeThreatening.Seriousness!.Coding.Single().Code);
        Assert.Single(lifeThreatening.SuspectEntity);
    }

    [Fact]
    public void Build_Labs_UseLoincAndUcum()
    {
        var labs = Resources<Observation>(BuildFull()).Where(o => o.Category.Any(c => c.Coding.Any(x => x.Code == "laboratory"))).ToList();
        Assert.Equal(8, labs.Count);
        var inr = labs.Single(o => o.Code.Coding.Any(c => c.Code == "6301-6"));
        Assert.Equal(1.1m, Q(inr.Value).Value);
        var platelets = labs.Single(o => o.Code.Coding.Any(c => c.Code == "777-3"));
        Assert.Equal("10*9/L", Q(platelets.Value).Code);
        var hb = labs.Single(o => o.Code.Coding.Any(c => c.Code == "718-7"));
        Assert.Equal("g/L", Q(hb.Value).Code);
        var hcg = labs.Single(o => o.Value is CodeableConcept);
        Assert.Equal("260385009", Assert.IsType<CodeableConcept>(hcg.Value).Coding.Single().Code);
    }

    [Fact]
    public void Build_Vitals_BloodPressurePanelHasBothComponents()
    {
        var observations = Resources<Observation>(BuildFull()).ToList();
        var panels = observations.Where(o => o.Code.Coding.Any(c => c.Code == "85354-9")).ToList();
        Assert.Equal(2, panels.Count);
        Assert.Equal(["8480-6", "8462-4"], panels[0].Component.Select(c => c.Code.Coding[0].Code));
        Assert.Equal(102m, Q(panels[0].Component[0].Value).Value);
        // The second set has no diastolic value: the component says why instead.
        Assert.NotNull(panels[1].Component[1].DataAbsentReason);
        Assert.Equal(2, observations.Count(o => o.Code.Coding.Any(c => c.Code == "8867-4")));
        Assert.Single(observations, o => o.Code.Coding.Any(c => c.Code == "8310-5"));
    }

    [Fact]
    public void Build_RadiationDose_DicomConceptsInUcum()
    {
        var dose = Resources<Observation>(BuildFull()).Single(o => o.Code.Coding.Any(c => c.Code == "73569-6"));
        var byCode = dose.Component.ToDictionary(c => c.Code.Coding.Single().Code!);
        Assert.Equal("Gy.cm2", Q(byCode["113722"].Value).Code);
        Assert.Equal(0.35m, Q(byCode["113722"].Value).Value);
        Assert.Equal(1.9m, Q(byCode["113725"].Value).Value);
        Assert.Equal(42m, Q(byCode["113730"].Value).Value);
        Assert.Equal("mGy.cm", Q(byCode["113813"].Value).Code);
        Assert.Equal(1, Assert.IsType<Integer>(byCode["113812"].Value).Value);
    }

    [Fact]
    public void Build_ProcedureAndReport_StatusFollowsSignature()
    {
        var episode = FhirTestEpisodes.Full();
        var bundle = EpisodeBundleBuilder.Build(episode, FhirTestEpisodes.Procedure("picc"), FhirExportOptions.Default);
        var procedure = Resources<Hl7.Fhir.Model.Procedure>(bundle).Single();
        Assert.Equal(EventStatus.Completed, procedure.Status);
        Assert.Equal("picc", procedure.Code!.Coding.Single().Code);
        Assert.Equal("urn:seldinger:fhir:CodeSystem:ir-procedure", procedure.Code!.Coding.Single().System);
        Assert.Equal(2, procedure.UsedReference.Count);
        var picc = Resources<Device>(bundle).First();
        Assert.Equal("LOT-2291", picc.LotNumber);
        Assert.Equal("(01)00812345678901(17)280101(10)LOT-2291", picc.UdiCarrier.Single().CarrierHRF);
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, Resources<DiagnosticReport>(bundle).Single().Status);
        Assert.Empty(Resources<DiagnosticReport>(bundle).Single().PresentedForm);

        episode.Procedure!.SignedBy = null;
        episode.Procedure.SignedAt = null;
        var draft = EpisodeBundleBuilder.Build(episode, null, FhirExportOptions.Default);
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, Resources<DiagnosticReport>(draft).Single().Status);
    }

    [Fact]
    public void Build_ReportPdfDelegate_AttachesThePdf()
    {
        var bundle = BuildFull(new FhirExportOptions { ReportPdf = _ => [0x25, 0x50, 0x44, 0x46] });
        var form = Resources<DiagnosticReport>(bundle).Single().PresentedForm.Single();
        Assert.Equal("application/pdf", form.ContentType);
        Assert.Equal([0x25, 0x50, 0x44, 0x46], form.Data);
    }

    [Fact]
    public void Build_FollowUps_AreTasksWithDueDate()
    {
        var tasks = Resources<Hl7.Fhir.Model.Task>(BuildFull()).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Equal("2026-03-11", tasks[0].Restriction!.Period!.End);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Completed, tasks[0].Status);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Requested, tasks[1].Status);
    }

    [Theory]
    [InlineData(ReferralStatus.AwaitingReview, RequestStatus.Active)]
    [InlineData(ReferralStatus.MoreInformationRequested, RequestStatus.OnHold)]
    [InlineData(ReferralStatus.Declined, RequestStatus.Revoked)]
    [InlineData(ReferralStatus.Scheduled, RequestStatus.Active)]
    [InlineData(ReferralStatus.Completed, RequestStatus.Completed)]
    [InlineData(ReferralStatus.Cancelled, RequestStatus.Revoked)]
    public void Build_ReferralStatus_MapsToServiceRequestStatus(ReferralStatus status, RequestStatus expected)
    {
        var episode = FhirTestEpisodes.Minimal();
        episode.Referral.Status = status;
        var request = Resources<ServiceRequest>(EpisodeBundleBuilder.Build(episode, null, FhirExportOptions.Default)).Single();
        Assert.Equal(expected, request.Status);
        Assert.Equal(RequestIntent.Order, request.Intent);
    }

    [Fact]
    public void Build_ReferralOfAnotherPatient_ThrowsClinicalValidationException()
    {
        var episode = FhirTestEpisodes.Minimal();
        var other = new Episode { Patient = episode.Patient, Referral = FhirTestEpisodes.Referral(Guid.NewGuid()) };
        var ex = Assert.Throws<ClinicalValidationException>(() => EpisodeBundleBuilder.Build(other, null, FhirExportOptions.Default));
        Assert.Contains("referral.patientId", ex.Errors.Keys);
    }

    private static Quantity Q(DataType? value) => Assert.IsType<Quantity>(value);

    private void AssertValid(Resource resource)
    {
        var issues = validator.Validate(resource);
        foreach (var issue in issues.Where(i => i.Severity == OperationOutcome.IssueSeverity.Warning))
        {
            output.WriteLine($"{resource.TypeName} warning: {issue.Details?.Text} @ {string.Join(",", issue.Expression ?? [])}");
        }

        Assert.Empty(FhirValidatorFixture.Errors(issues).Select(e => $"{resource.TypeName}/{resource.Id}: {e}"));
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "reference" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
            default:
                break;
        }
    }
}
