using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Security;
using Seldinger.Planning;
using Seldinger.Server.Contracts.Clinical;
using Seldinger.Server.Pages.Clinical.Internal;
using Seldinger.Server.Services;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Pages.Clinical.Referrals;

/// <summary>The referral form: the child (by MRN, or new demographics), weight, family, the question and the images.</summary>
[Authorize(Policy = nameof(StaffAction.SubmitReferrals))]
public sealed class NewModel(ReferralService referrals, PatientService patients, ProcedureCatalogueSource catalogue, TimeProvider time) : PageModel
{
    /// <summary>The procedures a referrer may suggest.</summary>
    public IReadOnlyList<ProcedureDefinition> Procedures { get; private set; } = [];

    /// <summary>Shows the empty form.</summary>
    public void OnGet() => Procedures = catalogue.Load().Procedures;

    /// <summary>Submits the referral, adds the weight, guardian and allergy when given, and opens the episode.</summary>
    public async Task<IActionResult> OnPostAsync(
        string? mrn, string? familyName, string? givenName, DateOnly? birthDate, AdministrativeSex? sex, FamilyLanguage? language,
        double? weightKg, string? guardianName, string? guardianRelationship, string? guardianPhone, string? allergy,
        string? referringService, string? reason, string? request, string? suggestedProcedureId, Guid? caseId, string? studyInstanceUid,
        CancellationToken ct)
    {
        ReferralDto? submitted = null;
        var ok = await ClinicalPageActions.TryAsync(this, async () =>
        {
            submitted = await referrals.SubmitAsync(
                new ReferralRequest(
                    new PatientRequest(mrn, familyName, givenName, birthDate, sex, language),
                    reason, request, suggestedProcedureId, referringService, null, caseId, studyInstanceUid),
                ct);
        }, "Referral submitted: awaiting IR review.");
        if (!ok || submitted is null)
        {
            return RedirectToPage();
        }

        // Weight, guardian and allergy go with a child this referral registers; changing a known child's record needs
        // patient rights a referrer does not have.
        var id = submitted.PatientId;
        if (CanEditPatients() || (await patients.GetAsync(id, ct)).CreatedAt >= submitted.SubmittedAt.AddSeconds(-5))
        {
            if (weightKg is not null)
            {
                await ClinicalPageActions.TryAsync(this, () => patients.AddMeasurementAsync(id, new MeasurementRequest(time.GetUtcNow(), weightKg), ct), "Referral submitted: awaiting IR review.");
            }

            if (!string.IsNullOrWhiteSpace(guardianName))
            {
                await ClinicalPageActions.TryAsync(this, () => patients.AddGuardianAsync(id, new GuardianRequest(guardianName, guardianRelationship ?? "parent", guardianPhone, language), ct), "Referral submitted: awaiting IR review.");
            }

            if (!string.IsNullOrWhiteSpace(allergy))
            {
                await ClinicalPageActions.TryAsync(this, () => patients.AddAllergyAsync(id, new AllergyRequest(AllergyCategory.Other, allergy), ct), "Referral submitted: awaiting IR review.");
            }
        }

        return RedirectToPage("/Clinical/Referrals/Episode", new { id = submitted.Id });
    }

    private bool CanEditPatients() => new Security.CurrentUser(User).Can(StaffAction.EditPatients);
}
