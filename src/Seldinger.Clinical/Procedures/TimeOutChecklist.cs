namespace Seldinger.Clinical.Procedures;

/// <summary>The time-out before the procedure (Universal Protocol): every item is confirmed aloud by the team.</summary>
public sealed class TimeOutChecklist
{
    /// <summary>Identity confirmed with two identifiers.</summary>
    public bool PatientIdentityConfirmed { get; set; }

    /// <summary>Procedure and side/site confirmed against the consent.</summary>
    public bool ProcedureAndSiteConfirmed { get; set; }

    /// <summary>Site marked, where applicable.</summary>
    public bool SiteMarked { get; set; }

    /// <summary>Consent present and signed.</summary>
    public bool ConsentConfirmed { get; set; }

    /// <summary>Allergies reviewed.</summary>
    public bool AllergiesReviewed { get; set; }

    /// <summary>Relevant images displayed.</summary>
    public bool ImagesDisplayed { get; set; }

    /// <summary>Devices and equipment available.</summary>
    public bool EquipmentAvailable { get; set; }

    /// <summary>Antibiotic prophylaxis given or not needed.</summary>
    public bool AntibioticProphylaxisAddressed { get; set; }

    /// <summary>When the time-out was completed; null until it is.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>User name of who led it.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>Whether every item is confirmed.</summary>
    public bool AllConfirmed => PatientIdentityConfirmed && ProcedureAndSiteConfirmed && SiteMarked && ConsentConfirmed
        && AllergiesReviewed && ImagesDisplayed && EquipmentAvailable && AntibioticProphylaxisAddressed;
}
