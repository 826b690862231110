using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Thermal;

namespace Seldinger.Bench;

/// <summary>
/// The B4 workload (bench/b4/workload.json): a liver region with a spherical tumour, a large vein held at blood
/// temperature beside a monopolar RF electrode along k, and the electrode's power deposited with a 1/r^n fall-off from
/// the active tip.
/// </summary>
internal sealed class ThermalWorkload
{
    private ThermalWorkload(JsonElement root)
    {
        var blood = root.GetProperty("blood");
        BloodTemperature = blood.GetProperty("temperatureCelsius").GetDouble();
        BloodCapacity = blood.GetProperty("density").GetDouble() * blood.GetProperty("specificHeat").GetDouble();
        Materials = [.. root.GetProperty("materials").EnumerateArray().Select(m => new BioheatMaterial(
            m.GetProperty("name").GetString()!,
            m.GetProperty("conductivity").GetDouble(),
            m.GetProperty("density").GetDouble(),
            m.GetProperty("specificHeat").GetDouble(),
            m.GetProperty("perfusion").GetDouble(),
            m.GetProperty("arrheniusFrequencyFactor").GetDouble(),
            m.GetProperty("arrheniusActivationEnergy").GetDouble(),
            m.GetProperty("frozenConductivity").GetDouble(),
            m.GetProperty("frozenSpecificHeat").GetDouble(),
            m.GetProperty("latentHeat").GetDouble()))];
        TumourRadiusMm = root.GetProperty("tumourRadiusMm").GetDouble();
        var vein = root.GetProperty("vein");
        VeinDiameterMm = vein.GetProperty("diameterMm").GetDouble();
        VeinOffsetMm = vein.GetProperty("axisOffsetMm").GetDouble();
        var electrode = root.GetProperty("electrode");
        ActiveLengthMm = electrode.GetProperty("activeLengthMm").GetDouble();
        PowerWatts = electrode.GetProperty("powerWatts").GetDouble();
        FalloffExponent = electrode.GetProperty("falloffExponent").GetDouble();
        CoreRadiusMm = electrode.GetProperty("coreRadiusMm").GetDouble();
        SourceCutoffCelsius = electrode.GetProperty("sourceCutoffCelsius").GetDouble();
        DurationSeconds = root.GetProperty("durationSeconds").GetDouble();
    }

    public double BloodTemperature { get; }

    public double BloodCapacity { get; }

    public BioheatMaterial[] Materials { get; }

    public double TumourRadiusMm { get; }

    public double VeinDiameterMm { get; }

    public double VeinOffsetMm { get; }

    public double ActiveLengthMm { get; }

    public double PowerWatts { get; }

    public double FalloffExponent { get; }

    public double CoreRadiusMm { get; }

    public double SourceCutoffCelsius { get; }

    public double DurationSeconds { get; }

    public static ThermalWorkload Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new ThermalWorkload(doc.RootElement);
    }

    /// <summary>The problem on a size³ grid of <paramref name="spacingMm"/> voxels, electrode and tumour at the centre.</summary>
    public BioheatProblem Build(int size, double spacingMm)
    {
        var g = new VolumeGeometry(size, size, size, WorldPoint.Origin, spacingMm, spacingMm, spacingMm);
        var material = new Volume<byte>(g);
        var fixedKind = new Volume<byte>(g);
        var source = new Volume<float>(g);
        var centre = size / 2 * spacingMm;
        var half = ActiveLengthMm / 2;
        var veinRadius = VeinDiameterMm / 2;
        var weights = new double[size];
        Parallel.For(0, size, k =>
        {
            var z = k * spacingMm;
            var sum = 0.0;
            for (var j = 0; j < size; j++)
            {
                var y = (j * spacingMm) - centre;
                for (var i = 0; i < size; i++)
                {
                    var x = (i * spacingMm) - centre;
                    var n = g.LinearIndex(i, j, k);
                    var dz = z - centre;
                    if ((x * x) + (y * y) + (dz * dz) <= TumourRadiusMm * TumourRadiusMm)
                    {
                        material.Voxels[n] = 1;
                    }

                    var vx = x - VeinOffsetMm;
                    if ((vx * vx) + (y * y) <= veinRadius * veinRadius)
                    {
                        fixedKind.Voxels[n] = (byte)BioheatFixedKind.Blood;
                        continue;
                    }

                    // Distance to the active segment on the k axis through the centre.
                    var along = Math.Max(0, Math.Abs(dz) - half);
                    var r = Math.Max(CoreRadiusMm, Math.Sqrt((x * x) + (y * y) + (along * along)));
                    var w = Math.Pow(r, -FalloffExponent);
                    source.Voxels[n] = (float)w;
                    sum += w;
                }
            }

            weights[k] = sum;
        });

        // Scale to the electrode power: Σ Q·V = P (W/m³ × m³).
        var volume = Math.Pow(spacingMm * 1e-3, 3);
        var scale = PowerWatts / (weights.Sum() * volume);
        var cut = (float)(1e-5 * scale * Math.Pow(CoreRadiusMm, -FalloffExponent));
        for (var n = 0; n < source.Voxels.Length; n++)
        {
            var q = (float)(source.Voxels[n] * scale);

            // Below 1e-5 of the peak (beyond about 18 mm from the tip) the deposition is dropped, so the far field is plain conduction.
            source.Voxels[n] = q >= cut ? q : 0f;
        }

        return new BioheatProblem(material, Materials, BloodTemperature, BloodCapacity)
        {
            HeatSource = source,
            Fixed = fixedKind,
            SourceCutoffCelsius = SourceCutoffCelsius,
        };
    }
}
