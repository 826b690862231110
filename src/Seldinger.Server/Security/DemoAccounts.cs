using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.Security;
using Seldinger.Storage;

namespace Seldinger.Server.Security;

/// <summary>Demo sign-ins: one account per role, made only in a store that has no account yet.</summary>
public static class DemoAccounts
{
    /// <summary>The file (owner read/write only) in the data directory that keeps the demo passwords.</summary>
    public const string FileName = "demo-accounts.txt";

    /// <summary>
    /// Creates demo-&lt;role&gt; accounts with generated passwords when the store has no account, writes
    /// "name TAB role TAB password" lines to <see cref="FileName"/>, and returns them; empty when accounts exist.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(StorageOptions storage, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        await using var db = SeldingerDbContextFactory.Create(storage);
        if (await db.Users.AnyAsync(ct).ConfigureAwait(false))
        {
            return [];
        }

        var accounts = new StaffAccounts(db, TimeProvider.System);
        var lines = new List<string>();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var password = StaffAccounts.GeneratePassword();
            var account = await accounts.CreateAsync($"demo-{role.ToString().ToLowerInvariant()}", $"Demo {role}", role, password, ct).ConfigureAwait(false);
            lines.Add($"{account.UserName}\t{role}\t{password}");
        }

        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new StreamWriter(Path.Combine(storage.DataDirectory, FileName), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(string.Join('\n', lines) + "\n").ConfigureAwait(false);
        }

        return lines;
    }
}
