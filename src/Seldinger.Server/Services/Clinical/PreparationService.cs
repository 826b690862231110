using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Validation;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical.Internal;
using Seldinger.Storage;

namespace Seldinger.Server.Services.Clinical;

/// <summary>Preparation of an episode: the pre-procedure assessment, last intakes and consents.</summary>
public sealed class PreparationService(ClinicalStore store, ReferralService referrals, CurrentUser user, AuditTrail audit, TimeProvider time)
{
    private SeldingerDbContext Db => store.Db;

    /// <summary>The assessment of the referral, or null when none is recorded yet.</summary>
    public async Task<PreProcedureAssessment?> GetAssessmentAsync(Guid referralId, CancellationToken ct = default)
    {
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var assessment = await Db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.ReferralId == referralId, ct);
        await audit.RecordAsync("read", "assessment", referralId.ToString(), referral.PatientId, "", ct);
        return assessment;
    }

    /// <summary>Records or changes the assessment (ASA, sedation plan, child life, pregnancy screen, premedication, instructions sent).</summary>
    public async Task<PreProcedureAssessment> SaveAssessmentAsync(Guid referralId, AssessmentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var now = time.GetUtcNow();
        var assessment = await Db.Assessments.FirstOrDefaultAsync(a => a.ReferralId == referralId, ct);
        var created = assessment is null;
        if (assessment is null)
        {
            assessment = new PreProcedureAssessment { Id = Guid.NewGuid(), ReferralId = referralId };
            Db.Assessments.Add(assessment);
        }
        else
        {
            Input.ExpectVersion(assessment, request.Version, "assessment");
            store.ExpectVersion(assessment, Input.Version(request.Version));
        }

        if (request.InstructionsSentAt is { } sent)
        {
            ClinicalInputValidator.ValidateNotInFuture("instructionsSentAt", sent, now);
        }

        assessment.Asa = request.Asa;
        assessment.AsaEmergency = request.AsaEmergency;
        assessment.PlannedSedation = request.PlannedSedation ?? referral.PlannedSedation;
        assessment.ChildLifeSupport = request.ChildLifeSupport;
        assessment.AirwayNotes = request.AirwayNotes?.Trim() ?? "";
        assessment.PregnancyScreen = request.PregnancyScreen ?? PregnancyScreen.NotRequired;
        assessment.PostMenarche = request.PostMenarche;
        assessment.InstructionsSentAt = request.InstructionsSentAt;
        assessment.AllergyPremedication = request.AllergyPremedication?.Trim() ?? "";
        assessment.AssessedBy = user.UserName;
        assessment.AssessedAt = now;
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync(created ? "create" : "update", "assessment", referralId.ToString(), referral.PatientId, "", ct);
        return assessment;
    }

    /// <summary>Records the last intake of one kind (clear liquid, breast milk, formula, light or fatty meal).</summary>
    public async Task<IntakeRecord> AddIntakeAsync(Guid referralId, IntakeRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var intake = new IntakeRecord
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Kind = Input.Required(request.Kind, "kind"),
            At = Input.Required(request.At, "at"),
            RecordedBy = user.UserName,
        };
        ClinicalInputValidator.ValidateIntake(intake, time.GetUtcNow());
        Db.Intakes.Add(intake);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "intake", intake.Id.ToString(), referral.PatientId, intake.Kind.ToString(), ct);
        return intake;
    }

    /// <summary>Records a consent (procedure, sedation, blood) or the child's assent.</summary>
    public async Task<ConsentRecord> AddConsentAsync(Guid referralId, ConsentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var referral = await referrals.LoadVisibleAsync(referralId, tracked: false, ct);
        var now = time.GetUtcNow();
        var consent = new ConsentRecord
        {
            Id = Guid.NewGuid(),
            ReferralId = referralId,
            Kind = Input.Required(request.Kind, "kind"),
            GivenBy = Input.Text(request.GivenBy, "givenBy"),
            Relationship = request.Relationship?.Trim() ?? "",
            Granted = request.Granted,
            At = request.At ?? now,
            Interpreter = request.Interpreter?.Trim() ?? "",
            RecordedBy = user.UserName,
        };
        ClinicalInputValidator.ValidateNotInFuture("at", consent.At, now);
        Db.Consents.Add(consent);
        await store.SaveChangesAsync(ct);
        await audit.RecordAsync("create", "consent", consent.Id.ToString(), referral.PatientId, consent.Kind.ToString(), ct);
        return consent;
    }
}
