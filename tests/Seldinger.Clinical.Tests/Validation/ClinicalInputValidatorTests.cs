using System.Text.Json;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Validation;

namespace Seldinger.Clinical.Tests.Validation;

public class ClinicalInputValidatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 5);
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValidatePatient_Complete_Passes() => ClinicalInputValidator.ValidatePatient(Child(Today.AddYears(-6)), Today);

    [Theory]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("A", true)]
    [InlineData(" 123", false)]
    public void ValidatePatient_MedicalRecordNumber_NonBlankWithoutOuterSpaces(string mrn, bool ok)
    {
        var patient = Child(Today.AddYears(-6));
        patient.MedicalRecordNumber = mrn;
        Check(() => ClinicalInputValidator.ValidatePatient(patient, Today), "medicalRecordNumber", ok);
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void ValidatePatient_MedicalRecordNumberLength_AtMost32(int length, bool ok)
    {
        var patient = Child(Today.AddYears(-6));
        patient.MedicalRecordNumber = new string('7', length);
        Check(() => ClinicalInputValidator.ValidatePatient(patient, Today), "medicalRecordNumber", ok);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("Marlowe", true)]
    public void ValidatePatient_Names_Required(string name, bool ok)
    {
        var patient = Child(Today.AddYears(-6));
        patient.FamilyName = name;
        patient.GivenName = name;
        Check(() => ClinicalInputValidator.ValidatePatient(patient, Today), "familyName", ok);
        Check(() => ClinicalInputValidator.ValidatePatient(patient, Today), "givenName", ok);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void ValidatePatient_BirthDate_NotInTheFuture(int daysFromToday, bool ok) =>
        Check(() => ClinicalInputValidator.ValidatePatient(Child(Today.AddDays(daysFromToday)), Today), "birthDate", ok);

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void ValidatePatient_Age_AtMost25Years(int daysAfter26thBirthdayAgo, bool ok) =>
        Check(() => ClinicalInputValidator.ValidatePatient(Child(Today.AddYears(-26).AddDays(daysAfter26thBirthdayAgo)), Today), "birthDate", ok);

    public static TheoryData<double, bool> SixYearOldWeights()
    {
        var (min, max) = Band(72, "Kg");
        return new() { { min - 0.01, false }, { min, true }, { min + 0.01, true }, { 21, true }, { max - 0.01, true }, { max, true }, { max + 0.01, false }, { 0, false }, { -3, false }, { double.NaN, false } };
    }

    [Theory]
    [MemberData(nameof(SixYearOldWeights))]
    public void ValidateMeasurement_WeightOfASixYearOld_WithinThePossibleRange(double kg, bool ok)
    {
        var child = Child(Today.AddYears(-6));
        Check(() => ClinicalInputValidator.ValidateMeasurement(Measure(kg, null, Now), child, Now), "weightKg", ok);
    }

    public static TheoryData<int, double, bool> WeightsAtEveryBand()
    {
        var data = new TheoryData<int, double, bool>();
        foreach (var band in Bands())
        {
            var from = band.GetProperty("fromMonths").GetInt32();
            var minKg = band.GetProperty("minKg").GetDouble();
            var maxKg = band.GetProperty("maxKg").GetDouble();
            data.Add(from, minKg, true);
            data.Add(from, minKg * 0.99, false);
            data.Add(from, maxKg, true);
            data.Add(from, maxKg * 1.01, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WeightsAtEveryBand))]
    public void ValidateMeasurement_BandLimits_AcceptedAtAndRefusedBeyond(int ageMonths, double kg, bool ok)
    {
        var child = Child(Today.AddMonths(-ageMonths));
        Check(() => ClinicalInputValidator.ValidateMeasurement(Measure(kg, null, Now), child, Now), "weightKg", ok);
    }

    public static TheoryData<double, bool> SixYearOldHeights()
    {
        var (min, max) = Band(72, "Cm");
        return new() { { min - 0.1, false }, { min, true }, { 116, true }, { max, true }, { max + 0.1, false }, { 1.16, false } };
    }

    [Theory]
    [MemberData(nameof(SixYearOldHeights))]
    public void ValidateMeasurement_HeightOfASixYearOld_WithinThePossibleRange(double cm, bool ok)
    {
        var child = Child(Today.AddYears(-6));
        Check(() => ClinicalInputValidator.ValidateMeasurement(Measure(21, cm, Now), child, Now), "heightCm", ok);
    }

    [Theory]
    [InlineData(-60, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void ValidateMeasurement_MeasuredAt_NotInTheFutureBeyondFiveMinutes(int secondsAfterNow, bool ok)
    {
        var child = Child(Today.AddYears(-6));
        Check(() => ClinicalInputValidator.ValidateMeasurement(Measure(21, null, Now.AddSeconds(secondsAfterNow)), child, Now), "measuredAt", ok);
    }

    [Fact]
    public void ValidateMeasurement_BeforeBirth_NamesMeasuredAt()
    {
        var newborn = Child(Today);
        Check(() => ClinicalInputValidator.ValidateMeasurement(Measure(3.2, null, Now.AddDays(-2)), newborn, Now), "measuredAt", false);
    }

    public static TheoryData<LabTest, double, bool> LabBoundaries()
    {
        var data = new TheoryData<LabTest, double, bool>();
        foreach (var test in Enum.GetValues<LabTest>())
        {
            var (min, max) = Limit("labs", JsonNamingPolicy.CamelCase.ConvertName(test.ToString()));
            var step = Math.Max((max - min) / 1000, 0.001);
            data.Add(test, min - step, false);
            data.Add(test, min, true);
            data.Add(test, min + step, true);
            data.Add(test, max - step, true);
            data.Add(test, max, true);
            data.Add(test, max + step, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LabBoundaries))]
    public void ValidateLab_Value_WithinThePossibleRange(LabTest test, double value, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateLab(new LabResult { Test = test, Value = value, CollectedAt = Now }, Now), "value", ok);

    [Fact]
    public void ValidateLab_DataFile_HasTheDocumentedInrAndPlateletLimits()
    {
        Assert.Equal((0.5, 20.0), Limit("labs", "inr"));
        Assert.Equal((0.0, 2000.0), Limit("labs", "platelets"));
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void ValidateLab_CollectedAt_NotInTheFuture(int secondsAfterNow, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateLab(new LabResult { Test = LabTest.Inr, Value = 1.1, CollectedAt = Now.AddSeconds(secondsAfterNow) }, Now), "collectedAt", ok);

    public static TheoryData<string, int, bool> VitalBoundaries()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var field in new[] { "heartRate", "respiratoryRate", "systolicBp", "spO2", "painScore" })
        {
            var (min, max) = Limit("vitals", field);
            data.Add(field, (int)min - 1, false);
            data.Add(field, (int)min, true);
            data.Add(field, (int)min + 1, true);
            data.Add(field, (int)max - 1, true);
            data.Add(field, (int)max, true);
            data.Add(field, (int)max + 1, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VitalBoundaries))]
    public void ValidateVitalSigns_EachValue_WithinThePossibleRange(string field, int value, bool ok)
    {
        var vitals = new VitalSigns { At = Now };
        switch (field)
        {
            case "heartRate": vitals.HeartRate = value; break;
            case "respiratoryRate": vitals.RespiratoryRate = value; break;
            case "systolicBp": vitals.SystolicBp = value; break;
            case "spO2": vitals.SpO2 = value; break;
            default: vitals.PainScore = value; break;
        }

        Check(() => ClinicalInputValidator.ValidateVitalSigns(vitals, Now), field, ok);
    }

    [Theory]
    [InlineData(29.9, false)]
    [InlineData(30.0, true)]
    [InlineData(44.0, true)]
    [InlineData(44.1, false)]
    public void ValidateVitalSigns_Temperature_WithinThePossibleRange(double celsius, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateVitalSigns(new VitalSigns { At = Now, TemperatureC = celsius }, Now), "temperatureC", ok);

    [Theory]
    [InlineData(99, true)]
    [InlineData(100, false)]
    [InlineData(101, false)]
    public void ValidateVitalSigns_Diastolic_BelowSystolic(int diastolic, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateVitalSigns(new VitalSigns { At = Now, SystolicBp = 100, DiastolicBp = diastolic }, Now), "diastolicBp", ok);

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void ValidateVitalSigns_At_NotInTheFuture(int secondsAfterNow, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateVitalSigns(new VitalSigns { At = Now.AddSeconds(secondsAfterNow), HeartRate = 90 }, Now), "at", ok);

    [Theory]
    [InlineData(-0.1, false)]
    [InlineData(0, true)]
    [InlineData(0.1, true)]
    public void ValidateProcedureRecord_ContrastMl_NotNegative(double ml, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateProcedureRecord(new ProcedureRecord { ProcedureId = "picc", ContrastMl = ml }, Now), "contrastMl", ok);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void ValidateProcedureRecord_EndedAt_NotBeforeStart(int minutes, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateProcedureRecord(new ProcedureRecord { ProcedureId = "picc", StartedAt = Now.AddHours(-2), EndedAt = Now.AddHours(-2).AddMinutes(minutes) }, Now), "endedAt", ok);

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void ValidateProcedureRecord_StartedAt_NotInTheFuture(int secondsAfterNow, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateProcedureRecord(new ProcedureRecord { ProcedureId = "picc", StartedAt = Now.AddSeconds(secondsAfterNow) }, Now), "startedAt", ok);

    [Theory]
    [InlineData(-0.001, false)]
    [InlineData(0, true)]
    public void ValidateProcedureRecord_DoseAreaProduct_NotNegative(double dap, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateProcedureRecord(new ProcedureRecord { ProcedureId = "picc", DoseAreaProductGyCm2 = dap }, Now), "doseAreaProductGyCm2", ok);

    [Fact]
    public void ValidateProcedureRecord_SeveralWrongFields_NamesEach()
    {
        var record = new ProcedureRecord { ProcedureId = "", ContrastMl = -1, WeightKg = 0, CtAcquisitions = -1 };
        var ex = Assert.Throws<ClinicalValidationException>(() => ClinicalInputValidator.ValidateProcedureRecord(record, Now));
        Assert.Equal(["contrastMl", "ctAcquisitions", "procedureId", "weightKg"], ex.Errors.Keys.Order());
    }

    [Fact]
    public void ValidateAdverseEvent_BlankDescriptionAndFutureOnset_NamesBoth()
    {
        var record = new AdverseEventRecord { Description = " ", OnsetAt = Now.AddHours(1) };
        var ex = Assert.Throws<ClinicalValidationException>(() => ClinicalInputValidator.ValidateAdverseEvent(record, Now));
        Assert.Equal(["description", "onsetAt"], ex.Errors.Keys.Order());
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void ValidateIntake_At_NotInTheFuture(int secondsAfterNow, bool ok) =>
        Check(() => ClinicalInputValidator.ValidateIntake(new IntakeRecord { Kind = IntakeKind.ClearLiquid, At = Now.AddSeconds(secondsAfterNow) }, Now), "at", ok);

    private static void Check(Action validate, string field, bool ok)
    {
        var ex = Record.Exception(validate);
        if (ok)
        {
            Assert.False(ex is ClinicalValidationException cve && cve.Errors.ContainsKey(field), ex?.Message);
            if (ex is not null and not ClinicalValidationException)
            {
                throw ex;
            }
        }
        else
        {
            var cve = Assert.IsType<ClinicalValidationException>(ex);
            Assert.True(cve.Errors.ContainsKey(field), cve.Message);
        }
    }

    private static Patient Child(DateOnly birth) => new()
    {
        Id = Guid.NewGuid(),
        MedicalRecordNumber = "MRN-0042",
        FamilyName = "Ashdown",
        GivenName = "Nora",
        BirthDate = birth,
    };

    private static BodyMeasurement Measure(double kg, double? cm, DateTimeOffset at) => new() { WeightKg = kg, HeightCm = cm, MeasuredAt = at };

    private static JsonDocument Data(string name)
    {
        using var stream = typeof(ClinicalInputValidator).Assembly.GetManifestResourceStream($"Seldinger.Clinical.Data.{name}")!;
        return JsonDocument.Parse(stream);
    }

    private static List<JsonElement> Bands()
    {
        using var doc = Data("weight-plausibility.json");
        return [.. doc.RootElement.GetProperty("bands").EnumerateArray().Select(b => b.Clone())];
    }

    private static (double Min, double Max) Band(int months, string unit)
    {
        var band = Bands().First(b => b.GetProperty("fromMonths").GetInt32() <= months && months < b.GetProperty("toMonths").GetInt32());
        return (band.GetProperty("min" + unit).GetDouble(), band.GetProperty("max" + unit).GetDouble());
    }

    private static (double Min, double Max) Limit(string section, string key)
    {
        using var doc = Data("vital-sign-ranges.json");
        var e = doc.RootElement.GetProperty(section).GetProperty(key);
        return (e.GetProperty("min").GetDouble(), e.GetProperty("max").GetDouble());
    }
}
