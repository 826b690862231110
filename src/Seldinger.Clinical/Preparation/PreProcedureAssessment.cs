namespace Seldinger.Clinical.Preparation;

/// <summary>
/// The pre-procedure assessment of one episode: ASA status, sedation plan, pregnancy screening and
/// whether the family has its instructions. Labs, drugs, intake and consents are separate records.
/// </summary>
public sealed class PreProcedureAssessment : IVersionedRecord
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The referral (episode); one assessment per referral.</summary>
    public Guid ReferralId { get; set; }

    /// <summary>ASA physical status, when assessed.</summary>
    public AsaClass? Asa { get; set; }

    /// <summary>The ASA "E" (emergency) suffix.</summary>
    public bool AsaEmergency { get; set; }

    /// <summary>Planned sedation.</summary>
    public SedationLevel? PlannedSedation { get; set; }

    /// <summary>Child-life support planned (preparation, distraction), as an alternative or addition to sedation.</summary>
    public bool ChildLifeSupport { get; set; }

    /// <summary>Airway or sedation risk notes (snoring, obstructive sleep apnoea, previous reactions).</summary>
    public string AirwayNotes { get; set; } = "";

    /// <summary>Pregnancy screening state.</summary>
    public PregnancyScreen PregnancyScreen { get; set; } = PregnancyScreen.NotRequired;

    /// <summary>Whether the patient has reached menarche (drives the pregnancy-screening rule).</summary>
    public bool? PostMenarche { get; set; }

    /// <summary>When the family instructions (fasting, what to expect) were sent, if they were.</summary>
    public DateTimeOffset? InstructionsSentAt { get; set; }

    /// <summary>Premedication given or planned for an allergy (e.g. "prednisone 3 doses + diphenhydramine").</summary>
    public string AllergyPremedication { get; set; } = "";

    /// <summary>User name of who assessed.</summary>
    public string AssessedBy { get; set; } = "";

    /// <summary>When assessed.</summary>
    public DateTimeOffset? AssessedAt { get; set; }

    /// <inheritdoc />
    public int Version { get; set; } = 1;
}
