using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Security;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>/api/patients: search, registration, demographics, measurements, allergies, guardians, labs and medications.</summary>
public static class PatientEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/patients").WithTags("Patients").AuditedClinical("patient").AuditsPatient();
        group.MapGet("/", SearchAsync).RequireAction(StaffAction.ReadPatients).WithName("SearchPatients")
            .WithSummary("Searches patients by MRN or name (q); all patients when q is empty, at most 100.");
        group.MapPost("/", CreateAsync).RequireAction(StaffAction.EditPatients).WithName("CreatePatient")
            .WithSummary("Registers a patient (the MRN must be new).").ProducesProblem(400).ProducesProblem(409);
        group.MapGet("/{id:guid}", GetAsync).RequireAction(StaffAction.ReadPatients).WithName("GetPatient")
            .WithSummary("A patient with guardians, measurements and allergies.").ProducesProblem(404);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAction(StaffAction.EditPatients).WithName("UpdatePatient")
            .WithSummary("Changes a patient's demographics (send the version you read).").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        group.MapPost("/{id:guid}/measurements", AddMeasurementAsync).RequireAction(StaffAction.EditPatients).WithName("AddMeasurement")
            .WithSummary("Records weight (kg) and height (cm); impossible values for the age are refused.").ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/{id:guid}/allergies", AddAllergyAsync).RequireAction(StaffAction.EditPatients).WithName("AddAllergy")
            .WithSummary("Records an allergy.").ProducesProblem(400).ProducesProblem(404);
        group.MapDelete("/{id:guid}/allergies/{allergyId:guid}", RemoveAllergyAsync).RequireAction(StaffAction.EditPatients).WithName("RemoveAllergy")
            .WithSummary("Removes an allergy recorded in error.").ProducesProblem(404);
        group.MapPost("/{id:guid}/guardians", AddGuardianAsync).RequireAction(StaffAction.EditPatients).WithName("AddGuardian")
            .WithSummary("Records a parent or legal guardian.").ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/{id:guid}/labs", AddLabAsync).RequireAction(StaffAction.EditPatients).WithName("AddLabResult")
            .WithSummary("Records a laboratory result (INR, platelets 10^9/L, …).").ProducesProblem(400).ProducesProblem(404);
        group.MapPost("/{id:guid}/medications", AddMedicationAsync).RequireAction(StaffAction.EditPatients).WithName("AddMedication")
            .WithSummary("Records a drug the child takes (anticoagulants matter to the checklist).").ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<Ok<List<PatientSummaryDto>>> SearchAsync(string? q, PatientService patients, CancellationToken ct) =>
        TypedResults.Ok(await patients.SearchAsync(q, ct));

    private static async Task<Created<Patient>> CreateAsync(PatientRequest request, PatientService patients, CancellationToken ct)
    {
        var patient = await patients.CreateAsync(request, ct);
        return TypedResults.Created($"/api/patients/{patient.Id}", patient);
    }

    private static async Task<Ok<Patient>> GetAsync(Guid id, PatientService patients, CancellationToken ct) =>
        TypedResults.Ok(await patients.GetAsync(id, ct));

    private static async Task<Ok<Patient>> UpdateAsync(Guid id, PatientRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Ok(await patients.UpdateAsync(id, request, ct));

    private static async Task<Created<BodyMeasurement>> AddMeasurementAsync(Guid id, MeasurementRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Created($"/api/patients/{id}", await patients.AddMeasurementAsync(id, request, ct));

    private static async Task<Created<Allergy>> AddAllergyAsync(Guid id, AllergyRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Created($"/api/patients/{id}", await patients.AddAllergyAsync(id, request, ct));

    private static async Task<NoContent> RemoveAllergyAsync(Guid id, Guid allergyId, PatientService patients, CancellationToken ct)
    {
        await patients.RemoveAllergyAsync(id, allergyId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<Guardian>> AddGuardianAsync(Guid id, GuardianRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Created($"/api/patients/{id}", await patients.AddGuardianAsync(id, request, ct));

    private static async Task<Created<LabResult>> AddLabAsync(Guid id, LabResultRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Created($"/api/patients/{id}", await patients.AddLabAsync(id, request, ct));

    private static async Task<Created<MedicationRecord>> AddMedicationAsync(Guid id, MedicationRequest request, PatientService patients, CancellationToken ct) =>
        TypedResults.Created($"/api/patients/{id}", await patients.AddMedicationAsync(id, request, ct));
}
