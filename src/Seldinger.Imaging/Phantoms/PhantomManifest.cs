using System.Text;
using System.Text.Json;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// The <c>manifest.json</c> of a generated case: what was generated (case, procedures, age, phase,
/// dose and noise, seed), the body sizes used with their sources, the grid, the voxel count and volume of
/// every label, the target and the named landmarks. Coordinates are LPS millimetres.
/// </summary>
public static class PhantomManifest
{
    /// <summary>The manifest as indented JSON; <paramref name="files"/> (relative paths) are listed when given.</summary>
    public static string ToJson(WholeBodyPhantomResult phantom, IReadOnlyDictionary<string, string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(phantom);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", "seldinger-phantom-manifest/1");
            w.WriteString("case", phantom.Case.Name);
            w.WriteString("description", phantom.Case.Description);
            w.WriteStartArray("procedures");
            foreach (var p in phantom.Case.Procedures)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteString("region", Kebab(phantom.Case.Region.ToString()));
            w.WriteNumber("ageYears", phantom.AgeYears);
            w.WriteString("phase", PhaseName(phantom.Phase));
            if (phantom.DoseMgy is { } dose)
            {
                w.WriteNumber("doseMgy", Round(dose));
            }
            else
            {
                w.WriteNull("doseMgy");
            }

            w.WriteNumber("noiseSigmaHu", Round(phantom.NoiseSigmaHu));
            w.WriteNumber("waterEquivalentDiameterMm", Round(phantom.WaterEquivalentDiameterMm));
            w.WriteString("noiseModel", phantom.DoseMgy is null
                ? "noise sigma given directly"
                : "sigma = referenceSigmaHu * sqrt(referenceDoseMgy / doseMgy) * exp(attenuationPerMm * (waterEquivalentDiameterMm - referenceDiameterMm) / 2), constants in the ct-dose table");
            w.WriteNumber("seed", phantom.Seed);

            WriteAnthropometry(w, phantom);
            WriteGeometry(w, phantom.Labels.Geometry);
            WriteLabels(w, phantom.Labels);

            var t = phantom.Target;
            w.WriteStartObject("pathology");
            w.WriteString("label", t.Label.ToString());
            w.WriteNumber("labelValue", (int)t.Label);
            WritePoint(w, "centerMm", t.Center);
            w.WriteNumber("sizeMm", Round(t.SizeMm));
            w.WriteString("description", t.Description);
            w.WriteBoolean("isPathology", t.IsPathology);
            w.WriteEndObject();

            w.WriteStartArray("landmarks");
            foreach (var l in phantom.Landmarks)
            {
                w.WriteStartObject();
                w.WriteString("name", l.Name);
                WritePoint(w, "pointMm", l.Point);
                if (l.DiameterMm is { } d)
                {
                    w.WriteNumber("diameterMm", Round(d));
                }

                if (l.Axis is { } a)
                {
                    w.WriteStartArray("axis");
                    w.WriteNumberValue(Round(a.X, 4));
                    w.WriteNumberValue(Round(a.Y, 4));
                    w.WriteNumberValue(Round(a.Z, 4));
                    w.WriteEndArray();
                }

                if (l.ThicknessMm is { } thickness)
                {
                    w.WriteNumber("thicknessMm", Round(thickness));
                }

                if (l.DistanceMm is { } distance)
                {
                    w.WriteNumber("distanceMm", Round(distance));
                }

                w.WriteString("label", l.Label.ToString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (files is not null)
            {
                w.WriteStartObject("files");
                foreach (var (key, path) in files)
                {
                    w.WriteString(key, path);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public static void Write(WholeBodyPhantomResult phantom, string path, IReadOnlyDictionary<string, string>? files = null) =>
        File.WriteAllText(path, ToJson(phantom, files) + "\n");

    /// <summary>The command-line name of a phase: <c>none</c>, <c>arterial</c> or <c>portal</c>.</summary>
    public static string PhaseName(ContrastPhase phase) => phase switch
    {
        ContrastPhase.None => "none",
        ContrastPhase.Arterial => "arterial",
        _ => "portal",
    };

    /// <summary>The region name in lower-case words joined by hyphens (e.g. <c>abdomen-pelvis</c>).</summary>
    public static string Kebab(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static double Round(double v, int digits = 3) => Math.Round(v, digits);

    private static void WritePoint(Utf8JsonWriter w, string name, WorldPoint p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(Round(p.X));
        w.WriteNumberValue(Round(p.Y));
        w.WriteNumberValue(Round(p.Z));
        w.WriteEndArray();
    }

    private static void WriteAnthropometry(Utf8JsonWriter w, WholeBodyPhantomResult phantom)
    {
        var tables = PediatricAnthropometry.Default;
        w.WriteStartArray("bodySizes");
        foreach (var table in tables.Tables)
        {
            w.WriteStartObject();
            w.WriteString("table", table.Name);
            w.WriteString("status", table.Status);
            w.WriteString("source", table.Source);
            w.WriteStartObject("values");
            foreach (var key in table.Keys)
            {
                w.WriteNumber(key, phantom.BodySizes[key]);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteGeometry(Utf8JsonWriter w, VolumeGeometry g)
    {
        w.WriteStartObject("geometry");
        w.WriteStartArray("size");
        w.WriteNumberValue(g.SizeI);
        w.WriteNumberValue(g.SizeJ);
        w.WriteNumberValue(g.SizeK);
        w.WriteEndArray();
        w.WriteStartArray("spacingMm");
        w.WriteNumberValue(Round(g.SpacingI, 6));
        w.WriteNumberValue(Round(g.SpacingJ, 6));
        w.WriteNumberValue(Round(g.SpacingK, 6));
        w.WriteEndArray();
        w.WriteStartArray("originMm");
        w.WriteNumberValue(Round(g.Origin.X, 6));
        w.WriteNumberValue(Round(g.Origin.Y, 6));
        w.WriteNumberValue(Round(g.Origin.Z, 6));
        w.WriteEndArray();
        w.WriteStartArray("direction");
        var d = g.Direction;
        foreach (var v in new[] { d.M00, d.M01, d.M02, d.M10, d.M11, d.M12, d.M20, d.M21, d.M22 })
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter w, Volume<byte> labels)
    {
        var counts = new long[256];
        foreach (var v in labels.Voxels)
        {
            counts[v]++;
        }

        var g = labels.Geometry;
        var voxelMl = g.SpacingI * g.SpacingJ * g.SpacingK / 1000;
        w.WriteStartArray("labels");
        for (var v = 1; v < 256; v++)
        {
            if (counts[v] == 0)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteNumber("value", v);
            w.WriteString("name", Enum.IsDefined((TissueLabel)v) ? ((TissueLabel)v).ToString() : $"Label{v}");
            w.WriteNumber("voxels", counts[v]);
            w.WriteNumber("volumeMl", Round(counts[v] * voxelMl));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
