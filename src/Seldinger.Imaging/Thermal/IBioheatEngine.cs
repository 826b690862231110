namespace Seldinger.Imaging.Thermal;

/// <summary>
/// Solves a <see cref="BioheatProblem"/> over a schedule: the Pennes bioheat equation with explicit finite differences,
/// Arrhenius and CEM43 damage, fixed-temperature vessels and probes, phase change. Every engine follows the same
/// discretisation (docs/ablation-physics.md) so that their results agree to rounding.
/// </summary>
public interface IBioheatEngine
{
    /// <summary>Short name for reports, e.g. <c>cpu, 2 threads</c>.</summary>
    string Name { get; }

    /// <summary>Runs the schedule's phases one after the other from the problem's initial temperature.</summary>
    /// <param name="problem">Grid, materials, sources and fixed voxels.</param>
    /// <param name="schedule">The phases, at least one.</param>
    /// <param name="options">Time step and tracking thresholds; null for the defaults.</param>
    /// <param name="progress">Receives the fraction of steps done (0…1), now and then.</param>
    /// <param name="cancellationToken">Checked every step.</param>
    /// <exception cref="ArgumentException">The schedule is empty or invalid, the time step exceeds the stable limit, or the run would take more than <see cref="BioheatOptions.MaxSteps"/> steps.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    BioheatResult Run(BioheatProblem problem, IReadOnlyList<BioheatPhase> schedule, BioheatOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}
