using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical;
using Seldinger.Clinical.Security;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>
/// Local accounts: create, change, disable, set passwords (PBKDF2, ASP.NET Core Identity v3 format)
/// and verify sign-ins with a lockout after repeated failures.
/// </summary>
public sealed class StaffAccounts(SeldingerDbContext db, TimeProvider time)
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>The longest user name accepted.</summary>
    public const int MaxUserNameLength = 64;

    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!";

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Verified for unknown user names so that a wrong name takes as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, GeneratePassword()));

    /// <summary>A random 20-character password (about 118 bits).</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 20);

    /// <summary>User names are compared in lower case.</summary>
    public static string NormalizeUserName(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Trim().ToLowerInvariant();
    }

    /// <summary>Every account, by user name.</summary>
    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default) =>
        await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);

    /// <summary>The account with <paramref name="userName"/>, tracked, or null.</summary>
    public async Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default)
    {
        var name = NormalizeUserName(userName);
        return await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct).ConfigureAwait(false);
    }

    /// <summary>The account with <paramref name="id"/>, tracked, or null.</summary>
    public async Task<UserAccount?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);

    /// <summary>Creates an account; a null password makes a sign-on-only account.</summary>
    /// <exception cref="ClinicalValidationException">The name is empty, too long, taken or has odd characters, or the password is too short.</exception>
    public async Task<UserAccount> CreateAsync(string userName, string? displayName, StaffRole role, string? password, CancellationToken ct = default)
    {
        var name = NormalizeUserName(userName ?? "");
        ValidateUserName(name);
        if (!Enum.IsDefined(role))
        {
            throw new ClinicalValidationException("role", $"Unknown role {role}.");
        }

        if (await db.Users.AnyAsync(u => u.UserName == name, ct).ConfigureAwait(false))
        {
            throw new ClinicalValidationException("userName", $"The user name '{name}' is taken.");
        }

        var account = new UserAccount
        {
            Id = Guid.NewGuid(),
            UserName = name,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(),
            Role = role,
            Active = true,
            CreatedAt = time.GetUtcNow(),
        };
        if (password is not null)
        {
            ValidatePassword(password);
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        db.Users.Add(account);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return account;
    }

    /// <summary>Sets a new password and lifts any lockout.</summary>
    public async Task SetPasswordAsync(UserAccount account, string password, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ValidatePassword(password);
        account.PasswordHash = Hasher.HashPassword(account, password);
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Changes role, active flag and display name of the account at <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">The account changed since that version.</exception>
    public async Task UpdateAsync(UserAccount account, StaffRole? role, bool? active, string? displayName, int expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (role is { } r && !Enum.IsDefined(r))
        {
            throw new ClinicalValidationException("role", $"Unknown role {r}.");
        }

        if (displayName is not null && string.IsNullOrWhiteSpace(displayName))
        {
            throw new ClinicalValidationException("displayName", "The display name must not be empty.");
        }

        if (account.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(nameof(UserAccount), account.Id, account.Version, null);
        }

        db.Entry(account).Property(a => a.Version).OriginalValue = expectedVersion;

        account.Role = role ?? account.Role;
        account.Active = active ?? account.Active;
        account.DisplayName = displayName?.Trim() ?? account.DisplayName;
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(nameof(UserAccount), account.Id, null, ex);
        }
    }

    /// <summary>
    /// Checks a password. Unknown names still run a hash; five failures in a row lock the account for
    /// 15 minutes; a hash in an older format is replaced.
    /// </summary>
    public async Task<SignInResult> PasswordSignInAsync(string userName, string password, CancellationToken ct = default)
    {
        password ??= "";
        // Two sign-ins of one account at once: the second save meets a newer version; it reloads and decides again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPasswordSignInAsync(userName, password, ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SignInResult> TryPasswordSignInAsync(string userName, string password, CancellationToken ct)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await FindAsync(userName, ct).ConfigureAwait(false);
        if (account?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return new SignInResult(account is null ? SignInOutcome.Failed : SignInOutcome.Disabled, null);
        }

        var now = time.GetUtcNow();
        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (!account.Active)
        {
            return new SignInResult(SignInOutcome.Disabled, null);
        }

        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= SignInLockout.MaxFailedSignIns)
            {
                account.LockedUntil = now + SignInLockout.Duration;
                account.FailedSignIns = 0;
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return new SignInResult(account.LockedUntil > now ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.LastSignInAt = now;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    private static void ValidateUserName(string name)
    {
        if (name.Length == 0)
        {
            throw new ClinicalValidationException("userName", "The user name is required.");
        }

        if (name.Length > MaxUserNameLength)
        {
            throw new ClinicalValidationException("userName", $"The user name has {name.Length} characters; at most {MaxUserNameLength} are allowed.");
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new ClinicalValidationException("userName", "The user name may hold only letters, digits and . - _ @.");
        }
    }

    private static void ValidatePassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            throw new ClinicalValidationException("password", $"The password needs at least {MinPasswordLength} characters.");
        }
    }
}
