using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Validation;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// Patients: search, registration, demographics and what belongs to the child rather than to one episode
/// (measurements, allergies, guardians, labs, medications). Every read and change is audited with the patient id.
/// </summary>
public sealed class PatientService(SeldingerDbContext db, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private const string Resource = "patient";

    /// <summary>Patients whose MRN, given or family name contains <paramref name="query"/> (all when empty), at most 100.</summary>
    public async Task<List<PatientSummaryDto>> SearchAsync(string? query, CancellationToken ct = default)
    {
        var patients = db.Patients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToUpperInvariant();
#pragma warning disable CA1862 // The comparison runs in SQL (UPPER … LIKE) on both providers; the StringComparison overloads do not translate.
            patients = patients.Where(p => p.MedicalRecordNumber.ToUpper().Contains(q)
                || p.FamilyName.ToUpper().Contains(q) || p.GivenName.ToUpper().Contains(q)
                || (p.GivenName + " " + p.FamilyName).ToUpper().Contains(q));
#pragma warning restore CA1862
        }

        var found = await patients.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).Take(100).ToListAsync(ct);
        foreach (var p in found)
        {
            await audit.RecordAsync("read", Resource, p.Id.ToString(), p.Id, $"search \"{query}\"", ct);
        }

        return [.. found.Select(ToSummary)];
    }

    /// <summary>A patient with guardians, measurements and allergies.</summary>
    public async Task<Patient> GetAsync(Guid id, CancellationToken ct = default)
    {
        var patient = await LoadAsync(id, tracked: false, ct);
        await audit.RecordAsync("read", Resource, id.ToString(), id, "", ct);
        return patient;
    }

    /// <summary>Registers a patient; the MRN must be new.</summary>
    public async Task<Patient> CreateAsync(PatientRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var patient = New(request, "");
        if (await db.Patients.AnyAsync(p => p.MedicalRecordNumber == patient.MedicalRecordNumber, ct))
        {
            throw new ClinicalConflictException("Patient exists", $"A patient with MRN {patient.MedicalRecordNumber} is already registered.");
        }

        db.Patients.Add(patient);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", Resource, patient.Id.ToString(), patient.Id, "", ct);
        return patient;
    }

    /// <summary>The patient with the MRN of <paramref name="demographics"/>, or a new one made from them (not saved).</summary>
    internal async Task<(Patient Patient, bool Created)> FindOrNewAsync(PatientRequest? demographics, string fieldPrefix, CancellationToken ct)
    {
        if (demographics is null)
        {
            throw new ClinicalValidationException(fieldPrefix, "Name the patient (at least the MRN).");
        }

        var mrn = Input.Text(demographics.MedicalRecordNumber, $"{fieldPrefix}.medicalRecordNumber");
        if (await db.Patients.FirstOrDefaultAsync(p => p.MedicalRecordNumber == mrn, ct) is { } existing)
        {
            return (existing, false);
        }

        return (New(demographics, fieldPrefix + "."), true);
    }

    /// <summary>Changes the demographics; <see cref="PatientRequest.Version"/> must be the stored version.</summary>
    public async Task<Patient> UpdateAsync(Guid id, PatientRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var patient = await LoadAsync(id, tracked: true, ct);
        Input.ExpectVersion(patient, request.Version, Resource);
        var changed = New(request, "");
        if (changed.MedicalRecordNumber != patient.MedicalRecordNumber
            && await db.Patients.AnyAsync(p => p.MedicalRecordNumber == changed.MedicalRecordNumber && p.Id != id, ct))
        {
            throw new ClinicalConflictException("Patient exists", $"Another patient has MRN {changed.MedicalRecordNumber}.");
        }

        patient.MedicalRecordNumber = changed.MedicalRecordNumber;
        patient.FamilyName = changed.FamilyName;
        patient.GivenName = changed.GivenName;
        patient.BirthDate = changed.BirthDate;
        patient.Sex = changed.Sex;
        patient.PreferredLanguage = changed.PreferredLanguage;
        patient.Notes = changed.Notes;
        await SaveAsync(patient, request.Version, ct);
        await audit.RecordAsync("update", Resource, id.ToString(), id, "demographics", ct);
        return patient;
    }

    /// <summary>Records a weight (and height); impossible values for the child's age are refused.</summary>
    public async Task<BodyMeasurement> AddMeasurementAsync(Guid id, MeasurementRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var patient = await LoadAsync(id, tracked: false, ct);
        var now = time.GetUtcNow();
        var measurement = new BodyMeasurement
        {
            Id = Guid.NewGuid(),
            PatientId = id,
            MeasuredAt = Input.Required(request.MeasuredAt, "measuredAt"),
            WeightKg = Input.Required(request.WeightKg, "weightKg"),
            HeightCm = request.HeightCm,
            RecordedBy = user.UserName,
        };
        ClinicalInputValidator.ValidateMeasurement(measurement, patient, now);
        db.BodyMeasurements.Add(measurement);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "measurement", measurement.Id.ToString(), id, $"{measurement.WeightKg} kg", ct);
        return measurement;
    }

    /// <summary>Records an allergy.</summary>
    public async Task<Allergy> AddAllergyAsync(Guid id, AllergyRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await LoadAsync(id, tracked: false, ct);
        var allergy = new Allergy
        {
            Id = Guid.NewGuid(),
            PatientId = id,
            Category = Input.Required(request.Category, "category"),
            Substance = Input.Text(request.Substance, "substance"),
            Reaction = request.Reaction?.Trim() ?? "",
            Severity = request.Severity ?? AllergySeverity.Moderate,
        };
        db.Allergies.Add(allergy);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "allergy", allergy.Id.ToString(), id, allergy.Substance, ct);
        return allergy;
    }

    /// <summary>Removes an allergy recorded in error.</summary>
    public async Task RemoveAllergyAsync(Guid id, Guid allergyId, CancellationToken ct = default)
    {
        var allergy = await db.Allergies.FirstOrDefaultAsync(a => a.Id == allergyId && a.PatientId == id, ct)
            ?? throw new ClinicalNotFoundException("allergy", allergyId);
        db.Allergies.Remove(allergy);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("delete", "allergy", allergyId.ToString(), id, allergy.Substance, ct);
    }

    /// <summary>Records a parent or guardian.</summary>
    public async Task<Guardian> AddGuardianAsync(Guid id, GuardianRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var patient = await LoadAsync(id, tracked: false, ct);
        var guardian = new Guardian
        {
            Id = Guid.NewGuid(),
            PatientId = id,
            Name = Input.Text(request.Name, "name"),
            Relationship = Input.Text(request.Relationship, "relationship"),
            Phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(),
            Language = request.Language ?? patient.PreferredLanguage,
            HasLegalAuthority = request.HasLegalAuthority,
        };
        db.Guardians.Add(guardian);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "guardian", guardian.Id.ToString(), id, guardian.Relationship, ct);
        return guardian;
    }

    /// <summary>Records a laboratory result.</summary>
    public async Task<LabResult> AddLabAsync(Guid id, LabResultRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await LoadAsync(id, tracked: false, ct);
        var now = time.GetUtcNow();
        var lab = new LabResult
        {
            Id = Guid.NewGuid(),
            PatientId = id,
            Test = Input.Required(request.Test, "test"),
            Value = Input.Required(request.Value, "value"),
            CollectedAt = Input.Required(request.CollectedAt, "collectedAt"),
            RecordedBy = user.UserName,
        };
        ClinicalInputValidator.ValidateLab(lab, now);
        db.LabResults.Add(lab);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "lab", lab.Id.ToString(), id, $"{lab.Test} {lab.Value}", ct);
        return lab;
    }

    /// <summary>Records a drug the child takes.</summary>
    public async Task<MedicationRecord> AddMedicationAsync(Guid id, MedicationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await LoadAsync(id, tracked: false, ct);
        var medication = new MedicationRecord
        {
            Id = Guid.NewGuid(),
            PatientId = id,
            Drug = Input.Text(request.Drug, "drug"),
            Dose = request.Dose?.Trim() ?? "",
            LastDoseAt = request.LastDoseAt,
            Active = request.Active,
        };
        if (medication.LastDoseAt is { } last)
        {
            ClinicalInputValidator.ValidateNotInFuture("lastDoseAt", last, time.GetUtcNow());
        }

        db.Medications.Add(medication);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "medication", medication.Id.ToString(), id, medication.Drug, ct);
        return medication;
    }

    internal static PatientSummaryDto ToSummary(Patient p) =>
        new(p.Id, p.MedicalRecordNumber, p.DisplayName, p.BirthDate, p.Sex, p.Version);

    private async Task<Patient> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = db.Patients.Include(p => p.Guardians).Include(p => p.Measurements).Include(p => p.Allergies).AsSplitQuery();
        return await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new ClinicalNotFoundException(Resource, id);
    }

    private async Task SaveAsync(IVersionedRecord record, int? version, CancellationToken ct)
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = Input.Version(version);
        await db.SaveChangesAsync(ct);
    }

    private Patient New(PatientRequest request, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        string Text(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[prefix + field] = ["This field is required."];
                return "";
            }

            return value.Trim();
        }

        var patient = new Patient
        {
            Id = Guid.NewGuid(),
            MedicalRecordNumber = Text(request.MedicalRecordNumber, "medicalRecordNumber"),
            FamilyName = Text(request.FamilyName, "familyName"),
            GivenName = Text(request.GivenName, "givenName"),
            Sex = request.Sex ?? AdministrativeSex.Unknown,
            PreferredLanguage = request.PreferredLanguage ?? FamilyLanguage.English,
            Notes = request.Notes?.Trim() ?? "",
            CreatedAt = time.GetUtcNow(),
        };
        if (request.BirthDate is not { } birth)
        {
            errors[prefix + "birthDate"] = ["This field is required."];
        }
        else
        {
            patient.BirthDate = birth;
        }

        if (errors.Count > 0)
        {
            throw new ClinicalValidationException(errors);
        }

        try
        {
            ClinicalInputValidator.ValidatePatient(patient, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        }
        catch (ClinicalValidationException ex) when (prefix.Length > 0)
        {
            throw new ClinicalValidationException(ex.Errors.ToDictionary(e => prefix + e.Key, e => e.Value));
        }

        return patient;
    }
}
