using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// The device chart's zone at each probe: the setting's ellipsoid on the probe axis, centred
/// <c>LengthMm / 2 − DistalExtentBeyondTipMm</c> behind the tip, rasterised on the label map's grid (a voxel is in the
/// zone when its centre is; anisotropic spacing and the direction matrix are honoured), the union over the probes.
/// Cryo probes also give one mask per chart isotherm; the lethal zone is the library's lethal isotherm. A cluster
/// device's chart zone is the whole cluster's, placed at the probe. Only the voxels in each ellipsoid's bounding box
/// are visited.
/// </summary>
public sealed class TableZoneModel : IAblationZoneModel
{
    /// <inheritdoc />
    public string Name => "table";

    /// <inheritdoc />
    public AblationZone Predict(AblationZoneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Labels is null || request.Probes is null || request.Devices is null)
        {
            throw new PlanningException("A zone prediction needs a label map, probes and a device library.");
        }

        if (request.Probes.Count == 0)
        {
            throw new PlanningException("A zone prediction needs at least one probe.");
        }

        var geometry = request.Labels.Geometry;
        var placed = new List<(TableEllipsoid Lethal, AblationSetting Setting, Vector3D Axis, WorldPoint Tip)>();
        for (var n = 0; n < request.Probes.Count; n++)
        {
            var probe = request.Probes[n];
            var setting = Resolve(request.Devices, probe, n);
            var axis = Axis(probe, n);
            if (!geometry.TryGetVoxel(probe.Tip, out _))
            {
                throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Probe {n + 1}'s tip {probe.Tip} lies outside the volume."));
            }

            placed.Add((new TableEllipsoid(probe.Tip, axis, setting.Zone), setting, axis, probe.Tip));
        }

        var lethal = new Volume<byte>(geometry);
        foreach (var p in placed)
        {
            p.Lethal.Rasterize(lethal, cancellationToken);
        }

        var temperatures = placed.SelectMany(p => p.Setting.Isotherms.Select(i => i.TemperatureCelsius)).Distinct().OrderByDescending(t => t).ToList();
        var isotherms = new List<AblationZoneIsotherm>();
        foreach (var temperature in temperatures)
        {
            var mask = new Volume<byte>(geometry);
            foreach (var p in placed)
            {
                if (p.Setting.Isotherms.FirstOrDefault(i => i.TemperatureCelsius == temperature) is { } isotherm)
                {
                    new TableEllipsoid(p.Tip, p.Axis, isotherm.Shape).Rasterize(mask, cancellationToken);
                }
            }

            isotherms.Add(new AblationZoneIsotherm(temperature, mask));
        }

        return new AblationZone(Name, request.Probes, lethal, isotherms, null);
    }

    /// <summary>The setting a probe names, as a planning error when the library lacks the device or the setting.</summary>
    internal static AblationSetting Resolve(AblationDeviceLibrary devices, AblationProbe probe, int index)
    {
        if (probe is null || probe.DeviceId is null || probe.SettingId is null)
        {
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Probe {index + 1} names no device or setting."));
        }

        var device = devices.Device(probe.DeviceId);
        try
        {
            return device.Setting(probe.SettingId);
        }
        catch (KeyNotFoundException e)
        {
            throw new PlanningException(e.Message, e);
        }
    }

    /// <summary>The probe's unit axis, as a planning error when entry and tip coincide or are not finite.</summary>
    internal static Vector3D Axis(AblationProbe probe, int index)
    {
        var d = probe.Tip - probe.Entry;
        var length = d.Length;
        if (!double.IsFinite(length) || length == 0)
        {
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"Probe {index + 1} has no direction: its entry and tip are the same point or not finite numbers."));
        }

        return d / length;
    }
}
