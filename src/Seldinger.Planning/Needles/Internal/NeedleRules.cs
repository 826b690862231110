using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Needles.Internal;

/// <summary>
/// The hard constraints of one procedure at one target, read from its catalogue entry: which labels a
/// needle may pass through, which structures keep a margin from the path, which only from the tip, the
/// usable device length and the intercostal rule.
/// </summary>
internal sealed class NeedleRules
{
    /// <summary>Labels that host a target and may be traversed to reach it unless protected (solid organ parenchyma).</summary>
    private static readonly TissueLabel[] HostOrgans = [TissueLabel.Liver, TissueLabel.Kidney, TissueLabel.Spleen];

    private NeedleRules(
        bool[] allowed,
        IReadOnlyList<ProcedureProtection> pathProtections,
        IReadOnlyList<ProcedureProtection> tipProtections,
        ProcedureDevice accessDevice,
        TissueLabel? host)
    {
        Allowed = allowed;
        PathProtections = pathProtections;
        TipProtections = tipProtections;
        AccessDevice = accessDevice;
        Host = host;
    }

    /// <summary>allowed[label]: whether the path may pass through a voxel of the label.</summary>
    public bool[] Allowed { get; }

    /// <summary>Protected structures measured along the whole path.</summary>
    public IReadOnlyList<ProcedureProtection> PathProtections { get; }

    /// <summary>Protected structures the needle must pierce (the skin): their margin is kept by the tip.</summary>
    public IReadOnlyList<ProcedureProtection> TipProtections { get; }

    /// <summary>The longest needle or probe of the procedure: its length limits the path.</summary>
    public ProcedureDevice AccessDevice { get; }

    /// <summary>The usable length, mm.</summary>
    public double MaximumLengthMm => AccessDevice.LengthMm ?? 0;

    /// <summary>The organ that hosts the target, when it may be traversed.</summary>
    public TissueLabel? Host { get; }

    /// <summary>The rules of <paramref name="procedure"/> for a target whose own label is <paramref name="targetLabel"/> inside <paramref name="host"/>.</summary>
    public static NeedleRules For(ProcedureDefinition procedure, byte targetLabel, TissueLabel? host)
    {
        var device = procedure.Devices
            .Where(d => d.Kind is DeviceKind.Needle or DeviceKind.Probe && d.LengthMm is > 0)
            .OrderByDescending(d => d.LengthMm)
            .FirstOrDefault()
            ?? throw new PlanningException($"The procedure {procedure.Id} lists no needle or probe with a length, so the usable path length is unknown.");

        var allowed = new bool[256];
        allowed[(byte)TissueLabel.Skin] = true;
        allowed[(byte)TissueLabel.Fat] = true;
        allowed[(byte)TissueLabel.Muscle] = true;
        foreach (var t in procedure.Targets)
        {
            allowed[(byte)t] = true;
        }

        allowed[targetLabel] = true;
        if (procedure.Constraints.PleuraCrossing)
        {
            allowed[(byte)TissueLabel.PleuralEffusion] = true;
        }

        allowed[(byte)TissueLabel.Bone] = procedure.Constraints.BoneCrossing;
        allowed[(byte)TissueLabel.Lung] = procedure.Constraints.LungCrossing;
        allowed[(byte)TissueLabel.Bowel] = procedure.Constraints.BowelCrossing;

        TissueLabel? allowedHost = null;
        if (host is { } h && Array.IndexOf(HostOrgans, h) >= 0 && !procedure.Protect.Any(p => p.Label == h))
        {
            allowed[(byte)h] = true;
            allowedHost = h;
        }

        var path = new List<ProcedureProtection>();
        var tip = new List<ProcedureProtection>();
        foreach (var p in procedure.Protect)
        {
            if (p.Label == TissueLabel.Skin)
            {
                tip.Add(p);
            }
            else
            {
                path.Add(p);
                allowed[(byte)p.Label] = false;
            }
        }

        return new NeedleRules(allowed, path, tip, device, allowedHost);
    }

    /// <summary>The path structures for <see cref="NeedlePathEvaluator"/>, named by their label.</summary>
    public IReadOnlyList<ProtectedStructure> Structures() =>
        [.. PathProtections.Select(p => new ProtectedStructure(p.Label.ToString(), (byte)p.Label, p.MinimumClearanceMm))];

    /// <summary>A label in plain words with its article: "the bowel", "the spinal canal", "outside the body".</summary>
    public static string Words(byte label) =>
        label == 0 ? "the air outside the body"
        : Enum.IsDefined((TissueLabel)label) ? "the " + SplitWords(((TissueLabel)label).ToString())
        : string.Create(CultureInfo.InvariantCulture, $"label {label}");

    /// <summary>The label's name as stored in plans (<see cref="TissueLabel"/> name, or "Background").</summary>
    public static string Name(byte label) =>
        Enum.IsDefined((TissueLabel)label) ? ((TissueLabel)label).ToString() : string.Create(CultureInfo.InvariantCulture, $"label {label}");

    private static string SplitWords(string name)
    {
        var chars = new List<char>(name.Length + 4);
        for (var n = 0; n < name.Length; n++)
        {
            if (n > 0 && char.IsUpper(name[n]))
            {
                chars.Add(' ');
            }

            chars.Add(char.ToLowerInvariant(name[n]));
        }

        return new string([.. chars]);
    }

    /// <summary>Distance (mm) from <paramref name="point"/> to the nearest voxel centre of <paramref name="label"/> within ± <paramref name="radiusMm"/>; null when none is that close.</summary>
    /// <remarks>Rows are searched with a vectorised scan for the label, and slices that cannot hold a closer voxel are skipped.</remarks>
    public static double? NearestLabelDistance(Volume<byte> labels, WorldPoint point, byte label, double radiusMm)
    {
        var g = labels.Geometry;
        var c = g.WorldToIndex(point);
        int ri = (int)Math.Ceiling(radiusMm / g.SpacingI), rj = (int)Math.Ceiling(radiusMm / g.SpacingJ), rk = (int)Math.Ceiling(radiusMm / g.SpacingK);
        int ci = (int)Math.Round(c.I), cj = (int)Math.Round(c.J), ck = (int)Math.Round(c.K);
        int i0 = Math.Max(0, ci - ri), i1 = Math.Min(g.SizeI - 1, ci + ri);
        var best = double.PositiveInfinity;
        for (var k = Math.Max(0, ck - rk); k <= Math.Min(g.SizeK - 1, ck + rk); k++)
        {
            if (Math.Abs(k - c.K) * g.SpacingK - g.VoxelHalfDiagonal > Math.Min(best, radiusMm))
            {
                continue;
            }

            for (var j = Math.Max(0, cj - rj); j <= Math.Min(g.SizeJ - 1, cj + rj); j++)
            {
                var row = labels.Voxels.AsSpan(g.LinearIndex(i0, j, k), i1 - i0 + 1);
                var from = 0;
                while (from < row.Length)
                {
                    var hit = row[from..].IndexOf(label);
                    if (hit < 0)
                    {
                        break;
                    }

                    from += hit;
                    best = Math.Min(best, g.IndexToWorld(new VoxelIndex(i0 + from, j, k)).DistanceTo(point));
                    from++;
                }
            }
        }

        return best <= radiusMm ? best : null;
    }
}
