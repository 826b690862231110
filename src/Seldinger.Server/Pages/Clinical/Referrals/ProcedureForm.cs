using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Scheduling;
using Seldinger.Planning;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>The procedure record form as posted: time-out boxes, rows of operators, devices and sedation doses, and the numbers.</summary>
public sealed class ProcedureForm
{
    /// <summary>Identity confirmed with two identifiers.</summary>
    public bool PatientIdentityConfirmed { get; set; }

    /// <summary>Procedure and site confirmed.</summary>
    public bool ProcedureAndSiteConfirmed { get; set; }

    /// <summary>Site marked.</summary>
    public bool SiteMarked { get; set; }

    /// <summary>Consent confirmed.</summary>
    public bool ConsentConfirmed { get; set; }

    /// <summary>Allergies reviewed.</summary>
    public bool AllergiesReviewed { get; set; }

    /// <summary>Images displayed.</summary>
    public bool ImagesDisplayed { get; set; }

    /// <summary>Equipment available.</summary>
    public bool EquipmentAvailable { get; set; }

    /// <summary>Antibiotic prophylaxis addressed.</summary>
    public bool AntibioticProphylaxisAddressed { get; set; }

    /// <summary>Operator names, one per row.</summary>
    public List<string?> OperatorName { get; set; } = [];

    /// <summary>Operator roles, one per row.</summary>
    public List<string?> OperatorRole { get; set; } = [];

    /// <summary>Start, on the site's clock (as the form's datetime-local field gives it).</summary>
    public string? StartedAt { get; set; }

    /// <summary>End, on the site's clock.</summary>
    public string? EndedAt { get; set; }

    /// <summary>The stored start the form was filled with (see <see cref="ClinicalFormat.Shown"/>).</summary>
    public string? StartedAtShown { get; set; }

    /// <summary>The stored end the form was filled with.</summary>
    public string? EndedAtShown { get; set; }

    /// <summary>Guidance used.</summary>
    public GuidanceModality? Guidance { get; set; }

    /// <summary>Weight on the day (kg), which mL/kg and mg/kg use.</summary>
    public double? WeightKg { get; set; }

    /// <summary>Device descriptions, one per row.</summary>
    public List<string?> DeviceDescription { get; set; } = [];

    /// <summary>Device manufacturers.</summary>
    public List<string?> DeviceManufacturer { get; set; } = [];

    /// <summary>Device lot numbers.</summary>
    public List<string?> DeviceLot { get; set; } = [];

    /// <summary>Device UDIs.</summary>
    public List<string?> DeviceUdi { get; set; } = [];

    /// <summary>Contrast agent.</summary>
    public string? ContrastAgent { get; set; }

    /// <summary>Contrast volume (mL).</summary>
    public double? ContrastMl { get; set; }

    /// <summary>Sedation drugs, one per row.</summary>
    public List<string?> DoseDrug { get; set; } = [];

    /// <summary>Sedation doses (mg).</summary>
    public List<double?> DoseMg { get; set; } = [];

    /// <summary>Sedation routes.</summary>
    public List<string?> DoseRoute { get; set; } = [];

    /// <summary>Sedation dose times, on the site's clock.</summary>
    public List<string?> DoseAt { get; set; } = [];

    /// <summary>The stored dose times the rows were filled with (empty for a new row).</summary>
    public List<string?> DoseAtShown { get; set; } = [];

    /// <summary>Sedation level reached.</summary>
    public SedationLevel? SedationGiven { get; set; }

    /// <summary>Fluoroscopy time (s).</summary>
    public double? FluoroscopyTimeSeconds { get; set; }

    /// <summary>Dose-area product (Gy·cm²).</summary>
    public double? DoseAreaProductGyCm2 { get; set; }

    /// <summary>Reference air kerma (mGy).</summary>
    public double? ReferenceAirKermaMGy { get; set; }

    /// <summary>CT dose-length product (mGy·cm).</summary>
    public double? CtDoseLengthProductMGyCm { get; set; }

    /// <summary>CT acquisitions.</summary>
    public int? CtAcquisitions { get; set; }

    /// <summary>Findings.</summary>
    public string? Findings { get; set; }

    /// <summary>Specimens.</summary>
    public string? Specimens { get; set; }

    /// <summary>Technical outcome.</summary>
    public TechnicalOutcome? Outcome { get; set; }

    /// <summary>The record's version the form was filled on (null for a new record).</summary>
    public int? Version { get; set; }

    /// <summary>
    /// The request for the procedure service; rows left empty are dropped, and an empty list leaves the stored one. Times
    /// are read on <paramref name="site"/>'s clock; a dose without a time is given at the start, else at <paramref name="now"/>.
    /// </summary>
    /// <exception cref="Seldinger.Clinical.ClinicalValidationException">A time the site's clocks skip.</exception>
    public ProcedureRecordRequest ToRequest(SiteTime site, DateTimeOffset now)
    {
        var startedAt = ClinicalPageActions.Time(StartedAt, site, "startedAt", StartedAtShown);
        var endedAt = ClinicalPageActions.Time(EndedAt, site, "endedAt", EndedAtShown);
        var operators = OperatorName.Select((n, i) => (Name: n, Role: At(OperatorRole, i)))
            .Where(o => !string.IsNullOrWhiteSpace(o.Name))
            .Select(o => new ProcedureOperator { Name = o.Name!, Role = o.Role ?? "operator" })
            .ToList();
        var devices = DeviceDescription.Select((d, i) => (d, i))
            .Where(x => !string.IsNullOrWhiteSpace(x.d))
            .Select(x => new DeviceUse { Description = x.d!, Manufacturer = At(DeviceManufacturer, x.i) ?? "", Lot = At(DeviceLot, x.i) ?? "", Udi = At(DeviceUdi, x.i) ?? "" })
            .ToList();
        var doses = DoseDrug.Select((d, i) => (d, i))
            .Where(x => !string.IsNullOrWhiteSpace(x.d))
            .Select(x => new SedationDose
            {
                Drug = x.d!,
                DoseMg = x.i < DoseMg.Count ? DoseMg[x.i] ?? 0 : 0,
                Route = At(DoseRoute, x.i) ?? "IV",
                At = ClinicalPageActions.Time(At(DoseAt, x.i), site, "doseAt", At(DoseAtShown, x.i)) ?? startedAt ?? now,
            })
            .ToList();
        var timeOut = new TimeOutChecklist
        {
            PatientIdentityConfirmed = PatientIdentityConfirmed,
            ProcedureAndSiteConfirmed = ProcedureAndSiteConfirmed,
            SiteMarked = SiteMarked,
            ConsentConfirmed = ConsentConfirmed,
            AllergiesReviewed = AllergiesReviewed,
            ImagesDisplayed = ImagesDisplayed,
            EquipmentAvailable = EquipmentAvailable,
            AntibioticProphylaxisAddressed = AntibioticProphylaxisAddressed,
        };
        return new ProcedureRecordRequest(
            timeOut, operators.Count == 0 ? null : operators, startedAt, endedAt, Guidance, WeightKg,
            devices.Count == 0 ? null : devices, ContrastAgent, ContrastMl, doses.Count == 0 ? null : doses, SedationGiven, FluoroscopyTimeSeconds,
            DoseAreaProductGyCm2, ReferenceAirKermaMGy, CtDoseLengthProductMGyCm, CtAcquisitions, Findings, Specimens, Outcome, null, Version);
    }

    private static string? At(List<string?> list, int i) => i < list.Count && !string.IsNullOrWhiteSpace(list[i]) ? list[i]!.Trim() : null;
}
