using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// Predicts the ablation zone of a set of probes on a case. Two models implement it: the device chart's ellipsoid
/// (<c>TableZoneModel</c>) and the Pennes bioheat simulation on the label map (<c>BioheatZoneModel</c>).
/// </summary>
public interface IAblationZoneModel
{
    /// <summary>Short name for reports, e.g. <c>table</c> or <c>bioheat (cpu, 2 threads)</c>.</summary>
    string Name { get; }

    /// <summary>Predicts the combined zone of every probe in the request (the probes fire together).</summary>
    /// <exception cref="PlanningException">A probe names a device or setting the library lacks, or lies outside the volume.</exception>
    AblationZone Predict(AblationZoneRequest request, CancellationToken cancellationToken = default);
}
