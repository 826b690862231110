using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Cli.Tests;

/// <summary><c>seldinger users</c> and the demo accounts, run as the installed command.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new("seldinger-users");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Add_WithoutPassword_PrintsAGeneratedPasswordThatSignsIn()
    {
        var data = Migrated();
        var added = CliRunner.Run("users", "add", "a.moreno", "--role", "IrPhysician", "--display-name", "Dr A. Moreno", "--data", data);
        Assert.Equal(0, added.ExitCode);
        var password = added.Stdout.Split("Password (shown once): ")[1].Trim();
        Assert.True(password.Length >= StaffAccounts.MinPasswordLength);

        var result = await SignInAsync(data, "a.moreno", password);
        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal((StaffRole.IrPhysician, "Dr A. Moreno"), (result.Account!.Role, result.Account.DisplayName));
    }

    [Fact]
    public void Add_UnknownRole_UsageError()
    {
        var data = Migrated();
        var run = CliRunner.Run("users", "add", "x", "--role", "surgeon", "--data", data);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--role must be one of", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableAndPassword_ChangeTheAccount_ListShowsIt()
    {
        var data = Migrated();
        Assert.Equal(0, CliRunner.Run("users", "add", "nurse1", "--role", "nurse", "--data", data).ExitCode);
        var reset = CliRunner.Run("users", "password", "nurse1", "--data", data);
        Assert.Equal(0, reset.ExitCode);
        var password = reset.Stdout.Split("Password (shown once): ")[1].Trim();
        Assert.Equal(SignInOutcome.Succeeded, (await SignInAsync(data, "nurse1", password)).Outcome);

        Assert.Equal(0, CliRunner.Run("users", "disable", "nurse1", "--data", data).ExitCode);

        Assert.Equal(SignInOutcome.Disabled, (await SignInAsync(data, "nurse1", password)).Outcome);
        var list = CliRunner.Run("users", "list", "--data", data);
        Assert.Matches(@"nurse1\s+Nurse\s+disabled", list.Stdout);
        Assert.NotEqual(0, CliRunner.Run("users", "disable", "nobody", "--data", data).ExitCode);
    }

    [Fact]
    public async Task EnsureDemoAccounts_EmptyStore_OnePerRoleInAPrivateFile()
    {
        var data = Migrated();
        var storage = TestDatabases.Sqlite(data);
        Assert.Equal(Enum.GetValues<StaffRole>().Length, (await DemoAccounts.EnsureAsync(storage)).Count);
        var path = Path.Combine(data, "demo-accounts.txt");
        var lines = File.ReadAllLines(path);

        Assert.Equal(Enum.GetValues<StaffRole>().Length, lines.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        var first = lines[0].Split('\t');
        Assert.Equal(SignInOutcome.Succeeded, (await SignInAsync(data, first[0], first[2])).Outcome);

        Assert.Empty(await DemoAccounts.EnsureAsync(storage));
        Assert.Equal(lines, File.ReadAllLines(path));
    }

    private string Migrated()
    {
        var data = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
        Assert.Equal(0, CliRunner.Run("db", "migrate", "--data", data).ExitCode);
        return data;
    }

    private static async Task<SignInResult> SignInAsync(string data, string name, string password)
    {
        await using var db = SeldingerDbContextFactory.Create(TestDatabases.Sqlite(data));
        return await new StaffAccounts(db, TimeProvider.System).PasswordSignInAsync(name, password);
    }
}
