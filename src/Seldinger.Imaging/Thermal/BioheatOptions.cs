namespace Seldinger.Imaging.Thermal;

/// <summary>How a bioheat run steps and what it tracks.</summary>
public sealed record BioheatOptions
{
    /// <summary>
    /// Time step (s). Null: <see cref="DefaultStabilityFraction"/> of the problem's stable limit
    /// (<see cref="BioheatProblem.MaxStableTimeStepSeconds"/>). A step above the limit is refused.
    /// </summary>
    public double? TimeStepSeconds { get; init; }

    /// <summary>Damage (Arrhenius Ω and CEM43) accumulates, and the hottest temperature is tracked, only where the new temperature is at least this (°C).</summary>
    public double DamageThresholdCelsius { get; init; } = 40;

    /// <summary>The coldest temperature is tracked only where the new temperature is at most this (°C).</summary>
    public double ColdTrackingCelsius { get; init; } = 30;

    /// <summary>Fraction of the stable limit used when <see cref="TimeStepSeconds"/> is null.</summary>
    public const double DefaultStabilityFraction = 0.9;

    /// <summary>Most time steps one run may take; a longer run is refused rather than left to hang.</summary>
    public const int MaxSteps = 10_000_000;
}
