using Microsoft.AspNetCore.Http.HttpResults;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Security;
using Seldinger.Server.Endpoints.Clinical.Internal;
using Seldinger.Server.Security;
using Seldinger.Server.Services.Clinical;

namespace Seldinger.Server.Endpoints.Clinical;

/// <summary>Documents of a referral: family instructions (JSON, PDF) and the procedure report (PDF).</summary>
public static class DocumentEndpoints
{
    /// <summary>Maps the document endpoints under <c>/api/referrals/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var api = routes.MapGroup("/api/referrals/{id:guid}").WithTags("Documents").AuditsReferralPatient();
        api.AddEndpointFilter<ClinicalProblemFilter>();
        api.MapGet("/instructions", InstructionsAsync).RequireAction(StaffAction.ReadReports).Audited("instructions")
            .WithName("FamilyInstructions")
            .WithSummary("The family sheet (language=en|es, default the family's; phase=before|after, default before).")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/instructions.pdf", InstructionsPdfAsync).RequireAction(StaffAction.ReadReports).Audited("instructions", "export")
            .WithName("FamilyInstructionsPdf").WithSummary("The family sheet as a printable PDF in large type.")
            .Produces(200, contentType: "application/pdf").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        // Referring clinicians read their own referral's report; the referral's visibility keeps others' hidden.
        api.MapGet("/report.pdf", ReportPdfAsync).RequireAnyAction(StaffAction.ReadReports, StaffAction.ReadOwnReferrals).Audited("report", "export")
            .WithName("ProcedureReportPdf").WithSummary("The procedure report as PDF (watermarked DRAFT until signed).")
            .Produces(200, contentType: "application/pdf").ProducesProblem(404).ProducesProblem(409);
        return routes;
    }

    private static async Task<Ok<InstructionSheet>> InstructionsAsync(Guid id, string? language, string? phase, DocumentService documents, CancellationToken ct) =>
        TypedResults.Ok(await documents.InstructionsAsync(id, language, phase, ct));

    private static Task<IResult> InstructionsPdfAsync(Guid id, string? language, string? phase, DocumentService documents, CancellationToken ct) =>
        PdfAsync(() => documents.InstructionsPdfAsync(id, language, phase, ct), $"instructions-{DocumentService.ParsePhase(phase).ToString().ToLowerInvariant()}.pdf");

    private static Task<IResult> ReportPdfAsync(Guid id, DocumentService documents, CancellationToken ct) =>
        PdfAsync(() => documents.ReportPdfAsync(id, ct), $"procedure-report-{id:N}.pdf");

    // Missing fonts are the installation's fault, not the request's: 503 with what to install.
    private static async Task<IResult> PdfAsync(Func<Task<byte[]>> render, string fileName)
    {
        try
        {
            return TypedResults.File(await render(), "application/pdf", fileName);
        }
        catch (FileNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Document fonts missing", detail: ex.Message);
        }
    }
}
