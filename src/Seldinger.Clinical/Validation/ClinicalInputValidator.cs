using System.Globalization;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Validation.Internal;

namespace Seldinger.Clinical.Validation;

/// <summary>
/// Refuses clinical input that cannot be true: a child born in the future, a weight that no child of
/// that age can have, an INR of 50, a heart rate of 900, a time tomorrow. Each method checks one record
/// and throws one <see cref="ClinicalValidationException"/> naming every wrong field (camelCase, as in
/// the API). The limits are the physically possible ranges of <c>Data/weight-plausibility.json</c> and
/// <c>Data/vital-sign-ranges.json</c>, not normal ranges: a value inside may still deserve an alert.
/// </summary>
public static class ClinicalInputValidator
{
    /// <summary>The oldest age, in completed years, the pediatric service records (young adults included).</summary>
    public const int MaxAgeYears = 25;

    /// <summary>The longest medical record number accepted.</summary>
    public const int MaxMedicalRecordNumberLength = 32;

    private const int MaxNameLength = 100;

    /// <summary>How far after the server's clock a recorded time may lie (device clocks drift).</summary>
    public static TimeSpan ClockSkew => PlausibilityLimits.Default.ClockSkew;

    /// <summary>Checks a patient's identity: names, medical record number, birth date (not in the future, age at most <see cref="MaxAgeYears"/>).</summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidatePatient(Patient patient, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var errors = new Errors();
        var mrn = patient.MedicalRecordNumber;
        if (string.IsNullOrWhiteSpace(mrn))
        {
            errors.Add("medicalRecordNumber", "The medical record number is required.");
        }
        else if (mrn.Length > MaxMedicalRecordNumberLength)
        {
            errors.Add("medicalRecordNumber", $"The medical record number has {mrn.Length} characters; at most {MaxMedicalRecordNumberLength} are allowed.");
        }
        else if (mrn.Trim().Length != mrn.Length || mrn.Any(char.IsControl))
        {
            errors.Add("medicalRecordNumber", "The medical record number must not start or end with spaces or hold control characters.");
        }

        Name(errors, "familyName", "family name", patient.FamilyName);
        Name(errors, "givenName", "given name", patient.GivenName);
        if (patient.BirthDate > today)
        {
            errors.Add("birthDate", $"The birth date {Iso(patient.BirthDate)} is in the future.");
        }
        else if (patient.AgeYearsOn(today) > MaxAgeYears)
        {
            errors.Add("birthDate", $"The birth date {Iso(patient.BirthDate)} makes the patient {patient.AgeYearsOn(today)} years old; this pediatric service records patients up to {MaxAgeYears} years.");
        }

        if (!Enum.IsDefined(patient.Sex))
        {
            errors.Add("sex", $"Unknown administrative sex {(int)patient.Sex}.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>
    /// Checks a weight (and height) measurement: positive and possible for the child's age on the day measured,
    /// taken not before birth and not in the future (within <see cref="ClockSkew"/>).
    /// </summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidateMeasurement(BodyMeasurement measurement, Patient patient, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(patient);
        var errors = new Errors();
        Time(errors, "measuredAt", measurement.MeasuredAt, now);
        var day = DateOnly.FromDateTime(measurement.MeasuredAt.DateTime);
        if (day < patient.BirthDate)
        {
            errors.Add("measuredAt", $"The measurement ({Iso(day)}) is before the birth date ({Iso(patient.BirthDate)}).");
        }

        var months = patient.AgeMonthsOn(day < patient.BirthDate ? patient.BirthDate : day);
        var band = PlausibilityLimits.Default.BandFor(months);
        var age = AgeWords(months);
        if (!double.IsFinite(measurement.WeightKg) || measurement.WeightKg <= 0)
        {
            errors.Add("weightKg", "The weight must be a number of kilograms above 0.");
        }
        else if (measurement.WeightKg < band.MinKg || measurement.WeightKg > band.MaxKg)
        {
            errors.Add("weightKg", $"{Num(measurement.WeightKg)} kg is not possible at {age} (accepted {Num(band.MinKg)}–{Num(band.MaxKg)} kg); check the unit (kg, not lb or g).");
        }

        if (measurement.HeightCm is { } cm)
        {
            if (!double.IsFinite(cm) || cm <= 0)
            {
                errors.Add("heightCm", "The height must be a number of centimetres above 0.");
            }
            else if (cm < band.MinCm || cm > band.MaxCm)
            {
                errors.Add("heightCm", $"{Num(cm)} cm is not possible at {age} (accepted {Num(band.MinCm)}–{Num(band.MaxCm)} cm); check the unit (cm, not m or inches).");
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks a laboratory result: a value the test can have in the record's unit, collected not in the future.</summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidateLab(LabResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new Errors();
        if (!Enum.IsDefined(result.Test))
        {
            errors.Add("test", $"Unknown laboratory test {(int)result.Test}.");
        }
        else
        {
            var key = result.Test.ToString();
            Range(errors, "value", $"labs.{char.ToLowerInvariant(key[0])}{key[1..]}", result.Value, $"{key} ");
        }

        Time(errors, "collectedAt", result.CollectedAt, now);
        errors.ThrowIfAny();
    }

    /// <summary>Checks a set of vital signs: every value given is physically possible, diastolic below systolic, taken not in the future.</summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidateVitalSigns(VitalSigns vitals, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vitals);
        var errors = new Errors();
        Time(errors, "at", vitals.At, now);
        Optional(errors, "heartRate", "vitals.heartRate", vitals.HeartRate, "Heart rate ");
        Optional(errors, "respiratoryRate", "vitals.respiratoryRate", vitals.RespiratoryRate, "Respiratory rate ");
        Optional(errors, "systolicBp", "vitals.systolicBp", vitals.SystolicBp, "Systolic pressure ");
        Optional(errors, "diastolicBp", "vitals.diastolicBp", vitals.DiastolicBp, "Diastolic pressure ");
        Optional(errors, "spO2", "vitals.spO2", vitals.SpO2, "SpO2 ");
        Optional(errors, "temperatureC", "vitals.temperatureC", vitals.TemperatureC, "Temperature ");
        Optional(errors, "painScore", "vitals.painScore", vitals.PainScore, "Pain score ");
        if (vitals is { SystolicBp: { } sys, DiastolicBp: { } dia } && dia >= sys)
        {
            errors.Add("diastolicBp", $"The diastolic pressure ({dia}) must be below the systolic ({sys}).");
        }

        if (vitals.Consciousness is { } c && !Enum.IsDefined(c))
        {
            errors.Add("consciousness", $"Unknown consciousness level {(int)c}.");
        }

        errors.ThrowIfAny();
    }

    /// <summary>
    /// Checks the numbers and times of a procedure record: contrast, fluoroscopy time and doses not negative
    /// (and not absurdly large), the weight positive, start and end not in the future, end not before start.
    /// </summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidateProcedureRecord(ProcedureRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(record.ProcedureId))
        {
            errors.Add("procedureId", "The procedure is required.");
        }

        if (record.StartedAt is { } start)
        {
            Time(errors, "startedAt", start, now);
        }

        if (record.EndedAt is { } end)
        {
            Time(errors, "endedAt", end, now);
            if (record.StartedAt is { } s && end < s)
            {
                errors.Add("endedAt", "The procedure cannot end before it started.");
            }
        }

        if (record.WeightKg is { } kg && (!double.IsFinite(kg) || kg <= 0))
        {
            errors.Add("weightKg", "The weight must be a number of kilograms above 0.");
        }

        Optional(errors, "contrastMl", "procedure.contrastMl", record.ContrastMl, "Contrast volume ");
        Optional(errors, "fluoroscopyTimeSeconds", "procedure.fluoroscopyTimeSeconds", record.FluoroscopyTimeSeconds, "Fluoroscopy time ");
        Optional(errors, "doseAreaProductGyCm2", "procedure.doseAreaProductGyCm2", record.DoseAreaProductGyCm2, "Dose-area product ");
        Optional(errors, "referenceAirKermaMGy", "procedure.referenceAirKermaMGy", record.ReferenceAirKermaMGy, "Reference air kerma ");
        Optional(errors, "ctDoseLengthProductMGyCm", "procedure.ctDoseLengthProductMGyCm", record.CtDoseLengthProductMGyCm, "CT dose-length product ");
        if (record.CtAcquisitions is < 0)
        {
            errors.Add("ctAcquisitions", "The number of CT acquisitions cannot be negative.");
        }

        for (var i = 0; i < record.SedationDoses.Count; i++)
        {
            var dose = record.SedationDoses[i];
            if (!double.IsFinite(dose.DoseMg) || dose.DoseMg < 0)
            {
                errors.Add($"sedationDoses[{i}].doseMg", "A dose must be 0 mg or more.");
            }

            Time(errors, $"sedationDoses[{i}].at", dose.At, now);
        }

        errors.ThrowIfAny();
    }

    /// <summary>Checks an adverse event: a description, and onset and recording not in the future.</summary>
    /// <exception cref="ClinicalValidationException">A field is wrong; every wrong field is named.</exception>
    public static void ValidateAdverseEvent(AdverseEventRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(record.Description))
        {
            errors.Add("description", "Describe what happened.");
        }

        if (!Enum.IsDefined(record.SirSeverity))
        {
            errors.Add("sirSeverity", $"Unknown SIR severity {(int)record.SirSeverity}.");
        }

        if (!Enum.IsDefined(record.CirseGrade))
        {
            errors.Add("cirseGrade", $"Unknown CIRSE grade {(int)record.CirseGrade}.");
        }

        Time(errors, "onsetAt", record.OnsetAt, now);
        errors.ThrowIfAny();
    }

    /// <summary>Checks a last-intake record: a known kind, a time not in the future.</summary>
    /// <exception cref="ClinicalValidationException">A field is wrong.</exception>
    public static void ValidateIntake(IntakeRecord intake, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var errors = new Errors();
        if (!Enum.IsDefined(intake.Kind))
        {
            errors.Add("kind", $"Unknown intake kind {(int)intake.Kind}.");
        }

        Time(errors, "at", intake.At, now);
        errors.ThrowIfAny();
    }

    /// <summary>Checks that a recorded time is not in the future (beyond <see cref="ClockSkew"/>).</summary>
    /// <exception cref="ClinicalValidationException">The time is in the future; the message names <paramref name="field"/>.</exception>
    public static void ValidateNotInFuture(string field, DateTimeOffset value, DateTimeOffset now)
    {
        var errors = new Errors();
        Time(errors, field, value, now);
        errors.ThrowIfAny();
    }

    private static void Name(Errors errors, string field, string words, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"The {words} is required.");
        }
        else if (value.Length > MaxNameLength)
        {
            errors.Add(field, $"The {words} has {value.Length} characters; at most {MaxNameLength} are allowed.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(field, $"The {words} must not hold control characters.");
        }
    }

    private static void Time(Errors errors, string field, DateTimeOffset value, DateTimeOffset now)
    {
        if (value > now + ClockSkew)
        {
            errors.Add(field, $"{value:yyyy-MM-dd HH:mm zzz} is in the future.");
        }
    }

    private static void Optional(Errors errors, string field, string key, double? value, string words)
    {
        if (value is { } v)
        {
            Range(errors, field, key, v, words);
        }
    }

    private static void Range(Errors errors, string field, string key, double value, string words)
    {
        var range = PlausibilityLimits.Default.Ranges[key];
        if (!double.IsFinite(value) || value < range.Min || value > range.Max)
        {
            errors.Add(field, $"{words}{Num(value)} {range.Unit} is not possible (accepted {Num(range.Min)}–{Num(range.Max)}).");
        }
    }

    private static string AgeWords(int months) => months < 24 ? $"{months} months" : $"{months / 12} years";

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _map = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_map.TryGetValue(field, out var list))
            {
                _map[field] = list = [];
            }

            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_map.Count > 0)
            {
                throw new ClinicalValidationException(_map.ToDictionary(p => p.Key, p => p.Value.ToArray()));
            }
        }
    }
}
