using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Ablation.Internal;
using Seldinger.Planning.Needles;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Layout;

/// <summary>
/// Chooses how many probes, where their tips go, along which safe paths, and with which device setting, so that the
/// table model's lethal zone covers the tumor + margin with the fewest probes and then the least healthy tissue.
/// </summary>
/// <remarks>
/// <para>
/// Approaches: the needle planner's search (<see cref="NeedleRoutePlanner.Search(PlanningInput, WorldPoint)"/>) gives
/// the best safe skin entries to the tumor's centre. Candidate tips lie on a grid inside tumor + margin; each tip is
/// reached either parallel to an approach (entry where the line leaves the body) or converging from the approach's
/// entry, and every such path is checked against the procedure's needle-route hard constraints. A layout takes all its
/// probes from one approach and one mode.
/// </para>
/// <para>
/// Objective (lower is better), the <see cref="AblationAlternative.Score"/>: 1000 per probe + healthy tissue ablated
/// (mL) + <see cref="AblationLayoutRequest.UncoveredPenaltyPerPercent"/> per % of tumor + margin left uncovered
/// + <see cref="AblationLayoutRequest.StructureInsidePenaltyPerMl"/> per mL of a protected structure inside the zone
/// (plus 10 000 when there is any) + <see cref="AblationLayoutRequest.ClearancePenaltyPerMm"/> per mm the zone comes
/// inside a structure's clearance; a layout short of the coverage threshold or breaking the cryo spacing rules adds
/// 1 000 000 (and 10 000 000 per fraction short). So: coverage first, then no structure inside, then fewest probes,
/// then least healthy tissue.
/// </para>
/// <para>
/// Search, for each probe count (from one up) and each setting (smallest zone first): greedy set cover over the
/// candidates of each approach, then coordinate descent (replace one probe at a time by the candidate that lowers the
/// objective most) until nothing improves; the search counts coverage exactly on bit sets and healthy tissue as the sum
/// over probes, and the layouts kept are then scored exactly on the union of their zones. The planner stops at the
/// first probe count that has a feasible layout without a structure inside. Cryo layouts keep the catalogue's
/// <c>probeSpacingMm</c> between probes, each probe's nearest neighbour within the library's maximum spacing and every
/// probe within the library's distance of the tumor's edge. Deterministic.
/// </para>
/// </remarks>
public static class AblationLayoutPlanner
{
    private const double ProbeCost = 1000;
    private const double InfeasibleCost = 1_000_000;
    private const double ShortfallCost = 10_000_000;
    private const double InsideCost = 10_000;
    private const int DescentRounds = 6;
    private const long MaximumExhaustiveLayouts = 2_000_000;

    /// <summary>Plans the layout.</summary>
    /// <exception cref="PlanningException">The request cannot be planned (not an ablation, no tumor, unknown device or setting, options out of range); the message says why.</exception>
    public static AblationLayoutResult Plan(AblationLayoutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Input ?? throw new PlanningException("The layout request needs a planning input.");
        if (input.Labels is null || input.Procedure is null || input.Catalogue is null)
        {
            throw new PlanningException("The planning input needs a label map, a procedure and its catalogue.");
        }

        Validate(request);
        var procedure = input.Procedure;
        var modality = AblationPlanner.ModalityOf(procedure);
        var library = request.Devices ?? AblationDeviceLibrary.LoadDefault();
        var margin = request.MarginMm ?? Parameter(procedure, "ablationMarginMm")
            ?? throw new PlanningException($"No margin asked and the procedure {procedure.Id} has no ablationMarginMm parameter.");
        if (!double.IsFinite(margin) || margin < 0 || margin > 50)
        {
            throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"The margin {margin} mm is out of range (0–50 mm)."));
        }

        var pairs = Settings(library, modality, request);
        var cryo = modality == AblationModality.Cryo;
        var rules = new SpacingRules(
            cryo ? Parameter(procedure, "probeSpacingMm") ?? throw new PlanningException($"The procedure {procedure.Id} has no probeSpacingMm parameter, which cryo layouts need.") : 0,
            cryo ? library.CryoMaximumProbeSpacingMm : null,
            cryo ? library.CryoMaximumDistanceFromTumorEdgeMm : null);

        var labels = input.Labels;
        var g = labels.Geometry;
        var target = (byte)request.Target;
        var reach = pairs.Max(p => p.Setting.Zone.LengthMm);
        var crop = LayoutCrop.Build(labels, target, margin, reach, procedure.Protect);
        cancellationToken.ThrowIfCancellationRequested();
        var voxelMl = crop.VoxelMl;
        var grownMl = crop.GrownVoxels.Length * voxelMl;
        var tumorMl = crop.TumorCount * voxelMl;
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);

        var centroid = Centroid(crop);
        var targetVoxel = TargetVoxel(labels, crop, centroid, target);
        var search = NeedleRoutePlanner.Search(input, centroid, new NeedlePlannerOptions { MaximumRoutes = request.MaximumApproaches, MinimumEntrySeparationMm = 20 });
        if (search.Ranked.Count == 0)
        {
            var top = search.Rejections.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
            Count(rejections, $"no safe route to the tumor (most often: {top.Key ?? "no skin entry"})", Math.Max(1, search.CandidatesConsidered));
            return Empty(request, margin, tumorMl, grownMl, 0, rejections);
        }

        var checker = new LayoutRouteChecker(labels, procedure, target, targetVoxel);
        var tips = Tips(crop, request, rules, rejections);
        var placements = new List<(AblationProbe Probe, int Group)>();
        var considered = 0;
        for (var a = 0; a < search.Ranked.Count; a++)
        {
            var approach = search.Ranked[a];
            var direction = (centroid - approach.Entry).Normalized;
            foreach (var tip in tips)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var mode = 0; mode < 2; mode++)
                {
                    considered++;
                    var entry = mode == 0 ? SkinAlong(labels, tip, direction, checker.MaximumLengthMm + 10) : approach.Entry;
                    if (entry.DistanceTo(tip) < g.MinimumSpacing)
                    {
                        Count(rejections, "no safe route: tip at the skin", 1);
                        continue;
                    }

                    if (checker.Reject(entry, tip) is { } reason)
                    {
                        Count(rejections, "no safe route: " + reason, 1);
                        continue;
                    }

                    placements.Add((new AblationProbe("", "", entry, tip), (a * 2) + mode));
                }
            }
        }

        if (placements.Count == 0)
        {
            return Empty(request, margin, tumorMl, grownMl, considered, rejections);
        }

        var context = new Context(crop, request, rules, voxelMl);
        var layouts = new List<Layout>();
        var cache = new Dictionary<(string, string), List<LayoutCandidate>>();
        var counts = request.ProbeCount is { } fixedCount ? [fixedCount] : Enumerable.Range(1, request.MaxProbes).ToList();
        foreach (var n in counts)
        {
            foreach (var (device, setting) in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var zoneMl = 4.0 / 3.0 * Math.PI * (setting.Zone.LengthMm / 2) * (setting.Zone.DiameterMm / 2) * (setting.Zone.DiameterMm / 2) / 1000;
                if (request.ProbeCount is null && n * zoneMl < request.CoverageThreshold * grownMl * 0.9)
                {
                    Count(rejections, "zones too small for the tumor + margin", 1);
                    continue;
                }

                if (!cache.TryGetValue((device.Id, setting.Id), out var candidates))
                {
                    candidates = context.Candidates(device, setting, placements, cancellationToken);
                    cache[(device.Id, setting.Id)] = candidates;
                }

                Layout? best = null;
                foreach (var group in candidates.Select(c => c.Group).Distinct().Order())
                {
                    var members = candidates.Where(c => c.Group == group).ToList();
                    var found = request.Search == AblationLayoutSearch.Exhaustive
                        ? context.Exhaustive(members, n, setting, cancellationToken)
                        : context.Greedy(members, n, setting, cancellationToken);
                    if (found is not null && (best is null || found.Score < best.Score))
                    {
                        best = found;
                    }
                }

                if (best is null)
                {
                    Count(rejections, string.Create(CultureInfo.InvariantCulture, $"no room for {n} probes {rules.MinimumSpacingMm:0} mm apart"), 1);
                    continue;
                }

                layouts.Add(best with { Device = device, Setting = setting, Count = n });
            }

            if (request.ProbeCount is null && layouts.Any(l => l.Count == n && l.Feasible && l.InsideVoxels == 0))
            {
                break;
            }
        }

        foreach (var layout in layouts)
        {
            if (!layout.Feasible)
            {
                Count(rejections, layout.Shortfall > 0 ? "coverage short" : "cryo probe spacing", 1);
            }
            else if (layout.InsideVoxels > 0)
            {
                Count(rejections, "structure inside the zone", 1);
            }
        }

        var ranked = layouts.OrderBy(l => l.Score).ThenBy(l => l.Count).ThenBy(l => l.Device.Id, StringComparer.Ordinal).ThenBy(l => l.Setting.Id, StringComparer.Ordinal)
            .Take(request.MaximumAlternatives).ToList();
        if (ranked.Count == 0)
        {
            return Empty(request, margin, tumorMl, grownMl, considered, rejections);
        }

        var alternatives = new List<AblationAlternative>();
        var model = new TableZoneModel();
        for (var n = 0; n < ranked.Count; n++)
        {
            var layout = ranked[n];
            var probes = layout.Probes.Select(p => p with { DeviceId = layout.Device.Id, SettingId = layout.Setting.Id }).ToList();
            var zone = model.Predict(new AblationZoneRequest(labels, probes, library), cancellationToken);
            var minimal = AblationMargins.Compute(labels, request.Target, zone.Lethal).MinimalMarginMm;
            alternatives.Add(new AblationAlternative(
                string.Create(CultureInfo.InvariantCulture, $"{layout.Count} × {layout.Device.Id} {layout.Setting.Id} ({(layout.Group % 2 == 0 ? "parallel" : "convergent")})"),
                layout.Device.Id,
                layout.Setting.Id,
                probes,
                crop.TumorCount == 0 ? 0 : (double)layout.TumorCovered / crop.TumorCount,
                layout.Coverage,
                minimal,
                layout.HealthyVoxels * voxelMl,
                layout.Score,
                n == 0,
                Note(layout, ranked[0], n == 0, margin, request, rules, voxelMl)));
        }

        return new AblationLayoutResult(
            alternatives[0],
            alternatives,
            ranked[0].Feasible,
            margin,
            request.CoverageThreshold,
            tumorMl,
            grownMl,
            considered,
            new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));
    }

    private static void Validate(AblationLayoutRequest request)
    {
        if (request.MaxProbes is < 1 or > 8)
        {
            throw new PlanningException($"MaxProbes must be between 1 and 8, not {request.MaxProbes}.");
        }

        if (request.ProbeCount is { } count && (count < 1 || count > 8))
        {
            throw new PlanningException($"The probe count must be between 1 and 8, not {count}.");
        }

        if (!(request.CoverageThreshold > 0 && request.CoverageThreshold <= 1))
        {
            throw new PlanningException("The coverage threshold must be a fraction above 0 and at most 1.");
        }

        if (request.GridStepMm is { } step && !(step > 0 && double.IsFinite(step)))
        {
            throw new PlanningException("The grid step must be a positive number of millimetres.");
        }

        if (request.MaximumCandidateTips is < 1 or > 2000 || request.MaximumApproaches is < 1 or > 10 || request.MaximumAlternatives < 1)
        {
            throw new PlanningException("The search limits are out of range (1–2000 candidate tips, 1–10 approaches, at least one alternative).");
        }

        if (!(request.StructureInsidePenaltyPerMl >= 0) || !(request.ClearancePenaltyPerMm >= 0) || !(request.UncoveredPenaltyPerPercent >= 0))
        {
            throw new PlanningException("The objective's penalties must be numbers ≥ 0.");
        }
    }

    private static double? Parameter(ProcedureDefinition procedure, string name) =>
        procedure.Parameters.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>The (device, setting) pairs to try, smallest lethal zone first (file order breaks ties).</summary>
    private static List<(AblationDevice Device, AblationSetting Setting)> Settings(AblationDeviceLibrary library, AblationModality modality, AblationLayoutRequest request)
    {
        IReadOnlyList<AblationDevice> devices;
        if (request.DeviceId is { } id)
        {
            var device = library.Device(id);
            if (device.Modality != modality)
            {
                throw new PlanningException($"Device '{id}' is a {device.Modality} device; the procedure {request.Input.Procedure.Id} is {modality} ablation.");
            }

            devices = [device];
        }
        else
        {
            devices = library.DevicesOf(modality);
        }

        var pairs = new List<(AblationDevice, AblationSetting, int)>();
        var order = 0;
        foreach (var device in devices)
        {
            foreach (var setting in device.Settings)
            {
                if (request.SettingId is null || setting.Id == request.SettingId)
                {
                    pairs.Add((device, setting, order++));
                }
            }
        }

        if (pairs.Count == 0)
        {
            throw new PlanningException(request.SettingId is null
                ? $"The device library has no {modality} device."
                : $"No {(request.DeviceId is null ? modality + " device" : "device '" + request.DeviceId + "'")} has a setting '{request.SettingId}'.");
        }

        return [.. pairs
            .OrderBy(p => p.Item2.Zone.LengthMm * p.Item2.Zone.DiameterMm * p.Item2.Zone.DiameterMm)
            .ThenBy(p => p.Item3)
            .Select(p => (p.Item1, p.Item2))];
    }

    private static WorldPoint Centroid(LayoutCrop crop)
    {
        double x = 0, y = 0, z = 0;
        var n = 0;
        for (var m = 0; m < crop.GrownVoxels.Length; m++)
        {
            if ((crop.TumorBits[m >> 6] & (1UL << (m & 63))) == 0)
            {
                continue;
            }

            var p = crop.Full.IndexToWorld(ToFull(crop, crop.GrownVoxels[m]));
            x += p.X;
            y += p.Y;
            z += p.Z;
            n++;
        }

        return new WorldPoint(x / n, y / n, z / n);
    }

    private static VoxelIndex TargetVoxel(Volume<byte> labels, LayoutCrop crop, WorldPoint centroid, byte target)
    {
        if (labels.Geometry.TryGetVoxel(centroid, out var voxel) && labels[voxel] == target)
        {
            return voxel;
        }

        // A hollow or curved tumor: its voxel nearest the centroid.
        var best = default(VoxelIndex);
        var distance = double.PositiveInfinity;
        for (var m = 0; m < crop.GrownVoxels.Length; m++)
        {
            if ((crop.TumorBits[m >> 6] & (1UL << (m & 63))) != 0)
            {
                var v = ToFull(crop, crop.GrownVoxels[m]);
                var d = crop.Full.IndexToWorld(v).DistanceTo(centroid);
                if (d < distance)
                {
                    distance = d;
                    best = v;
                }
            }
        }

        return best;
    }

    private static VoxelIndex ToFull(LayoutCrop crop, int linear)
    {
        var plane = crop.Ni * crop.Nj;
        var k = linear / plane;
        var rest = linear - (k * plane);
        var j = rest / crop.Ni;
        return new VoxelIndex(crop.Lo.I + rest - (j * crop.Ni), crop.Lo.J + j, crop.Lo.K + k);
    }

    /// <summary>Candidate tips: tumor + margin voxels on a lattice through the voxel nearest the tumor's centre, coarsened until few enough.</summary>
    private static List<WorldPoint> Tips(LayoutCrop crop, AblationLayoutRequest request, SpacingRules rules, SortedDictionary<string, int> rejections)
    {
        var g = crop.Full;
        var centre = g.WorldToIndex(Centroid(crop));
        int ci = (int)Math.Round(centre.I) - crop.Lo.I, cj = (int)Math.Round(centre.J) - crop.Lo.J, ck = (int)Math.Round(centre.K) - crop.Lo.K;
        var step = request.GridStepMm ?? Math.Max(2, g.MinimumSpacing);
        while (true)
        {
            int si = Math.Max(1, (int)Math.Round(step / g.SpacingI)), sj = Math.Max(1, (int)Math.Round(step / g.SpacingJ)), sk = Math.Max(1, (int)Math.Round(step / g.SpacingK));
            var tips = new List<WorldPoint>();
            var farFromEdge = 0;
            foreach (var linear in crop.GrownVoxels)
            {
                var v = ToFull(crop, linear);
                int i = v.I - crop.Lo.I, j = v.J - crop.Lo.J, k = v.K - crop.Lo.K;
                if (Mod(i - ci, si) != 0 || Mod(j - cj, sj) != 0 || Mod(k - ck, sk) != 0)
                {
                    continue;
                }

                if (rules.MaximumEdgeDistanceMm is { } edge && Math.Abs(crop.TumorSigned[linear]) > edge)
                {
                    farFromEdge++;
                    continue;
                }

                tips.Add(g.IndexToWorld(v));
            }

            if (tips.Count <= request.MaximumCandidateTips || (si > crop.Ni && sj > crop.Nj && sk > crop.Nk))
            {
                if (farFromEdge > 0)
                {
                    Count(rejections, string.Create(CultureInfo.InvariantCulture, $"tip more than {rules.MaximumEdgeDistanceMm:0.#} mm from the tumor edge (cryo)"), farFromEdge);
                }

                return tips;
            }

            step *= 1.2;
        }
    }

    private static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>Where the line from <paramref name="tip"/> back along <paramref name="direction"/> leaves the body (the last point inside it).</summary>
    private static WorldPoint SkinAlong(Volume<byte> labels, WorldPoint tip, Vector3D direction, double maximumMm)
    {
        var g = labels.Geometry;
        var step = g.MinimumSpacing / 2;
        var last = tip;
        for (var t = step; t <= maximumMm; t += step)
        {
            var p = tip - (direction * t);
            if (!g.TryGetVoxel(p, out var voxel) || labels[voxel] == 0)
            {
                return last;
            }

            last = p;
        }

        return last;
    }

    private static string? Note(Layout layout, Layout best, bool chosen, double margin, AblationLayoutRequest request, SpacingRules rules, double voxelMl)
    {
        var grown = string.Create(CultureInfo.InvariantCulture, $"tumor + {margin:0.#} mm");
        if (layout.Shortfall > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"coverage short: {100 * layout.Coverage:0.0} % of {grown} ({100 * request.CoverageThreshold:0.#} % asked)");
        }

        if (!layout.SpacingKept)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cryo probes farther apart than {rules.MaximumSpacingMm:0.#} mm");
        }

        if (layout.InsideVoxels > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{layout.InsideVoxels * voxelMl:0.00} mL of a protected structure inside the zone");
        }

        if (chosen)
        {
            return null;
        }

        return layout.Count > best.Count
            ? $"{layout.Count} probes where {best.Count} suffice"
            : string.Create(CultureInfo.InvariantCulture, $"ablates {(layout.HealthyVoxels - best.HealthyVoxels) * voxelMl:+0.0;-0.0;0.0} mL more healthy tissue");
    }

    private static AblationLayoutResult Empty(AblationLayoutRequest request, double margin, double tumorMl, double grownMl, int considered, SortedDictionary<string, int> rejections) =>
        new(null, [], false, margin, request.CoverageThreshold, tumorMl, grownMl, considered, new ReadOnlyDictionary<string, int>(new Dictionary<string, int>(rejections, StringComparer.Ordinal)));

    private static void Count(SortedDictionary<string, int> rejections, string reason, int count) =>
        rejections[reason] = rejections.GetValueOrDefault(reason) + count;

    private sealed record SpacingRules(double MinimumSpacingMm, double? MaximumSpacingMm, double? MaximumEdgeDistanceMm);

    /// <summary>A scored layout.</summary>
    private sealed record Layout(
        IReadOnlyList<AblationProbe> Probes,
        int Group,
        double Coverage,
        double Shortfall,
        long TumorCovered,
        long HealthyVoxels,
        long InsideVoxels,
        double Deficit,
        bool SpacingKept,
        double Score)
    {
        public AblationDevice Device { get; init; } = null!;

        public AblationSetting Setting { get; init; } = null!;

        public int Count { get; init; }

        public bool Feasible => Shortfall <= 0 && SpacingKept;
    }

    /// <summary>The search over one request: rasterises candidates in the crop and scores layouts.</summary>
    private sealed class Context(LayoutCrop crop, AblationLayoutRequest request, SpacingRules rules, double voxelMl)
    {
        private readonly byte[] _mark = new byte[crop.Ni * crop.Nj * crop.Nk];
        private readonly List<int> _touched = [];
        private readonly List<int> _voxels = [];

        public List<LayoutCandidate> Candidates(AblationDevice device, AblationSetting setting, List<(AblationProbe Probe, int Group)> placements, CancellationToken cancellationToken)
        {
            var words = (crop.GrownVoxels.Length + 63) / 64;
            var list = new List<LayoutCandidate>(placements.Count);
            int[] grownIndex = crop.GrownIndex;
            byte[] protectedLabels = crop.Protected;
            float[] deficits = crop.Deficit;
            foreach (var (probe, group) in placements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bits = new ulong[words];
                long healthy = 0, inside = 0;
                var deficit = double.NegativeInfinity;
                Collect(probe, setting.Zone, _voxels);
                foreach (var index in _voxels)
                {
                    var m = grownIndex[index];
                    if (m >= 0)
                    {
                        bits[m >> 6] |= 1UL << (m & 63);
                    }
                    else
                    {
                        healthy++;
                    }

                    if (protectedLabels[index] != 0)
                    {
                        inside++;
                    }

                    deficit = Math.Max(deficit, deficits[index]);
                }
                list.Add(new LayoutCandidate
                {
                    Probe = probe with { DeviceId = device.Id, SettingId = setting.Id },
                    Group = group,
                    Covered = bits,
                    Healthy = healthy,
                    Inside = inside,
                    Deficit = deficit,
                });
            }

            return list;
        }

        public Layout? Greedy(List<LayoutCandidate> members, int n, AblationSetting setting, CancellationToken cancellationToken)
        {
            var words = (crop.GrownVoxels.Length + 63) / 64;
            var chosen = new List<LayoutCandidate>();
            var union = new ulong[words];
            for (var step = 0; step < n; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LayoutCandidate? best = null;
                var bestScore = double.PositiveInfinity;
                foreach (var c in members)
                {
                    if (chosen.Contains(c) || !SpacedApart(chosen, c, -1))
                    {
                        continue;
                    }

                    var score = Proxy(chosen, c, -1, union, n);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        best = c;
                    }
                }

                if (best is null)
                {
                    return null;
                }

                chosen.Add(best);
                Or(union, best.Covered);
            }

            // Coordinate descent: move one probe at a time to the candidate that lowers the objective most.
            for (var round = 0; round < DescentRounds; round++)
            {
                var improved = false;
                for (var slot = 0; slot < chosen.Count; slot++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var others = new ulong[words];
                    for (var o = 0; o < chosen.Count; o++)
                    {
                        if (o != slot)
                        {
                            Or(others, chosen[o].Covered);
                        }
                    }

                    var current = Proxy(chosen, chosen[slot], slot, others, n);
                    var best = chosen[slot];
                    foreach (var c in members)
                    {
                        if (chosen.Contains(c) || !SpacedApart(chosen, c, slot))
                        {
                            continue;
                        }

                        var score = Proxy(chosen, c, slot, others, n);
                        if (score < current - 1e-9)
                        {
                            current = score;
                            best = c;
                        }
                    }

                    if (!ReferenceEquals(best, chosen[slot]))
                    {
                        chosen[slot] = best;
                        improved = true;
                    }
                }

                if (!improved)
                {
                    break;
                }
            }

            return Exact(chosen, setting);
        }

        public Layout? Exhaustive(List<LayoutCandidate> members, int n, AblationSetting setting, CancellationToken cancellationToken)
        {
            if (n > members.Count)
            {
                return null;
            }

            var combinations = Binomial(members.Count, n);
            if (combinations > MaximumExhaustiveLayouts)
            {
                throw new PlanningException(string.Create(CultureInfo.InvariantCulture, $"An exhaustive search of {n} probes over {members.Count} candidates is {combinations:0} layouts, more than {MaximumExhaustiveLayouts}; use the greedy search or a coarser grid."));
            }

            var index = Enumerable.Range(0, n).ToArray();
            Layout? best = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chosen = index.Select(i => members[i]).ToList();
                var spaced = true;
                for (var a = 0; a < n && spaced; a++)
                {
                    for (var b = a + 1; b < n && spaced; b++)
                    {
                        spaced = chosen[a].Tip.DistanceTo(chosen[b].Tip) >= rules.MinimumSpacingMm;
                    }
                }

                if (spaced)
                {
                    var layout = Exact(chosen, setting);
                    if (best is null || layout.Score < best.Score)
                    {
                        best = layout;
                    }
                }

                var p = n - 1;
                while (p >= 0 && index[p] == members.Count - n + p)
                {
                    p--;
                }

                if (p < 0)
                {
                    return best;
                }

                index[p]++;
                for (var q = p + 1; q < n; q++)
                {
                    index[q] = index[q - 1] + 1;
                }
            }
        }

        /// <summary>The search's objective: exact coverage of the union, healthy tissue and structures summed over the probes.</summary>
        private double Proxy(List<LayoutCandidate> chosen, LayoutCandidate candidate, int replacing, ulong[] others, int n)
        {
            long covered = 0;
            var bits = candidate.Covered;
            for (var w = 0; w < others.Length; w++)
            {
                covered += BitOperations.PopCount(others[w] | bits[w]);
            }

            long healthy = candidate.Healthy, inside = candidate.Inside;
            var deficit = candidate.Deficit;
            var probes = new List<WorldPoint> { candidate.Tip };
            for (var o = 0; o < chosen.Count; o++)
            {
                if (o == replacing)
                {
                    continue;
                }

                healthy += chosen[o].Healthy;
                inside += chosen[o].Inside;
                deficit = Math.Max(deficit, chosen[o].Deficit);
                probes.Add(chosen[o].Tip);
            }

            var spacing = probes.Count < n || MaximumSpacingKept(probes);
            return Score(n, (double)covered / crop.GrownVoxels.Length, healthy, inside, deficit, spacing);
        }

        private double Score(int n, double coverage, long healthy, long inside, double deficit, bool spacingKept)
        {
            var shortfall = Math.Max(0, request.CoverageThreshold - coverage);
            var score = (ProbeCost * n) + (healthy * voxelMl) + (request.UncoveredPenaltyPerPercent * 100 * (1 - coverage))
                + (request.ClearancePenaltyPerMm * Math.Max(0, deficit));
            if (inside > 0)
            {
                score += InsideCost + (request.StructureInsidePenaltyPerMl * inside * voxelMl);
            }

            if (shortfall > 0)
            {
                score += InfeasibleCost + (ShortfallCost * shortfall);
            }

            if (!spacingKept)
            {
                score += InfeasibleCost;
            }

            return score;
        }

        private bool SpacedApart(List<LayoutCandidate> chosen, LayoutCandidate candidate, int replacing)
        {
            for (var o = 0; o < chosen.Count; o++)
            {
                if (o != replacing && chosen[o].Tip.DistanceTo(candidate.Tip) < rules.MinimumSpacingMm)
                {
                    return false;
                }
            }

            return true;
        }

        private bool MaximumSpacingKept(List<WorldPoint> tips)
        {
            if (rules.MaximumSpacingMm is not { } maximum || tips.Count < 2)
            {
                return true;
            }

            foreach (var a in tips)
            {
                var nearest = tips.Where(b => b != a).Min(b => a.DistanceTo(b));
                if (nearest > maximum)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Scores a layout exactly on the union of its zones.</summary>
        private Layout Exact(List<LayoutCandidate> chosen, AblationSetting setting)
        {
            long covered = 0, tumor = 0, healthy = 0, inside = 0;
            var deficit = double.NegativeInfinity;
            int[] grownIndex = crop.GrownIndex;
            byte[] protectedLabels = crop.Protected;
            float[] deficits = crop.Deficit;
            ulong[] tumorBits = crop.TumorBits;
            foreach (var c in chosen)
            {
                Collect(c.Probe, setting.Zone, _voxels);
                foreach (var index in _voxels)
                {
                    if (_mark[index] != 0)
                    {
                        continue;
                    }

                    _mark[index] = 1;
                    _touched.Add(index);
                    var m = grownIndex[index];
                    if (m >= 0)
                    {
                        covered++;
                        if ((tumorBits[m >> 6] & (1UL << (m & 63))) != 0)
                        {
                            tumor++;
                        }
                    }
                    else
                    {
                        healthy++;
                    }

                    if (protectedLabels[index] != 0)
                    {
                        inside++;
                    }

                    deficit = Math.Max(deficit, deficits[index]);
                }
            }

            foreach (var index in _touched)
            {
                _mark[index] = 0;
            }

            _touched.Clear();
            var coverage = (double)covered / crop.GrownVoxels.Length;
            var spacing = MaximumSpacingKept([.. chosen.Select(c => c.Tip)]);
            var score = Score(chosen.Count, coverage, healthy, inside, deficit, spacing);
            return new Layout([.. chosen.Select(c => c.Probe)], chosen[0].Group, coverage, Math.Max(0, request.CoverageThreshold - coverage), tumor, healthy, inside, deficit, spacing, score);
        }

        /// <summary>Fills <paramref name="into"/> with the crop index of every voxel whose centre lies in the probe's zone.</summary>
        private void Collect(AblationProbe probe, AblationZoneShape shape, List<int> into)
        {
            into.Clear();
            var g = crop.Full;
            var ellipsoid = new TableEllipsoid(probe.Tip, probe.Axis, shape);
            if (!ellipsoid.TryIndexBox(g, out var lo, out var hi))
            {
                return;
            }

            int i0 = Math.Max(lo.I, crop.Lo.I), j0 = Math.Max(lo.J, crop.Lo.J), k0 = Math.Max(lo.K, crop.Lo.K);
            int i1 = Math.Min(hi.I, crop.Lo.I + crop.Ni - 1), j1 = Math.Min(hi.J, crop.Lo.J + crop.Nj - 1), k1 = Math.Min(hi.K, crop.Lo.K + crop.Nk - 1);

            // The hot loop of the search, written out on doubles: the same test as TableEllipsoid.Contains with the
            // voxel centre stepped along the row (it can differ from the table model only for a centre within
            // rounding of the surface).
            var step = g.IndexToWorld(new VoxelIndex(1, 0, 0)) - g.IndexToWorld(new VoxelIndex(0, 0, 0));
            double dx = step.X, dy = step.Y, dz = step.Z;
            double ux = ellipsoid.Axis.X, uy = ellipsoid.Axis.Y, uz = ellipsoid.Axis.Z;
            double ia2 = ellipsoid.InverseA2, ib2 = ellipsoid.InverseB2;
            var centre = ellipsoid.Centre;
            for (var k = k0; k <= k1; k++)
            {
                for (var j = j0; j <= j1; j++)
                {
                    if (!ellipsoid.RowRange(g, j, k, i0, i1, out var first, out var last))
                    {
                        continue;
                    }

                    var row = crop.Linear(-crop.Lo.I, j - crop.Lo.J, k - crop.Lo.K);
                    var start = g.IndexToWorld(new VoxelIndex(0, j, k));
                    double bx = start.X - centre.X, by = start.Y - centre.Y, bz = start.Z - centre.Z;
                    for (var i = first; i <= last; i++)
                    {
                        double vx = bx + (i * dx), vy = by + (i * dy), vz = bz + (i * dz);
                        var along = (vx * ux) + (vy * uy) + (vz * uz);
                        var across2 = Math.Max(0, (vx * vx) + (vy * vy) + (vz * vz) - (along * along));
                        if ((along * along * ia2) + (across2 * ib2) <= 1)
                        {
                            into.Add(row + i);
                        }
                    }
                }
            }
        }

        private static void Or(ulong[] into, ulong[] bits)
        {
            for (var w = 0; w < into.Length; w++)
            {
                into[w] |= bits[w];
            }
        }

        private static double Binomial(int n, int k)
        {
            double result = 1;
            for (var i = 1; i <= k; i++)
            {
                result = result * (n - k + i) / i;
            }

            return result;
        }
    }
}
