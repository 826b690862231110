namespace Seldinger.Imaging.Thermal;

/// <summary>
/// How a run divides its schedule into time steps: the chosen step, and per phase the number of steps and the step
/// actually used (the phase's length divided by its step count, never above the chosen one). Every engine uses it.
/// </summary>
/// <param name="TimeStepSeconds">The chosen step (s).</param>
/// <param name="MaxStableTimeStepSeconds">The problem's stable limit (s).</param>
/// <param name="StepsPerPhase">Steps of each phase.</param>
/// <param name="PhaseTimeStepSeconds">Step used in each phase (s).</param>
public sealed record BioheatStepPlan(double TimeStepSeconds, double MaxStableTimeStepSeconds, IReadOnlyList<int> StepsPerPhase, IReadOnlyList<double> PhaseTimeStepSeconds)
{
    /// <summary>All steps of the schedule.</summary>
    public int TotalSteps => StepsPerPhase.Sum();

    /// <summary>Validates the problem, schedule and options and plans the steps.</summary>
    /// <exception cref="ArgumentException">Something is invalid, the step exceeds the stable limit, or the run needs more than <see cref="BioheatOptions.MaxSteps"/> steps.</exception>
    public static BioheatStepPlan Create(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= new BioheatOptions();
        problem.Validate();
        if (schedule.Count == 0)
        {
            throw new ArgumentException("The bioheat schedule has no phase.", nameof(schedule));
        }

        foreach (var phase in schedule)
        {
            ArgumentNullException.ThrowIfNull(phase, nameof(schedule));
            if (!double.IsFinite(phase.DurationSeconds) || phase.DurationSeconds <= 0)
            {
                throw new ArgumentException($"A phase lasts {phase.DurationSeconds} s; it must be a positive finite number of seconds.", nameof(schedule));
            }

            if (!double.IsFinite(phase.SourceScale) || phase.SourceScale < 0)
            {
                throw new ArgumentException($"A phase's source scale is {phase.SourceScale}; it must be finite and ≥ 0.", nameof(schedule));
            }

            if (phase.ProbeTemperatureCelsius is { } probe && (!double.IsFinite(probe) || probe is < -273 or > 1000))
            {
                throw new ArgumentException($"A phase's probe temperature {probe} °C is not plausible.", nameof(schedule));
            }
        }

        if (!double.IsFinite(options.DamageThresholdCelsius) || !double.IsFinite(options.ColdTrackingCelsius))
        {
            throw new ArgumentException("The tracking thresholds must be finite.", nameof(options));
        }

        var limit = problem.MaxStableTimeStepSeconds(schedule);
        double dt;
        if (options.TimeStepSeconds is { } requested)
        {
            if (!double.IsFinite(requested) || requested <= 0)
            {
                throw new ArgumentException($"The time step must be a positive number of seconds, not {requested}.", nameof(options));
            }

            if (requested > limit)
            {
                throw new ArgumentException($"The time step {requested:G4} s exceeds the stable limit {limit:G4} s of this grid and these materials (explicit scheme); use at most {limit:G4} s or leave it unset.", nameof(options));
            }

            dt = requested;
        }
        else
        {
            dt = BioheatOptions.DefaultStabilityFraction * limit;
        }

        var steps = new int[schedule.Count];
        var phaseDt = new double[schedule.Count];
        long total = 0;
        for (var p = 0; p < schedule.Count; p++)
        {
            var count = Math.Max(1.0, Math.Ceiling((schedule[p].DurationSeconds / dt) - 1e-9));
            total += (long)Math.Min(count, int.MaxValue);
            if (count > BioheatOptions.MaxSteps || total > BioheatOptions.MaxSteps)
            {
                throw new ArgumentException($"The schedule needs more than {BioheatOptions.MaxSteps} time steps of {dt:G4} s; shorten it or use a coarser grid.", nameof(schedule));
            }

            steps[p] = (int)count;
            phaseDt[p] = schedule[p].DurationSeconds / count;
        }

        return new BioheatStepPlan(dt, limit, steps, phaseDt);
    }
}
