using Seldinger.Imaging;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Internal.PlanParts;
using static Seldinger.Planning.Vascular.Internal.VascularParts;

namespace Seldinger.Planning.Vascular;

/// <summary>
/// Plans central venous access (PICC, implanted port, tunneled dialysis catheter): chooses the vein, checks the
/// catheter size against it, and measures the catheter route and length to the cavo-atrial junction.
/// </summary>
/// <remarks>
/// <para>
/// Candidates are the vein landmarks suited to the procedure, in order of preference (see <see cref="CandidatesFor"/>).
/// For each one the planner snaps the landmark to the Vein label, estimates the vessel axis from the lumen
/// voxels around it, measures the cross-section perpendicular to it (equivalent diameter, sub-voxel sampling),
/// the depth of its centre below the skin, the gap from its wall to the nearest artery and nerve, and the
/// catheter-to-vein ratio = catheter outer diameter (1 F = ⅓ mm) / vein diameter against the catalogue's
/// <c>catheterToVeinRatioMax</c>. A vein too small for the catalogue's default catheter is kept with the largest
/// standard size that fits (warning <c>catheter-downsized</c>), or rejected when none fits.
/// </para>
/// <para>
/// The catheter route is the centred minimal path through the Vein label from the puncture point to the
/// cavo-atrial junction (<see cref="CentredPathTree"/>, one tree grown from the junction serves every
/// candidate), smoothed over ±2 mm to remove the voxel staircase. Its length plus the skin-to-vein needle tract
/// is the catheter length, rounded up to the next centimetre as the trimmed length. The expected tip is the
/// junction; its height below the carina is the radiographic check. The puncture is the best straight path
/// from the skin to the vein centre that avoids the procedure's protected structures (<see cref="EntryPlanner"/>).
/// </para>
/// <para>
/// Ranking: preference group first (e.g. internal jugular before subclavian before femoral), then the score
/// <c>−w_ratio · ratio − w_short · length/100 mm − depth/100 mm + min(artery gap, 10 mm)/20 mm + min(nerve gap, 10 mm)/40 mm</c>
/// (weights from the catalogue's objectives), right side before left on ties. A target point given with the input
/// that lies on a candidate vein marks the doctor's choice, which ranks first when acceptable.
/// </para>
/// </remarks>
public static class VascularAccessPlanner
{
    private const string PlannerName = "vascular-access";
    private const string JunctionName = "cavo-atrial-junction";
    private const string CarinaName = "carina";

    /// <summary>Standard outer sizes (F) of PICCs and port catheters offered when the default is too large.</summary>
    private static readonly double[] LineSizes = [2, 3, 4, 5, 6];

    /// <summary>Standard outer sizes (F) of tunneled dialysis catheters.</summary>
    private static readonly double[] DialysisSizes = [8, 10, 11.5, 12.5, 14.5];

    /// <summary>
    /// The candidate veins of a procedure with their preference group (lower is preferred), following the central-lines
    /// row of the IR domain reference (DOMAIN.md: vein choice by diameter and catheter size): a PICC goes in an arm vein,
    /// basilic first, then brachial (Chopra V et al., the Michigan Appropriateness Guide for Intravenous Catheters,
    /// Ann Intern Med 2015;163(6 Suppl):S1–S40); ports and dialysis catheters in the internal jugular vein, right first,
    /// then the subclavian, with the femoral vein as the fallback (Lok CE et al., KDOQI Clinical Practice Guideline for
    /// Vascular Access: 2019 Update, Am J Kidney Dis 2020;75(4 Suppl 2):S1–S164).
    /// </summary>
    public static IReadOnlyList<(string Landmark, int Group)> CandidatesFor(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return procedure.Id switch
        {
            "picc" => [("right-basilic-vein", 0), ("left-basilic-vein", 0), ("right-brachial-vein", 1), ("left-brachial-vein", 1)],
            _ =>
            [
                ("right-internal-jugular-vein", 0), ("left-internal-jugular-vein", 0),
                ("right-subclavian-vein", 1), ("left-subclavian-vein", 1),
                ("right-femoral-vein", 2), ("left-femoral-vein", 2),
            ],
        };
    }

    /// <summary>Plans the input's procedure.</summary>
    /// <exception cref="PlanningException">No Vein label, no cavo-atrial junction landmark (or not on a vein), a sheared grid, or a catalogue entry without its catheter or ratio.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var labels = input.Labels ?? throw new PlanningException("The planning input has no label map.");
        var g = labels.Geometry;
        RequireMeasurableGrid(g, "label map");
        var ratioMax = Parameter(procedure, "catheterToVeinRatioMax");
        var catheter = procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Catheter && d.French is > 0)
            ?? throw new PlanningException($"The procedure catalogue entry '{procedure.Id}' names no catheter with a French size; add one to the catalogue.");
        var defaultFrench = catheter.French!.Value;
        if (!HasLabel(labels, TissueLabel.Vein))
        {
            throw new PlanningException("The label map has no Vein label: central venous access is planned on segmented veins. Segment the veins (label Vein) first.");
        }

        var junction = input.Landmark(JunctionName)
            ?? throw new PlanningException("The landmark 'cavo-atrial-junction' is missing: the catheter route, its length and the tip position are measured to it. Place it where the superior vena cava meets the right atrium.");
        if (!Inside(g, junction.Point))
        {
            throw new PlanningException($"The cavo-atrial junction ({junction.Point}) lies outside the image; the series must cover the route from the puncture to the junction.");
        }

        var lumen = VesselLumen.MaskOf(labels, (byte)TissueLabel.Vein);
        var wall = VesselLumen.WallDistance(lumen);
        var junctionVoxel = VesselLumen.Nearest(lumen, junction.Point, 5, wall)
            ?? throw new PlanningException($"No vein lies within 5 mm of the cavo-atrial junction landmark ({junction.Point}); check the landmark or the Vein label.");
        var paths = CentredPathTree.Build(lumen, wall, junctionVoxel);
        var skin = EuclideanDistanceTransform.Compute(labels, (byte)TissueLabel.Skin);
        var structures = procedure.ToProtectedStructures();
        var evaluator = new NeedlePathEvaluator(labels, structures);
        NeedlePathEvaluator? bare = null;
        var sizes = (procedure.Id.Contains("dialysis", StringComparison.Ordinal) ? DialysisSizes : LineSizes).Where(s => s < defaultFrench).ToArray();
        var needleLength = procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Needle)?.LengthMm ?? 70;
        var coarsest = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        var smoothing = Math.Max(2, 3 * coarsest);
        var wRatio = Weight(procedure, ObjectiveKind.CatheterToVeinRatio);
        var wShort = Weight(procedure, ObjectiveKind.ShortPath);

        var rejections = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<Vein>();
        var candidates = CandidatesFor(procedure);
        var chosenByDoctor = DoctorsChoice(input, candidates, lumen);
        foreach (var (name, group) in candidates)
        {
            var landmark = input.Landmark(name);
            if (landmark is null)
            {
                Count(rejections, "no landmark for the vein");
                continue;
            }

            if (!Inside(g, landmark.Point))
            {
                Count(rejections, "vein outside the image");
                continue;
            }

            var searchMm = Math.Max(3, 0.75 * (landmark.DiameterMm ?? 4));
            var snapped = VesselLumen.Nearest(lumen, landmark.Point, searchMm, wall);
            if (snapped is null)
            {
                Count(rejections, "no Vein label at the landmark");
                continue;
            }

            var section = MeasureVein(lumen, wall, g.IndexToWorld(snapped.Value));
            var fromLandmark = false;
            if (section is null || section.EquivalentDiameterMm < 2 * coarsest)
            {
                // Too few voxels across the vein to measure it: the landmark's diameter stands in, with a caution.
                if (landmark.DiameterMm is not { } known || known <= 0)
                {
                    Count(rejections, "vein lumen not measurable");
                    continue;
                }

                var at = g.IndexToWorld(snapped.Value);
                var axis = VesselAxis.Estimate(lumen, at, Math.Max(4, 2 * known)) ?? Vector3D.UnitZ;
                section = new CrossSection(at, axis, Math.PI / 4 * known * known, known, known, known, at, false);
                fromLandmark = true;
            }

            var puncture = VesselLumen.Nearest(lumen, section.Centroid, 2, wall) ?? snapped.Value;
            if (!paths.Reaches(puncture))
            {
                Count(rejections, "no venous path to the cavo-atrial junction");
                continue;
            }

            var diameter = section.EquivalentDiameterMm;
            var french = defaultFrench;
            var ratio = FrenchToMm(french) / diameter;
            string? downsized = null;
            if (ratio > ratioMax)
            {
                var fits = sizes.Where(s => FrenchToMm(s) / diameter <= ratioMax).DefaultIfEmpty(0).Max();
                if (fits <= 0)
                {
                    Count(rejections, $"catheter-to-vein ratio over {F(ratioMax, 2)} at every standard size");
                    continue;
                }

                Count(rejections, $"catheter-to-vein ratio over {F(ratioMax, 2)} with the default {F(defaultFrench)} F (smaller size proposed)");
                downsized = $"The default {F(defaultFrench)} F catheter ({F(FrenchToMm(defaultFrench), 2)} mm) is too large for the {Words(name)} ({F(diameter, 2)} mm): "
                    + $"catheter-to-vein ratio {F(ratio, 2)} is over the limit of {F(ratioMax, 2)}. The largest standard size that fits is {F(fits)} F (ratio {F(FrenchToMm(fits) / diameter, 2)}).";
                french = fits;
                ratio = FrenchToMm(french) / diameter;
            }

            var route = VesselPolyline.Smooth(VesselPolyline.ToWorld(g, [.. paths.PathTo(puncture).Reverse()]), smoothing);
            var routeLength = VesselPolyline.Length(route);
            var centre = section.Centroid;
            var depth = skin.Geometry.TryGetVoxel(centre, out var sv) ? skin[sv] : double.NaN;
            var arteryGap = Gap(evaluator, TissueLabel.Artery, centre, diameter);
            var nerveGap = Gap(evaluator, TissueLabel.Nerve, centre, diameter);
            var needle = Puncture(labels, evaluator, ref bare, centre, section.Axis, needleLength);
            if (needle is null)
            {
                Count(rejections, "no straight puncture path from the skin");
                continue;
            }

            var score = (-wRatio * ratio) - (wShort * routeLength / 100) - (Finite(depth) / 100)
                + (Math.Min(arteryGap ?? 10, 10) / 20) + (Math.Min(nerveGap ?? 10, 10) / 40);
            var rank = name == chosenByDoctor ? -1 : group;
            accepted.Add(new Vein(name, landmark, rank, section, fromLandmark, french, ratio, downsized, route, routeLength, depth, arteryGap, nerveGap, needle, score));
        }

        var ranked = accepted
            .OrderBy(v => v.Group)
            .ThenByDescending(v => Math.Round(v.Score, 6))
            .ThenBy(v => v.Name.StartsWith("right", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        return Assemble(input, ranked, rejections, candidates.Count, junction, ratioMax, catheter, defaultFrench, chosenByDoctor);
    }

    private static ProcedurePlan Assemble(
        PlanningInput input,
        List<Vein> ranked,
        Dictionary<string, int> rejections,
        int considered,
        PlanLandmark junction,
        double ratioMax,
        ProcedureDevice catheter,
        double defaultFrench,
        string? chosenByDoctor)
    {
        var procedure = input.Procedure;
        var g = input.Labels.Geometry;
        var warnings = new List<PlanWarning>();
        var measurements = new List<PlanMeasurement>();
        var points = new List<PlanPoint>();
        var polylines = new List<PlanPolyline>();
        var routes = new List<PlannedRoute>();
        var devices = procedure.Devices.ToList();
        var carina = input.Landmark(CarinaName);
        if (ranked.Count == 0)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Danger, "no-vein",
                $"No candidate vein is acceptable for a {F(defaultFrench)} F {procedure.Name} catheter or any smaller standard size (see the rejections)."));
        }
        else
        {
            var best = ranked[0];
            routes.Add(CatheterRoute(best, true));
            routes.Add(best.Needle.Route);
            foreach (var other in ranked.Skip(1))
            {
                routes.Add(CatheterRoute(other, true));
            }

            if (best.Downsized is not null)
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "catheter-downsized", best.Downsized, "Vein", 0));
                devices[devices.IndexOf(catheter)] = catheter with { French = best.French };
            }

            if (best.DiameterFromLandmark)
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "vein-not-measured",
                    $"The {Words(best.Name)} spans too few voxels ({F(g.SpacingI, 2)} × {F(g.SpacingJ, 2)} × {F(g.SpacingK, 2)} mm) to measure: its landmark diameter of {F(best.Section.EquivalentDiameterMm, 2)} mm is used. Measure the vein by ultrasound before choosing the catheter.", "Vein", 0));
            }

            if (best.Needle.Warning is not null)
            {
                warnings.Add(new PlanWarning(best.Needle.Route.IsSafe ? PlanWarningSeverity.Caution : PlanWarningSeverity.Danger, "puncture-margin", best.Needle.Warning, best.Needle.Structure, 1));
            }

            var skinTract = best.Needle.Route.LengthMm;
            var total = best.RouteLengthMm + skinTract;
            var trimmed = Math.Ceiling(total / 10) * 10;
            if (catheter.LengthMm is { } available && trimmed > available)
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "catheter-too-short",
                    $"The route needs {F(trimmed / 10, 0)} cm of catheter, more than the default catheter's {F(available / 10, 0)} cm; choose a longer catheter.", null, 0));
            }

            var name = Words(best.Name);
            measurements.Add(new PlanMeasurement($"{name} lumen diameter", best.Section.EquivalentDiameterMm, "mm",
                "equivalent diameter of the cross-section perpendicular to the vein axis at the puncture point" + (best.DiameterFromLandmark ? " (too few voxels: landmark diameter used)" : "")
                + (best.Landmark.DiameterMm is { } d ? $"; landmark diameter {F(d, 2)} mm" : "")));
            measurements.Add(new PlanMeasurement("catheter outer diameter", FrenchToMm(best.French), "mm", $"{F(best.French)} F (1 F = 1/3 mm)"));
            measurements.Add(new PlanMeasurement("catheter-to-vein ratio", best.Ratio, "ratio", $"limit {F(ratioMax, 2)} (catalogue catheterToVeinRatioMax)"));
            measurements.Add(new PlanMeasurement("vein depth below the skin", Finite(best.DepthMm), "mm", "vein centre to the nearest skin voxel"));
            if (best.ArteryGapMm is { } ag)
            {
                measurements.Add(new PlanMeasurement("vein wall to nearest artery", ag, "mm"));
            }

            if (best.NerveGapMm is { } ng)
            {
                measurements.Add(new PlanMeasurement("vein wall to nearest nerve", ng, "mm"));
            }

            measurements.Add(new PlanMeasurement("catheter length in the vein", best.RouteLengthMm, "mm", "centred path through the Vein label from the puncture point to the cavo-atrial junction"));
            measurements.Add(new PlanMeasurement("skin-to-vein tract", skinTract, "mm", "puncture needle path"));
            measurements.Add(new PlanMeasurement("catheter length", total, "mm", "skin entry to the cavo-atrial junction"));
            measurements.Add(new PlanMeasurement("trimmed catheter length", trimmed, "mm", "rounded up to the next centimetre"));
            measurements.Add(new PlanMeasurement("needle angle to the vein", best.Needle.AngleToVeinDeg, "deg", "between the needle and the vein axis"));
            var tip = best.Route[^1];
            points.Add(new PlanPoint($"{name} puncture", "puncture", best.Route[0], best.Section.EquivalentDiameterMm));
            points.Add(new PlanPoint("skin entry", "entry", best.Needle.Route.Entry));
            points.Add(new PlanPoint("catheter tip (cavo-atrial junction)", "tip", tip));
            if (carina is not null)
            {
                var below = carina.Point.Z - tip.Z;
                measurements.Add(new PlanMeasurement("tip below the carina", below, "mm", "height of the carina above the expected tip (positive: tip below the carina)"));
                points.Add(new PlanPoint("carina", "reference", carina.Point));
            }
            else
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "no-carina", "The carina landmark is missing, so the tip height below the carina is not given."));
            }

            foreach (var v in ranked)
            {
                measurements.Add(new PlanMeasurement($"{Words(v.Name)} diameter", v.Section.EquivalentDiameterMm, "mm",
                    v.Landmark.DiameterMm is { } ld ? $"landmark {F(ld, 2)} mm" : null));
            }

            polylines.Add(new PlanPolyline($"{name} to the cavo-atrial junction", "centreline", best.Route));
        }

        if (chosenByDoctor is not null && (ranked.Count == 0 || ranked[0].Name != chosenByDoctor))
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "target-vein-rejected",
                $"The vein at the given target, the {Words(chosenByDoctor)}, is not acceptable (see the rejections); the plan proposes another vein."));
        }

        return ProcedurePlan.Begin(input, PlannerName, "automatic", ranked.Count > 0) with
        {
            Target = junction.Point,
            TargetReason = "catheter tip at the cavo-atrial junction",
            Routes = routes,
            CandidatesConsidered = considered,
            Rejections = rejections,
            Warnings = warnings,
            Measurements = measurements,
            Points = points,
            Polylines = polylines,
            Devices = devices,
        };
    }

    private static PlannedRoute CatheterRoute(Vein v, bool safe) =>
        new("catheter", v.Route, v.RouteLengthMm, null, v.Score, safe && v.Needle.Route.IsSafe, [],
            $"{Words(v.Name)} to the cavo-atrial junction, {F(v.French)} F, catheter-to-vein ratio {F(v.Ratio, 2)}");

    /// <summary>The candidate vein nearest the input's target, when the target lies in a vein within 30 mm of a candidate landmark.</summary>
    private static string? DoctorsChoice(PlanningInput input, IReadOnlyList<(string Landmark, int Group)> candidates, Volume<byte> lumen)
    {
        if (input.Target is not { } target || VesselLumen.Nearest(lumen, target, 3) is null)
        {
            return null;
        }

        return candidates
            .Select(c => (c.Landmark, Lm: input.Landmark(c.Landmark)))
            .Where(c => c.Lm is not null && c.Lm.Point.DistanceTo(target) <= 30)
            .OrderBy(c => c.Lm!.Point.DistanceTo(target))
            .Select(c => c.Landmark)
            .FirstOrDefault();
    }

    /// <summary>The vein's cross-section at a lumen point: axis from the lumen around it, then the section re-centred on its centroid.</summary>
    private static CrossSection? MeasureVein(Volume<byte> lumen, Volume<float> wall, WorldPoint point)
    {
        var g = lumen.Geometry;
        var r = g.TryGetVoxel(point, out var v) ? Math.Max(wall[v], (float)g.MinimumSpacing) : g.MinimumSpacing;
        var axis = VesselAxis.Estimate(lumen, point, Math.Max(3 * r, 4));
        if (axis is null)
        {
            return null;
        }

        var limit = Math.Max(4 * r, 6);
        var first = VesselCrossSection.Measure(lumen, point, axis.Value, limit);
        if (first.AreaMm2 <= 0)
        {
            return null;
        }

        var axis2 = VesselAxis.Estimate(lumen, first.Centroid, Math.Max(3 * r, 4)) ?? axis.Value;
        var second = VesselCrossSection.Measure(lumen, first.Centroid, axis2, limit);
        return second.AreaMm2 > 0 && !second.Truncated ? second : null;
    }

    private static double? Gap(NeedlePathEvaluator evaluator, TissueLabel label, WorldPoint centre, double diameter)
    {
        for (var s = 0; s < evaluator.Structures.Count; s++)
        {
            if (evaluator.Structures[s].Label == (byte)label)
            {
                var d = evaluator.DistanceTo(s, centre);
                return double.IsFinite(d) ? Math.Max(0, d - (diameter / 2)) : null;
            }
        }

        return null;
    }

    /// <summary>The best puncture path to the vein centre; when every path breaks a margin, the best path that crosses nothing, flagged unsafe.</summary>
    private static Needle? Puncture(Volume<byte> labels, NeedlePathEvaluator evaluator, ref NeedlePathEvaluator? bare, WorldPoint centre, Vector3D axis, double maxLength)
    {
        var options = new EntryPlannerOptions
        {
            MaximumLengthMm = maxLength,
            AllowedTissues = new HashSet<byte> { (byte)TissueLabel.Skin, (byte)TissueLabel.Fat, (byte)TissueLabel.Muscle, (byte)TissueLabel.Vein },
            MaximumResults = 1,
        };
        var plan = EntryPlanner.Plan(labels, centre, evaluator, options);
        string? warning = null;
        string? structure = null;
        NeedlePathEvaluation chosen;
        if (plan.Ranked.Count > 0)
        {
            chosen = plan.Ranked[0];
        }
        else
        {
            // Without margins: the allowed tissues alone keep the needle out of arteries, nerves, lung and bone.
            bare ??= new NeedlePathEvaluator(labels, []);
            var fallback = EntryPlanner.Plan(labels, centre, bare, options);
            if (fallback.Ranked.Count == 0)
            {
                return null;
            }

            chosen = evaluator.Evaluate(fallback.Ranked[0].Path);
            var worst = chosen.Clearances.Where(c => c.ViolatesMargin).OrderBy(c => c.MinimumDistanceMm - c.Structure.MinimumClearanceMm).FirstOrDefault();
            if (worst is not null)
            {
                structure = worst.Structure.Name;
                warning = $"Every puncture path to this vein passes closer than the margin to a protected structure: the best passes {F(worst.MinimumDistanceMm)} mm from the {worst.Structure.Name.ToLowerInvariant()} (margin {F(worst.Structure.MinimumClearanceMm)} mm). Puncture under real-time ultrasound with the {worst.Structure.Name.ToLowerInvariant()} in view.";
            }
        }

        var angle = Math.Acos(Math.Min(1, Math.Abs(axis.Dot(chosen.Path.Direction)))) * 180 / Math.PI;
        var route = NeedleRoute(chosen, 0, "ultrasound-guided puncture of the vein");
        return new Needle(route, angle, warning, structure);
    }

    private sealed record Needle(PlannedRoute Route, double AngleToVeinDeg, string? Warning, string? Structure);

    private sealed record Vein(
        string Name,
        PlanLandmark Landmark,
        int Group,
        CrossSection Section,
        bool DiameterFromLandmark,
        double French,
        double Ratio,
        string? Downsized,
        IReadOnlyList<WorldPoint> Route,
        double RouteLengthMm,
        double DepthMm,
        double? ArteryGapMm,
        double? NerveGapMm,
        Needle Needle,
        double Score);
}
