using Seldinger.Imaging;

namespace Seldinger.Planning.Ablation;

/// <summary>What a zone model needs: the case's label map (tissue labels, <see cref="TissueLabel"/>), the probes and the device library.</summary>
/// <param name="Labels">The case's label map; the zone is returned on its grid.</param>
/// <param name="Probes">The probes, fired together.</param>
/// <param name="Devices">The device library the probes' device and setting ids refer to.</param>
public sealed record AblationZoneRequest(Volume<byte> Labels, IReadOnlyList<AblationProbe> Probes, AblationDeviceLibrary Devices);
