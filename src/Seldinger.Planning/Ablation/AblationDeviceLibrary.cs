using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// The ablation devices Seldinger knows, with their zone tables and the sources of every number.
/// Loaded from <c>Data/ablation-devices.json</c> (embedded) or a clinician's own copy.
/// </summary>
public sealed partial class AblationDeviceLibrary
{
    /// <summary>Creates a library from already validated devices.</summary>
    public AblationDeviceLibrary(int version, IReadOnlyList<AblationDevice> devices, IReadOnlyDictionary<string, string> sources)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(sources);
        Version = version;
        Devices = devices;
        Sources = sources;
    }

    /// <summary>Version of the data file.</summary>
    public int Version { get; }

    /// <summary>Every device, in file order.</summary>
    public IReadOnlyList<AblationDevice> Devices { get; }

    /// <summary>Source key → full citation.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>The device with this id.</summary>
    /// <exception cref="PlanningException">No such device; the message lists the ids there are.</exception>
    public AblationDevice Device(string id) =>
        Devices.FirstOrDefault(d => d.Id == id)
        ?? throw new PlanningException($"Unknown ablation device '{id}'; known devices: {string.Join(", ", Devices.Select(d => d.Id))}.");
}
