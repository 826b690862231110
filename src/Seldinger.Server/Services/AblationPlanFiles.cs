using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Planning.Ablation;
using Seldinger.Server.Contracts;
using Seldinger.Storage;

namespace Seldinger.Server.Services;

/// <summary>
/// The voxel maps and options of a stored ablation plan, kept as files beside the image store in
/// <c>ablation/&lt;plan id&gt;/</c> of the data directory (each written atomically): <c>zone.nrrd</c> (uint8: bit 0 the
/// lethal zone, bit n the n-th isotherm), <c>margin.nrrd</c> (float32 mm, NaN outside the tumor), <c>ablation.json</c>
/// (the request the plan was made from and the isotherm temperatures) and, after a confirmation, <c>achieved.nrrd</c> and
/// <c>confirmation.json</c>.
/// </summary>
public sealed class AblationPlanFiles(StorageOptions storage)
{
    /// <summary>The most isotherms a zone map holds (bits 1–7).</summary>
    public const int MaxIsotherms = 7;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The folder of a plan's files.</summary>
    public string DirectoryOf(Guid planId) => Path.Combine(storage.DataDirectory, "ablation", planId.ToString("N"));

    /// <summary>The zone map file.</summary>
    public string ZonePath(Guid planId) => Path.Combine(DirectoryOf(planId), "zone.nrrd");

    /// <summary>The margin map file.</summary>
    public string MarginPath(Guid planId) => Path.Combine(DirectoryOf(planId), "margin.nrrd");

    /// <summary>The segmented (achieved) zone of the last confirmation.</summary>
    public string AchievedPath(Guid planId) => Path.Combine(DirectoryOf(planId), "achieved.nrrd");

    /// <summary>Whether the plan has ablation files.</summary>
    public bool Exists(Guid planId) => File.Exists(ZonePath(planId)) && File.Exists(StatePath(planId));

    /// <summary>Writes a plan's zone map, margin map and state.</summary>
    public void Write(Guid planId, AblationZone zone, Volume<float> margin, AblationPlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(margin);
        NrrdLabelMap.Write(ZoneMap(zone), ZonePath(planId));
        NrrdFloatVolume.Write(margin, MarginPath(planId), "ablative margin (mm), NaN outside the tumor");
        var state = new AblationStoredState(request, [.. zone.Isotherms.Take(MaxIsotherms).Select(i => i.TemperatureCelsius)], zone.ModelName);
        WriteText(StatePath(planId), JsonSerializer.Serialize(state, Json));
    }

    /// <summary>The stored state of a plan, or null when it has none.</summary>
    public AblationStoredState? ReadState(Guid planId) =>
        File.Exists(StatePath(planId)) ? JsonSerializer.Deserialize<AblationStoredState>(File.ReadAllText(StatePath(planId)), Json) : null;

    /// <summary>Writes the last confirmation (JSON text) and its segmented zone.</summary>
    public void WriteConfirmation(Guid planId, string json, Volume<byte>? achieved)
    {
        if (achieved is not null)
        {
            NrrdLabelMap.Write(achieved, AchievedPath(planId));
        }

        WriteText(ConfirmationPath(planId), json);
    }

    /// <summary>The last confirmation's JSON, or null.</summary>
    public string? ReadConfirmation(Guid planId) => File.Exists(ConfirmationPath(planId)) ? File.ReadAllText(ConfirmationPath(planId)) : null;

    /// <summary>
    /// The zone map of a zone: bit 0 set inside the lethal zone, bit n (1 to <see cref="MaxIsotherms"/>) inside the
    /// zone's n-th isotherm, in the zone's order.
    /// </summary>
    public static Volume<byte> ZoneMap(AblationZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var map = new Volume<byte>(zone.Geometry);
        var voxels = map.Voxels;
        var lethal = zone.Lethal.Voxels;
        for (var n = 0; n < voxels.Length; n++)
        {
            voxels[n] = lethal[n] != 0 ? (byte)1 : (byte)0;
        }

        for (var t = 0; t < Math.Min(MaxIsotherms, zone.Isotherms.Count); t++)
        {
            var bit = (byte)(1 << (t + 1));
            var mask = zone.Isotherms[t].Mask.Voxels;
            for (var n = 0; n < voxels.Length; n++)
            {
                if (mask[n] != 0)
                {
                    voxels[n] |= bit;
                }
            }
        }

        return map;
    }

    private string StatePath(Guid planId) => Path.Combine(DirectoryOf(planId), "ablation.json");

    private string ConfirmationPath(Guid planId) => Path.Combine(DirectoryOf(planId), "confirmation.json");

    private static void WriteText(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
