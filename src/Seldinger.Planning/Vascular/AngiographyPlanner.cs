using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;
using Seldinger.Planning.Plans;
using static Seldinger.Planning.Internal.PlanParts;
using static Seldinger.Planning.Vascular.Internal.VascularParts;

namespace Seldinger.Planning.Vascular;

/// <summary>
/// Plans an angiography (diagnostic study, angioplasty, aneurysm or malformation embolization) on a contrast-enhanced
/// CT: segments the arteries, extracts their centrelines, routes the catheter from the access artery to the target,
/// measures a stenosis or an aneurysm at the target and checks the sheath against the access artery.
/// </summary>
/// <remarks>
/// <para>
/// Segmentation: region growing from the access point over voxels between 250 and 700 HU (arterial phase; see
/// <see cref="VesselSegmentationOptions"/>), cross-checked against the label map's Artery and Aneurysm labels
/// where the label map has them (a caution when under 90 % of the grown lumen carries them: a leak).
/// Access: <see cref="PlanningInput.ManualEntry"/> when given (the operator's puncture point on the artery),
/// else the first of the right and left femoral and radial artery landmarks that lies in the image; when none
/// does, the catheter is taken to arrive through the abdominal (or ascending) aorta landmark, with a note.
/// </para>
/// <para>
/// Centrelines: <see cref="CentrelineExtraction"/> from the access (TEASAR). The catheter route is the centred minimal
/// path from the access to the target. At the target: when it lies on an Aneurysm label, the aneurysm is measured
/// against a virtual parent artery through it (<see cref="AneurysmMorphology"/>); otherwise the target vessel —
/// the centreline between the junctions that bracket the target, without the ostium (the parent's radius + 1 mm)
/// — is profiled every voxel spacing (<see cref="LumenProfile"/>) and the tightest narrowing quantified against the
/// normal segments proximal and distal to it (<see cref="StenosisAnalysis"/>).
/// </para>
/// <para>
/// Sheath: outer diameter (1 F = ⅓ mm) over the access artery's measured lumen diameter, against the catalogue's
/// <c>sheathToArteryRatioMax</c>; a larger ratio is a danger warning.
/// </para>
/// </remarks>
public static class AngiographyPlanner
{
    private const string PlannerName = "angiography";

    /// <summary>Access artery landmarks in order of preference (femoral first: the usual pediatric access; radial where the data has it).</summary>
    private static readonly string[] AccessLandmarks = ["right-femoral-artery", "left-femoral-artery", "right-radial-artery", "left-radial-artery"];

    /// <summary>Where the catheter enters an image that does not hold an access artery.</summary>
    private static readonly string[] InflowLandmarks = ["aorta-abdominal", "aorta-ascending"];

    /// <summary>Plans the input's procedure.</summary>
    /// <exception cref="PlanningException">No CT, no target, an access point or target outside the contrast-filled arteries, or a CT without arterial contrast.</exception>
    public static ProcedurePlan Plan(PlanningInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var procedure = input.Procedure;
        var labels = input.Labels ?? throw new PlanningException("The planning input has no label map.");
        var ct = input.Hounsfield ?? throw new PlanningException(
            "Angiography planning segments the contrast-filled arteries from the CT, but the input has no CT in Hounsfield units. Give the arterial-phase CT angiogram.");
        var g = ct.Geometry;
        RequireMeasurableGrid(g, "CT");
        if (labels.Geometry != g)
        {
            throw new PlanningException("The label map and the CT are on different grids; resample the labels onto the CT first.");
        }

        var target = input.Target ?? throw new PlanningException("No target was given: place the point the catheter must reach (the stenosis, aneurysm or malformation).");
        if (!Inside(g, target))
        {
            throw new PlanningException($"The target ({target}) lies outside the image.");
        }

        var warnings = new List<PlanWarning>();
        var measurements = new List<PlanMeasurement>();
        var points = new List<PlanPoint>();
        var polylines = new List<PlanPolyline>();
        var options = new VesselSegmentationOptions();
        var (accessName, accessPoint) = ChooseAccess(input, warnings);
        var seed = VesselSegmentation.FindSeed(ct, accessPoint, options) ?? throw NoSeed(ct, labels, accessName, accessPoint, options);
        var segmentation = VesselSegmentation.Grow(ct, seed, options);
        var lumen = segmentation.Mask;
        if (segmentation.BudgetExhausted)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Danger, "segmentation-leak",
                "The artery segmentation stopped at its size limit: it has leaked into other tissue, so routes and measurements are unreliable."));
        }

        CrossCheck(labels, lumen, segmentation.VoxelCount, warnings, measurements);
        var wall = VesselLumen.WallDistance(lumen);
        var targetVoxel = VesselLumen.Nearest(lumen, target, 5, wall) ?? throw new PlanningException(
            $"The target ({target}) is not in, or within 5 mm of, the contrast-filled arteries reached from the {accessName}. Check the target, or the access: the arteries between them must be enhanced, inside the image and at least about two voxels ({F(Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK)), 2)} mm here) wide.");
        var tree = CentrelineExtraction.Extract(lumen, wall, seed);
        var smoothing = Math.Max(1, 2 * Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK)));
        var route = VesselPolyline.Smooth(VesselPolyline.ToWorld(g, tree.Paths.PathTo(targetVoxel)), smoothing);
        var routeLength = VesselPolyline.Length(route);
        for (var b = 0; b < tree.Branches.Count; b++)
        {
            polylines.Add(new PlanPolyline($"centreline {b + 1}", "centreline", VesselPolyline.Smooth(tree.Branches[b].Points, smoothing)));
        }

        polylines.Add(new PlanPolyline($"catheter route from the {accessName}", "route", route));
        points.Add(new PlanPoint(accessName, "access", g.IndexToWorld(seed)));
        points.Add(new PlanPoint("target", "target", target));
        measurements.Add(new PlanMeasurement("catheter route length", routeLength, "mm", $"centred path along the arteries from the {accessName} to the target"));
        measurements.Add(new PlanMeasurement("centreline branches", tree.Branches.Count, "count"));
        var catheter = procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Catheter);
        if (catheter?.LengthMm is { } available && routeLength > available)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "catheter-too-short",
                $"The route is {F(routeLength / 10, 0)} cm long, more than the default catheter's {F(available / 10, 0)} cm; choose a longer catheter.", null, 0));
        }

        var sheathSafe = CheckSheath(procedure, lumen, g.IndexToWorld(seed), accessName, warnings, measurements);
        var labelAtTarget = (TissueLabel)labels[targetVoxel];
        var aneurysm = AneurysmComponent(labels, target);
        if (aneurysm is not null)
        {
            MeasureAneurysm(tree, lumen, aneurysm, target, warnings, measurements, points);
        }
        else if (labelAtTarget != TissueLabel.Aneurysm)
        {
            MeasureStenosis(tree, lumen, target, warnings, measurements, points);
        }

        var catheterRoute = new PlannedRoute("catheter", route, routeLength, null, Finite(-routeLength / 100), sheathSafe, [],
            $"{accessName} to the target along the arterial centrelines");
        return ProcedurePlan.Begin(input, PlannerName, input.ManualEntry is null ? "automatic" : "manual", sheathSafe) with
        {
            Target = target,
            Routes = [catheterRoute],
            CandidatesConsidered = 1,
            Warnings = warnings,
            Measurements = measurements,
            Points = points,
            Polylines = polylines,
            Devices = procedure.Devices,
        };
    }

    private static (string Name, WorldPoint Point) ChooseAccess(PlanningInput input, List<PlanWarning> warnings)
    {
        var g = input.Labels.Geometry;
        if (input.ManualEntry is { } manual)
        {
            if (!Inside(g, manual))
            {
                throw new PlanningException($"The access point ({manual}) lies outside the image.");
            }

            return ("chosen access point", manual);
        }

        foreach (var name in AccessLandmarks)
        {
            if (input.Landmark(name) is { } lm && Inside(g, lm.Point))
            {
                return (Words(name), lm.Point);
            }
        }

        foreach (var name in InflowLandmarks)
        {
            if (input.Landmark(name) is { } lm && Inside(g, lm.Point))
            {
                warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "access-outside-image",
                    $"No access artery (femoral, radial) lies in the image: the route starts where the catheter arrives, the {Words(name)}, and its length excludes the way from the puncture."));
                return (Words(name), lm.Point);
            }
        }

        throw new PlanningException("No access artery is known: the image holds no femoral or radial artery landmark (nor the aorta). Give the access point on the artery.");
    }

    private static PlanningException NoSeed(Volume<short> ct, Volume<byte> labels, string accessName, WorldPoint point, VesselSegmentationOptions options)
    {
        var g = ct.Geometry;
        if (g.TryGetVoxel(point, out var v))
        {
            var label = (TissueLabel)labels[v];
            if (label is TissueLabel.Artery or TissueLabel.Aneurysm && ct[v] < options.LowerHu)
            {
                return new PlanningException(
                    $"The {accessName} measures {ct[v]} HU, below the {options.LowerHu} HU of contrast-filled arteries: the CT has no arterial contrast. Plan on an arterial-phase CT angiogram.");
            }
        }

        return new PlanningException(
            $"The {accessName} ({point}) is not in a contrast-filled artery: no voxel within {F(options.SeedSearchRadiusMm)} mm measures {options.LowerHu}–{options.UpperHu} HU. Place the access point on the artery.");
    }

    private static void CrossCheck(Volume<byte> labels, Volume<byte> lumen, long count, List<PlanWarning> warnings, List<PlanMeasurement> measurements)
    {
        if (!HasLabel(labels, TissueLabel.Artery))
        {
            return;
        }

        long agree = 0;
        var l = labels.Voxels;
        var m = lumen.Voxels;
        for (var n = 0; n < m.Length; n++)
        {
            if (m[n] != 0 && (l[n] == (byte)TissueLabel.Artery || l[n] == (byte)TissueLabel.Aneurysm))
            {
                agree++;
            }
        }

        var fraction = count > 0 ? (double)agree / count : 0;
        measurements.Add(new PlanMeasurement("segmented lumen labelled artery", 100 * fraction, "%", "share of the grown lumen that the label map calls Artery or Aneurysm"));
        if (fraction < 0.9)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "segmentation-disagrees",
                $"Only {F(100 * fraction)} % of the segmented lumen is labelled artery: the growth may have reached other enhancing tissue (kidney, bone marrow, veins). Check the centrelines."));
        }
    }

    private static readonly double[] AxisSearchRadiiMm = [6, 12, 18, 24];

    private static bool CheckSheath(ProcedureDefinition procedure, Volume<byte> lumen, WorldPoint access, string accessName, List<PlanWarning> warnings, List<PlanMeasurement> measurements)
    {
        var sheath = procedure.Devices.FirstOrDefault(d => d.Kind == DeviceKind.Sheath && d.French is > 0);
        if (sheath is null)
        {
            return true;
        }

        // The axis estimate needs a sphere wider than the vessel (a sphere inside a wide aorta sees no direction), and
        // an oblique cut is always larger than the perpendicular one: take the smallest section over growing spheres.
        CrossSection? section = null;
        foreach (var radius in AxisSearchRadiiMm)
        {
            if (VesselAxis.Estimate(lumen, access, radius) is { } axis
                && VesselCrossSection.Measure(lumen, access, axis, 15) is { AreaMm2: > 0 } cut
                && (section is null || cut.AreaMm2 < section.AreaMm2))
            {
                section = cut;
            }
        }

        if (section is null)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "access-not-measured", $"The {accessName} could not be measured, so the sheath size is not checked."));
            return true;
        }

        var outer = FrenchToMm(sheath.French!.Value);
        var ratio = outer / section.EquivalentDiameterMm;
        measurements.Add(new PlanMeasurement("access artery diameter", section.EquivalentDiameterMm, "mm", $"equivalent diameter of the {accessName} cross-section"));
        measurements.Add(new PlanMeasurement("sheath-to-artery ratio", ratio, "ratio", $"{F(sheath.French.Value)} F sheath, {F(outer, 2)} mm outer diameter"));
        var max = OptionalParameter(procedure, "sheathToArteryRatioMax");
        if (max is null)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "sheath-not-checked",
                $"The catalogue entry '{procedure.Id}' has no sheathToArteryRatioMax, so the sheath size is not checked against the artery."));
            return true;
        }

        if (ratio > max.Value)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Danger, "sheath-too-large",
                $"The {F(sheath.French.Value)} F sheath ({F(outer, 2)} mm) is too large for the {accessName} ({F(section.EquivalentDiameterMm, 2)} mm): sheath-to-artery ratio {F(ratio, 2)} is over the limit of {F(max.Value, 2)}. Use a smaller sheath or another access.",
                "Artery", 0));
            return false;
        }

        return true;
    }

    /// <summary>The connected Aneurysm voxels nearest the target (within 3 mm), as a mask, or null.</summary>
    private static Volume<byte>? AneurysmComponent(Volume<byte> labels, WorldPoint target)
    {
        var sac = VesselLumen.MaskOf(labels, (byte)TissueLabel.Aneurysm);
        var start = VesselLumen.Nearest(sac, target, 3);
        if (start is null)
        {
            return null;
        }

        var g = labels.Geometry;
        var mask = new Volume<byte>(g);
        var stack = new Stack<VoxelIndex>();
        stack.Push(start.Value);
        mask[start.Value] = 1;
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            foreach (var q in new[] { p with { I = p.I - 1 }, p with { I = p.I + 1 }, p with { J = p.J - 1 }, p with { J = p.J + 1 }, p with { K = p.K - 1 }, p with { K = p.K + 1 } })
            {
                if (g.Contains(q) && sac[q] != 0 && mask[q] == 0)
                {
                    mask[q] = 1;
                    stack.Push(q);
                }
            }
        }

        return mask;
    }

    private static void MeasureStenosis(CentrelineTree tree, Volume<byte> lumen, WorldPoint target, List<PlanWarning> warnings, List<PlanMeasurement> measurements, List<PlanPoint> points)
    {
        var (b, index, _) = tree.Nearest(target);
        var branch = tree.Branches[b];
        var junctions = tree.JunctionsOn(b);
        var start = junctions.Where(j => j < index).DefaultIfEmpty(0).Max();
        var end = junctions.Where(j => j > index).DefaultIfEmpty(branch.Points.Count - 1).Min();
        var pts = branch.Points;
        var arcs = VesselPolyline.ArcLengths(pts);
        var radii = branch.RadiiMm;

        // A branch traced from the access runs through the parent vessel first (e.g. the aorta before a renal
        // artery): the target vessel starts where the lumen is no longer more than twice as wide as distal to the target.
        var distal = radii.Skip(index).Take(end - index + 1).Order().ToList();
        var proximalParent = start > 0 || branch.Parent >= 0;
        if (distal.Count >= 5)
        {
            var reference = distal[distal.Count / 2];
            for (var n = index; n > start; n--)
            {
                if (radii[n] > 2 * reference)
                {
                    start = n;
                    proximalParent = true;
                    break;
                }
            }
        }

        // Leave out the ostium (the parent vessel's lumen around the junction) and the branch's end.
        var startAt = proximalParent ? arcs[start] + radii[start] + 1 : arcs[start];
        var endAt = end < pts.Count - 1 ? arcs[end] - branch.RadiiMm[end] - 1 : arcs[end] - branch.RadiiMm[end] - 1;
        var segment = Enumerable.Range(start, end - start + 1).Where(n => arcs[n] >= startAt && arcs[n] <= endAt).Select(n => pts[n]).ToList();
        var g = lumen.Geometry;
        if (segment.Count < 3 || VesselPolyline.Length(segment) < 4 * g.MinimumSpacing)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "stenosis-not-measured", "The target vessel segment is too short to profile, so no stenosis is measured."));
            return;
        }

        var radius = branch.RadiiMm.Skip(start).Take(end - start + 1).Order().ElementAt((end - start) / 2);
        var smooth = VesselPolyline.Smooth(segment, Math.Max(1, 2 * g.MinimumSpacing));
        var profile = LumenProfile.Measure(lumen, smooth, g.MinimumSpacing, Math.Max(2.5 * radius, 3), Math.Max(1, 3 * g.MinimumSpacing));
        StenosisMeasurement s;
        try
        {
            s = StenosisAnalysis.Analyse(profile);
        }
        catch (ArgumentException)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "stenosis-not-measured", "Too few measurable cross-sections along the target vessel, so no stenosis is measured."));
            return;
        }

        var note = $"target vessel profiled every {F(g.MinimumSpacing, 2)} mm over {F(VesselPolyline.Length(smooth))} mm; reference: {s.Reference}";
        measurements.Add(new PlanMeasurement("minimal lumen diameter", s.MinimalLumenDiameterMm, "mm", "equivalent diameter of the smallest cross-section"));
        measurements.Add(new PlanMeasurement("minimal lumen area", s.MinimalLumenAreaMm2, "mm²"));
        measurements.Add(new PlanMeasurement("reference diameter", s.ReferenceDiameterMm, "mm", note));
        measurements.Add(new PlanMeasurement("reference area", s.ReferenceAreaMm2, "mm²"));
        measurements.Add(new PlanMeasurement("stenosis, diameter", s.DiameterStenosisPercent, "%", "100 · (1 − minimal lumen diameter / reference diameter)"));
        measurements.Add(new PlanMeasurement("stenosis, area", s.AreaStenosisPercent, "%", "100 · (1 − minimal lumen area / reference area)"));
        measurements.Add(new PlanMeasurement("lesion length", s.LesionEndMm - s.LesionStartMm, "mm", "run of cross-sections under 90 % of the normal diameter"));
        points.Add(new PlanPoint("minimal lumen diameter", "lesion", s.MinimumPoint, s.MinimalLumenDiameterMm));
        var coarsest = Math.Max(g.SpacingI, Math.Max(g.SpacingJ, g.SpacingK));
        if (s.MinimalLumenDiameterMm < 3 * coarsest)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Caution, "coarse-voxels",
                $"The narrowest lumen ({F(s.MinimalLumenDiameterMm, 2)} mm) spans fewer than 3 voxels of {F(coarsest, 2)} mm: partial volume makes the stenosis uncertain (usually underestimated). Measure on thinner slices."));
        }
    }

    private static void MeasureAneurysm(CentrelineTree tree, Volume<byte> lumen, Volume<byte> aneurysm, WorldPoint target, List<PlanWarning> warnings, List<PlanMeasurement> measurements, List<PlanPoint> points)
    {
        var g = lumen.Geometry;
        var (b, _, _) = tree.Nearest(target);
        var pts = tree.Branches[b].Points;

        // The parent artery runs through the aneurysm: its last normal point before it and first after it.
        var near = pts.Select(p => NearAneurysm(aneurysm, p, 1)).ToArray();
        var first = Array.IndexOf(near, true);
        var last = Array.LastIndexOf(near, true);
        if (first <= 0 || last < 0 || last >= pts.Count - 1)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "aneurysm-parent-unknown",
                "The parent artery is not seen on both sides of the aneurysm, so the neck and dome are not measured."));
            var whole = AneurysmMorphology.Measure(aneurysm, pts[0], pts[^1] + new Vector3D(0, 0, 1e-3), 1);
            measurements.Add(new PlanMeasurement("aneurysm maximum diameter", whole.MaximumDiameterMm, "mm"));
            measurements.Add(new PlanMeasurement("aneurysm volume", whole.VolumeMl, "mL"));
            return;
        }

        var arcs = VesselPolyline.ArcLengths(pts);
        var before = Enumerable.Range(0, first).Where(n => arcs[first - 1] - arcs[n] is >= 1 and <= 4).Select(n => pts[n]).ToList();
        var after = Enumerable.Range(last + 1, pts.Count - last - 1).Where(n => arcs[n] - arcs[last + 1] is >= 1 and <= 4).Select(n => pts[n]).ToList();
        var diameters = new List<double>();
        foreach (var seg in new[] { before, after })
        {
            if (seg.Count < 2)
            {
                continue;
            }

            diameters.AddRange(LumenProfile.Measure(lumen, seg, g.MinimumSpacing, 6, Math.Max(1, 3 * g.MinimumSpacing))
                .Where(s => !s.Section.Truncated && s.Section.AreaMm2 > 0).Select(s => s.Section.EquivalentDiameterMm));
        }

        if (diameters.Count == 0)
        {
            warnings.Add(new PlanWarning(PlanWarningSeverity.Info, "aneurysm-parent-unknown", "The parent artery next to the aneurysm could not be measured, so the neck and dome are not measured."));
            return;
        }

        var parent = diameters.Order().ElementAt(diameters.Count / 2);
        var m = AneurysmMorphology.Measure(aneurysm, pts[first - 1], pts[last + 1], parent);
        measurements.Add(new PlanMeasurement("aneurysm maximum diameter", m.MaximumDiameterMm, "mm", "largest distance across the aneurysm"));
        measurements.Add(new PlanMeasurement("aneurysm volume", m.VolumeMl, "mL", "Aneurysm label, including the parent lumen through it"));
        measurements.Add(new PlanMeasurement("aneurysm sac volume", m.SacVolumeMl, "mL", "outside the virtual parent artery"));
        measurements.Add(new PlanMeasurement("aneurysm neck width", m.NeckWidthMm, "mm", "largest extent of the sac's contact with the virtual parent artery"));
        measurements.Add(new PlanMeasurement("aneurysm dome height", m.DomeHeightMm, "mm", "farthest reach of the sac from the parent artery's wall"));
        measurements.Add(new PlanMeasurement("aneurysm dome-to-neck ratio", Finite(m.AspectRatio), "ratio"));
        measurements.Add(new PlanMeasurement("parent artery diameter", parent, "mm", "median equivalent diameter 1–4 mm proximal and distal to the aneurysm"));
        points.Add(new PlanPoint("aneurysm dome", "lesion", m.DomeTip, m.MaximumDiameterMm));
    }

    private static bool NearAneurysm(Volume<byte> aneurysm, WorldPoint p, double radiusMm) => VesselLumen.Nearest(aneurysm, p, radiusMm) is not null;
}
