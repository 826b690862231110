using Seldinger.Clinical;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Reports;
using Seldinger.Server.Security;

namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// The documents of an episode: the family instruction sheet (JSON or PDF) and the procedure report
/// PDF. Visibility is the referral's: a referring clinician reaches only their own referrals.
/// </summary>
public sealed class DocumentService(EpisodeService episodes, AuditTrail audit, DocumentOptions options)
{
    /// <summary>The family sheet; the language defaults to the family's preferred one, the phase to before.</summary>
    public async Task<InstructionSheet> InstructionsAsync(Guid referralId, string? language, string? phase, CancellationToken ct = default)
    {
        var (sheet, patientId) = await ComposeAsync(referralId, language, phase, ct);
        await audit.RecordAsync("read", "instructions", referralId.ToString(), patientId, $"{sheet.Language} {sheet.Phase}", ct);
        return sheet;
    }

    /// <summary>The family sheet as a printable PDF.</summary>
    public async Task<byte[]> InstructionsPdfAsync(Guid referralId, string? language, string? phase, CancellationToken ct = default)
    {
        var (sheet, patientId) = await ComposeAsync(referralId, language, phase, ct);
        var pdf = InstructionSheetPdf.Render(sheet, options.ToReportOptions());
        await audit.RecordAsync("export", "instructions", referralId.ToString(), patientId, $"PDF {sheet.Language} {sheet.Phase}", ct);
        return pdf;
    }

    private async Task<(InstructionSheet Sheet, Guid PatientId)> ComposeAsync(Guid referralId, string? language, string? phase, CancellationToken ct)
    {
        var episode = await episodes.LoadAsync(referralId, ct);
        var procedure = episodes.ProcedureOf(episode, required: true)!;
        var lang = ParseLanguage(language) ?? episode.Patient.PreferredLanguage;
        var when = ParsePhase(phase);
        if (string.IsNullOrWhiteSpace(options.ServicePhone))
        {
            throw new ClinicalConflictException(
                "Service phone not configured",
                $"Family sheets tell families whom to call: set {DocumentOptions.Section}:ServicePhone to the service's telephone number.");
        }

        var sheet = FamilyInstructions.LoadDefault().Compose(episode, procedure, lang, when, options.ToInstructionOptions());
        return (sheet, episode.Patient.Id);
    }

    /// <summary>The procedure report PDF ("DRAFT" until signed).</summary>
    public async Task<byte[]> ReportPdfAsync(Guid referralId, CancellationToken ct = default)
    {
        var episode = await episodes.LoadAsync(referralId, ct);
        var procedure = episodes.ProcedureOf(episode, required: true)!;
        if (episode.Procedure is null)
        {
            throw new ClinicalConflictException("No procedure record", "The procedure has not been recorded yet; there is no report.");
        }

        var pdf = ProcedureReportPdf.Render(episode, procedure, options.ToReportOptions());
        await audit.RecordAsync("export", "report", referralId.ToString(), episode.Patient.Id, episode.Procedure.SignedAt is null ? "PDF draft" : "PDF signed", ct);
        return pdf;
    }

    /// <summary>"en", "english", "es", "spanish" (any case); null when absent.</summary>
    internal static FamilyLanguage? ParseLanguage(string? language) => language?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "EN" or "ENGLISH" => FamilyLanguage.English,
        "ES" or "SPANISH" or "ESPAÑOL" => FamilyLanguage.Spanish,
        _ => throw new ClinicalValidationException("language", $"Unknown language '{language}': use en or es."),
    };

    /// <summary>"before" (default) or "after".</summary>
    internal static InstructionPhase ParsePhase(string? phase) => phase?.Trim().ToUpperInvariant() switch
    {
        null or "" or "BEFORE" => InstructionPhase.Before,
        "AFTER" => InstructionPhase.After,
        _ => throw new ClinicalValidationException("phase", $"Unknown phase '{phase}': use before or after."),
    };
}
