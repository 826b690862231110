using System.Text.Json.Serialization;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation;

/// <summary>One probe placed for an ablation: device, setting, skin entry and tip in patient LPS millimetres.</summary>
/// <param name="DeviceId">An <see cref="AblationDevice.Id"/> of the library in use.</param>
/// <param name="SettingId">An <see cref="AblationSetting.Id"/> of that device.</param>
/// <param name="Entry">Skin entry point (mm, LPS).</param>
/// <param name="Tip">Probe tip (mm, LPS).</param>
public sealed record AblationProbe(string DeviceId, string SettingId, WorldPoint Entry, WorldPoint Tip)
{
    /// <summary>Unit vector along the shaft, from the entry towards the tip.</summary>
    [JsonIgnore]
    public Vector3D Axis => (Tip - Entry).Normalized;

    /// <summary>Inserted length from entry to tip (mm).</summary>
    public double InsertedLengthMm => Entry.DistanceTo(Tip);
}
