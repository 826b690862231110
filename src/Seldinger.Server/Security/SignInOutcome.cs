namespace Seldinger.Server.Security;

/// <summary>What a password sign-in came to. Callers tell the user only success or failure.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Succeeded,

    /// <summary>Unknown user name, or wrong password.</summary>
    Failed,

    /// <summary>Too many failures: refused until the lockout ends.</summary>
    LockedOut,

    /// <summary>The account is disabled (or has no local password).</summary>
    Disabled,
}
