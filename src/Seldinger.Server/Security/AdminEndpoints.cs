using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seldinger.Clinical;
using Seldinger.Clinical.Security;
using Seldinger.Storage;

namespace Seldinger.Server.Security;

/// <summary>/api/admin: accounts (ManageAccounts) and the audit trail (ReadAudit, itself audited).</summary>
public static class AdminEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/admin/users").WithTags("Administration").RequireAction(StaffAction.ManageAccounts).Audited("user-account");
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every account (never a password hash).");
        users.MapPost("/", CreateAsync).WithName("CreateUser")
            .WithSummary("Creates an account; without a password one is generated and returned once.");
        users.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Changes role, active flag or display name; version must be the current one (else 409).");
        users.MapPost("/{id:guid}/password", SetPasswordAsync).WithName("SetUserPassword")
            .WithSummary("Sets a new password (generated and returned once when omitted) and lifts a lockout.");
        routes.MapGet("/api/admin/audit", AuditAsync).WithTags("Administration").RequireAction(StaffAction.ReadAudit).Audited("audit")
            .WithName("ReadAudit").WithSummary("The audit trail, newest first, filtered by user, patientId, from, to, action; take 1–1000 (default 200).");
        return routes;
    }

    private static async Task<Ok<List<StaffAccountDto>>> ListAsync(StaffAccounts accounts, CancellationToken ct) =>
        TypedResults.Ok((await accounts.ListAsync(ct)).Select(a => StaffAccountDto.From(a)).ToList());

    private static async Task<Results<Created<StaffAccountDto>, ValidationProblem>> CreateAsync(
        CreateAccountRequest? request, StaffAccounts accounts, CancellationToken ct)
    {
        if (request?.Role is not { } role)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["The role is required."] });
        }

        var generated = request.Password is null ? StaffAccounts.GeneratePassword() : null;
        try
        {
            var account = await accounts.CreateAsync(request.UserName ?? "", request.DisplayName, role, request.Password ?? generated, ct);
            return TypedResults.Created($"/api/admin/users/{account.Id}", StaffAccountDto.From(account, generated));
        }
        catch (ClinicalValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
    }

    private static async Task<Results<Ok<StaffAccountDto>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>>> UpdateAsync(
        Guid id, UpdateAccountRequest? request, StaffAccounts accounts, CancellationToken ct)
    {
        if (request?.Version is not { } version)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["The version of the account being changed is required."] });
        }

        if (await accounts.GetAsync(id, ct) is not { } account)
        {
            return NotFound(id);
        }

        try
        {
            await accounts.UpdateAsync(account, request.Role, request.Active, request.DisplayName, version, ct);
            return TypedResults.Ok(StaffAccountDto.From(account));
        }
        catch (ClinicalValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
        catch (ConcurrencyConflictException)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed meanwhile",
                Detail = $"Account {id} changed since version {version}; reload it and apply the change again.",
            });
        }
    }

    private static async Task<Results<Ok<StaffAccountDto>, NotFound<ProblemDetails>, ValidationProblem>> SetPasswordAsync(
        Guid id, PasswordRequest? request, StaffAccounts accounts, CancellationToken ct)
    {
        if (await accounts.GetAsync(id, ct) is not { } account)
        {
            return NotFound(id);
        }

        var generated = request?.Password is null ? StaffAccounts.GeneratePassword() : null;
        try
        {
            await accounts.SetPasswordAsync(account, request?.Password ?? generated!, ct);
            return TypedResults.Ok(StaffAccountDto.From(account, generated));
        }
        catch (ClinicalValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors);
        }
    }

    private static async Task<Ok<List<AuditEntryDto>>> AuditAsync(
        SeldingerDbContext db, string? user, Guid? patientId, DateTimeOffset? from, DateTimeOffset? to, string? action, int? take, CancellationToken ct)
    {
        var query = new AuditQuery { User = user, PatientId = patientId, From = from, To = to, Action = action, Take = take ?? 200 };
        return TypedResults.Ok((await query.RunAsync(db, ct)).Select(AuditEntryDto.From).ToList());
    }

    private static NotFound<ProblemDetails> NotFound(Guid id) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Account not found",
        Detail = $"No account has id {id}.",
    });
}
