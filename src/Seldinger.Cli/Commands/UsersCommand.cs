using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger users add|list|disable|password</c>: local accounts, from the server's shell (each
/// change is written to the audit trail as done by the operating-system user).
/// </summary>
internal static class UsersCommand
{
    public const string Usage = """
        users add NAME --role ROLE [--display-name TEXT] [--password-stdin]
        users list
        users disable NAME
        users password NAME [--password-stdin]
        (each with [--data DIR] [--db sqlite|postgres] [--connection STR]; without --password-stdin a password is generated and printed once)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("users needs a subcommand:\n" + Usage);
        }

        var line = CommandLine.Parse(args.Skip(1), "--password-stdin");
        var storage = StorageArguments.Read(line);
        var name = line.Positional is [var first, ..] ? first : null;
        var roleText = line.Value("--role");
        var displayName = line.Value("--display-name");
        var fromStdin = line.Flag("--password-stdin");
        line.RejectUnknown();
        if (args[0] is "add" or "disable" or "password" && name is null)
        {
            throw new UsageException($"users {args[0]} needs a user name.");
        }

        await using var services = await StorageArguments.OpenServicesAsync(storage);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SeldingerDbContext>();
        var accounts = new StaffAccounts(db, TimeProvider.System);
        try
        {
            switch (args[0])
            {
                case "add":
                    var role = ParseRole(roleText);
                    var password = fromStdin ? ReadPassword() : StaffAccounts.GeneratePassword();
                    var account = await accounts.CreateAsync(name!, displayName, role, password);
                    await AuditAsync(db, "create", account, $"users add as {role}");
                    CliApp.Say($"Created {account.UserName} ({account.Role}).");
                    if (!fromStdin)
                    {
                        CliApp.Say($"Password (shown once): {password}");
                    }

                    return 0;
                case "list":
                    foreach (var a in await accounts.ListAsync())
                    {
                        CliApp.Say($"{a.UserName,-24} {a.Role,-18} {(a.Active ? "active" : "disabled"),-8} {a.DisplayName}"
                            + (a.LockedUntil is { } locked && locked > DateTimeOffset.UtcNow ? $"  locked until {locked:u}" : ""));
                    }

                    return 0;
                case "disable":
                    var target = await FindAsync(accounts, name!);
                    await accounts.UpdateAsync(target, null, active: false, null, target.Version);
                    await AuditAsync(db, "update", target, "users disable");
                    CliApp.Say($"Disabled {target.UserName}; their sessions end at their next request.");
                    return 0;
                case "password":
                    var user = await FindAsync(accounts, name!);
                    var newPassword = fromStdin ? ReadPassword() : StaffAccounts.GeneratePassword();
                    await accounts.SetPasswordAsync(user, newPassword);
                    await AuditAsync(db, "update", user, "users password");
                    CliApp.Say($"Password of {user.UserName} set; any lockout is lifted.");
                    if (!fromStdin)
                    {
                        CliApp.Say($"Password (shown once): {newPassword}");
                    }

                    return 0;
                default:
                    throw new UsageException($"Unknown users subcommand '{args[0]}':\n{Usage}");
            }
        }
        catch (ClinicalValidationException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>When the store has no account yet: one demo account per role, passwords printed once and kept in demo-accounts.txt.</summary>
    public static async Task EnsureDemoAccountsAsync(StorageOptions storage)
    {
        var lines = await DemoAccounts.EnsureAsync(storage);
        if (lines.Count == 0)
        {
            return;
        }

        CliApp.Say($"Demo accounts (passwords shown once; also in {Path.Combine(storage.DataDirectory, DemoAccounts.FileName)}):");
        foreach (var l in lines)
        {
            CliApp.Say("  " + l.Replace('\t', ' '));
        }
    }

    private static StaffRole ParseRole(string? text) =>
        text is not null && Enum.TryParse<StaffRole>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new UsageException($"--role must be one of {string.Join(", ", Enum.GetNames<StaffRole>())}{(text is null ? "" : $", not '{text}'")}.");

    private static async Task<UserAccount> FindAsync(StaffAccounts accounts, string name) =>
        await accounts.FindAsync(name) ?? throw new UsageException($"No account is named '{name}'.");

    private static string ReadPassword() =>
        Console.In.ReadLine() is { Length: > 0 } line ? line.TrimEnd('\r') : throw new UsageException("--password-stdin: no password on standard input.");

    private static async Task AuditAsync(SeldingerDbContext db, string action, UserAccount account, string detail)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            UserName = $"os:{Environment.UserName}",
            Action = action,
            ResourceType = "user-account",
            ResourceId = account.Id.ToString(),
            Method = "cli",
            Path = "seldinger users",
            Detail = $"{account.UserName}: {detail}",
        });
        await db.SaveChangesAsync();
    }
}
