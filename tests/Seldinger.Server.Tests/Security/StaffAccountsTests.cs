using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Seldinger.Clinical;
using Seldinger.Clinical.Security;
using Seldinger.Server.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;
using Seldinger.Testing;

namespace Seldinger.Server.Tests.Security;

/// <summary>Local accounts on a real SQLite store: password hashes, lockout, rehash, validation.</summary>
public sealed class StaffAccountsTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private readonly TemporaryDirectory _dir = new("seldinger-accounts");
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private StorageOptions _storage = null!;
    private SeldingerDbContext _db = null!;
    private StaffAccounts _accounts = null!;

    public async Task InitializeAsync()
    {
        _storage = TestDatabases.Sqlite(_dir.Path);
        await StorageMigrator.MigrateAsync(_storage);
        _db = SeldingerDbContextFactory.Create(_storage);
        _accounts = new StaffAccounts(_db, _time);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task CreateAsync_SamePasswordTwice_Pbkdf2V3HashesThatDifferAndHideThePassword()
    {
        var a = await _accounts.CreateAsync("a.moreno", "Dr A. Moreno", StaffRole.IrPhysician, Password);
        var b = await _accounts.CreateAsync("b.chen", null, StaffRole.Nurse, Password);

        Assert.NotEqual(a.PasswordHash, b.PasswordHash);
        foreach (var hash in new[] { a.PasswordHash!, b.PasswordHash! })
        {
            Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
            var bytes = Convert.FromBase64String(hash);
            Assert.Equal(0x01, bytes[0]); // format marker of ASP.NET Core Identity v3 (PBKDF2 with a random salt)
            Assert.True(bytes.Length >= 1 + 12 + 16 + 32);
        }

        Assert.Equal("b.chen", b.DisplayName);
    }

    [Theory]
    [InlineData(4, SignInOutcome.Succeeded)]
    [InlineData(5, SignInOutcome.LockedOut)]
    [InlineData(6, SignInOutcome.LockedOut)]
    public async Task PasswordSignInAsync_AfterFailures_LocksAtTheFifth(int failures, SignInOutcome expected)
    {
        await _accounts.CreateAsync("nurse1", null, StaffRole.Nurse, Password);
        for (var i = 0; i < failures; i++)
        {
            var outcome = (await _accounts.PasswordSignInAsync("nurse1", "wrong password!")).Outcome;
            Assert.Equal(i + 1 >= SignInLockout.MaxFailedSignIns ? SignInOutcome.LockedOut : SignInOutcome.Failed, outcome);
        }

        Assert.Equal(expected, (await _accounts.PasswordSignInAsync("nurse1", Password)).Outcome);
    }

    [Theory]
    [InlineData(-1, SignInOutcome.LockedOut)]
    [InlineData(0, SignInOutcome.Succeeded)]
    [InlineData(1, SignInOutcome.Succeeded)]
    public async Task PasswordSignInAsync_Locked_RefusedUntil15MinutesPass(int secondsAfterLockoutEnds, SignInOutcome expected)
    {
        await _accounts.CreateAsync("tech1", null, StaffRole.Technologist, Password);
        for (var i = 0; i < SignInLockout.MaxFailedSignIns; i++)
        {
            await _accounts.PasswordSignInAsync("tech1", "wrong password!");
        }

        _time.Now += TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(secondsAfterLockoutEnds);
        Assert.Equal(expected, (await _accounts.PasswordSignInAsync("tech1", Password)).Outcome);
    }

    [Fact]
    public async Task PasswordSignInAsync_SuccessResetsTheFailureCount()
    {
        await _accounts.CreateAsync("sched", null, StaffRole.Scheduler, Password);
        for (var i = 0; i < 4; i++)
        {
            await _accounts.PasswordSignInAsync("sched", "wrong password!");
        }

        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.PasswordSignInAsync("SCHED", Password)).Outcome);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await _accounts.PasswordSignInAsync("sched", "wrong password!")).Outcome);
        }
    }

    [Fact]
    public async Task PasswordSignInAsync_UnknownOrDisabled_Refused()
    {
        var account = await _accounts.CreateAsync("gone", null, StaffRole.Nurse, Password);
        await _accounts.UpdateAsync(account, null, active: false, null, account.Version);

        Assert.Equal(SignInOutcome.Failed, (await _accounts.PasswordSignInAsync("nobody", Password)).Outcome);
        Assert.Equal(SignInOutcome.Disabled, (await _accounts.PasswordSignInAsync("gone", Password)).Outcome);
    }

    [Fact]
    public async Task PasswordSignInAsync_OlderHashFormat_RehashedToV3()
    {
        var account = await _accounts.CreateAsync("old", null, StaffRole.Nurse, Password);
        var v2 = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        account.PasswordHash = v2.HashPassword(account, Password);
        await _db.SaveChangesAsync();
        Assert.Equal(0x00, Convert.FromBase64String(account.PasswordHash)[0]);

        var result = await _accounts.PasswordSignInAsync("old", Password);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(0x01, Convert.FromBase64String(result.Account!.PasswordHash!)[0]);
    }

    [Theory]
    [InlineData("", "Password-long-enough")]
    [InlineData("has space", "Password-long-enough")]
    [InlineData("ok.name", "11-chars-xx")]
    public async Task CreateAsync_BadNameOrShortPassword_Refused(string name, string password) =>
        await Assert.ThrowsAsync<ClinicalValidationException>(() => _accounts.CreateAsync(name, null, StaffRole.Nurse, password));

    [Fact]
    public async Task CreateAsync_PasswordOf12Characters_Accepted()
    {
        var account = await _accounts.CreateAsync("twelve", null, StaffRole.Nurse, "12-chars-xxx");
        Assert.NotNull(account.PasswordHash);
    }

    [Fact]
    public async Task CreateAsync_UserNameOf64AllowedAnd65Refused()
    {
        await _accounts.CreateAsync(new string('a', 64), null, StaffRole.Nurse, null);
        await Assert.ThrowsAsync<ClinicalValidationException>(() => _accounts.CreateAsync(new string('b', 65), null, StaffRole.Nurse, null));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_Conflict()
    {
        var account = await _accounts.CreateAsync("admin2", null, StaffRole.Administrator, Password);
        var stale = account.Version;
        await _accounts.UpdateAsync(account, StaffRole.Nurse, null, null, stale);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _accounts.UpdateAsync(account, StaffRole.Scheduler, null, null, stale));
        Assert.Equal(StaffRole.Nurse, account.Role);
    }

    [Fact]
    public void GeneratePassword_LongAndDifferentEachTime()
    {
        var a = StaffAccounts.GeneratePassword();
        Assert.True(a.Length >= StaffAccounts.MinPasswordLength);
        Assert.NotEqual(a, StaffAccounts.GeneratePassword());
    }
}
