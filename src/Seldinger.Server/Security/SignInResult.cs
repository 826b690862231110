using Seldinger.Storage.Entities;

namespace Seldinger.Server.Security;

/// <summary>The outcome of a password sign-in and, when it succeeded, the account.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Account">The signed-in account, when <paramref name="Outcome"/> is <see cref="SignInOutcome.Succeeded"/>.</param>
public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account);
