namespace Seldinger.Server.Security;

/// <summary>How many wrong passwords lock an account, and for how long.</summary>
public static class SignInLockout
{
    /// <summary>The failed sign-in that locks the account (the fifth).</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account refuses every sign-in, even with the right password.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}
