using System.Globalization;
using Seldinger.Dicom;
using Seldinger.Dicom.StructuredReporting;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Segmentation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Exports;

/// <summary>Series attributes of a plan report.</summary>
public sealed record PlanReportOptions
{
    /// <summary>SOP Instance UID; generated when absent.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Series Instance UID; generated when absent.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Series Number.</summary>
    public int SeriesNumber { get; init; } = 901;

    /// <summary>Content Date/Time (the moment the plan was made).</summary>
    public DateTimeOffset ContentDateTime { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// Writes a <see cref="ProcedurePlan"/> as a DICOM Comprehensive 3D SR (1.2.840.10008.5.1.4.1.1.88.34) in the study of
/// the planning series, so that a PACS or another workstation keeps the plan's points next to the images.
/// </summary>
/// <remarks>
/// <para>
/// Content tree (PS3.3 C.17.3): a root CONTAINER "Interventional procedure plan" holding, by CONTAINS, the procedure
/// (CODE), the planner, method, catalogue version and digest and feasibility (TEXT), the target (SCOORD3D POINT), one
/// CONTAINER per route (its description, the path as an SCOORD3D POLYLINE in the series' frame of reference, its length and
/// insertion angle as NUM, and one NUM per protected structure clearance, qualified by the structure name), the plan's
/// measurements (NUM, named by a HAS CONCEPT MOD TEXT), points (SCOORD3D POINT) and polylines (SCOORD3D POLYLINE), and the
/// warnings (TEXT, prefixed with their severity).
/// </para>
/// <para>
/// The concepts Seldinger needs have no standard codes, so they are coded in the private scheme <c>99SELD</c> declared in
/// the Coding Scheme Identification Sequence (PS3.16 §8: designators beginning with "99" are for local use); units are UCUM.
/// Coordinates are written as FL (PS3.3 C.18.9.1: Graphic Data of SCOORD3D is 32-bit float) in patient mm.
/// </para>
/// </remarks>
public static class PlanStructuredReport
{
    /// <summary>SOP Class UID of Comprehensive 3D SR Storage.</summary>
    public const string Comprehensive3DSRStorage = "1.2.840.10008.5.1.4.1.1.88.34";

    /// <summary>Designator of the local coding scheme of the plan concepts.</summary>
    public const string Scheme = "99SELD";

    /// <summary>Root concept.</summary>
    public static DicomCode PlanConcept { get; } = new("PLAN", Scheme, "Interventional procedure plan");

    /// <summary>Concept of the procedure item (DCM 121058 "Procedure reported").</summary>
    public static DicomCode ProcedureReported { get; } = new("121058", "DCM", "Procedure reported");

    /// <summary>Concept of the target point.</summary>
    public static DicomCode TargetConcept { get; } = new("TARGET", Scheme, "Target");

    /// <summary>Concept of a route container.</summary>
    public static DicomCode RouteConcept { get; } = new("ROUTE", Scheme, "Planned route");

    /// <summary>Concept of a route's path polyline.</summary>
    public static DicomCode PathConcept { get; } = new("PATH", Scheme, "Route path");

    /// <summary>Concept of a route length.</summary>
    public static DicomCode LengthConcept { get; } = new("LENGTH", Scheme, "Route length");

    /// <summary>Concept of a needle's angle to the axial plane.</summary>
    public static DicomCode AngleConcept { get; } = new("ANGLE", Scheme, "Angle to the axial plane");

    /// <summary>Concept of a clearance to a protected structure.</summary>
    public static DicomCode ClearanceConcept { get; } = new("CLEARANCE", Scheme, "Clearance to structure");

    /// <summary>Concept of the name qualifying a measurement, clearance, point or polyline.</summary>
    public static DicomCode NameConcept { get; } = new("NAME", Scheme, "Name");

    /// <summary>Concept of a plan measurement.</summary>
    public static DicomCode MeasurementConcept { get; } = new("MEASUREMENT", Scheme, "Plan measurement");

    /// <summary>Concept of a named plan point.</summary>
    public static DicomCode PointConcept { get; } = new("POINT", Scheme, "Plan point");

    /// <summary>Concept of a named plan polyline.</summary>
    public static DicomCode PolylineConcept { get; } = new("POLYLINE", Scheme, "Plan polyline");

    /// <summary>Concept of a warning.</summary>
    public static DicomCode WarningConcept { get; } = new("WARNING", Scheme, "Warning");

    /// <summary>Concept of a free-text plan attribute (planner, method, catalogue, feasibility, description).</summary>
    public static DicomCode AttributeConcept { get; } = new("ATTRIBUTE", Scheme, "Plan attribute");

    /// <summary>Builds the SR dataset of <paramref name="plan"/> in the study and frame of reference of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">A coordinate or number of the plan is not finite.</exception>
    public static DicomDataset Create(ProcedurePlan plan, SegmentationSource source, PlanReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        options ??= new PlanReportOptions();
        var date = options.ContentDateTime.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = options.ContentDateTime.UtcDateTime.ToString("HHmmss", CultureInfo.InvariantCulture);
        var frame = source.FrameOfReferenceUid;

        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetString(DicomTags.SOPClassUID, Comprehensive3DSRStorage);
        ds.SetString(DicomTags.SOPInstanceUID, options.SopInstanceUid ?? DicomUid.Generate());
        ds.SetString(DicomTags.StudyDate, source.StudyDate);
        ds.SetString(DicomTags.StudyTime, source.StudyTime);
        ds.SetString(DicomTags.SeriesDate, date);
        ds.SetString(DicomTags.SeriesTime, time);
        ds.SetString(DicomTags.ContentDate, date);
        ds.SetString(DicomTags.ContentTime, time);
        ds.SetString(DicomTags.AccessionNumber, source.AccessionNumber);
        ds.SetString(DicomTags.Modality, "SR");
        ds.SetString(DicomTags.Manufacturer, "Seldinger");
        ds.SetString(DicomTags.ReferringPhysicianName, source.ReferringPhysicianName);
        ds.SetString(DicomTags.SeriesDescription, $"Plan: {plan.ProcedureName}");
        ds.SetString(DicomTags.PatientName, source.PatientName);
        ds.SetString(DicomTags.PatientID, source.PatientId);
        ds.SetString(DicomTags.PatientBirthDate, source.PatientBirthDate);
        ds.SetString(DicomTags.PatientSex, source.PatientSex);
        ds.SetString(DicomTags.StudyInstanceUID, source.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, options.SeriesInstanceUid ?? DicomUid.Generate());
        ds.SetString(DicomTags.StudyID, source.StudyId);
        ds.SetIntegerString(DicomTags.SeriesNumber, options.SeriesNumber);
        ds.SetIntegerString(DicomTags.InstanceNumber, 1);
        ds.SetSequence(DicomTags.ReferencedPerformedProcedureStepSequence, []);
        var scheme = new DicomDataset();
        scheme.SetString(DicomTags.CodingSchemeDesignator, Scheme);
        scheme.SetString(DicomTags.CodingSchemeName, "Seldinger interventional planning concepts");
        scheme.SetString(DicomTags.CodingSchemeResponsibleOrganization, "Seldinger");
        ds.SetSequence(DicomTags.CodingSchemeIdentificationSequence, [scheme]);

        // SR Document General: a machine proposal, never verified by itself.
        ds.SetString(DicomTags.CompletionFlag, "COMPLETE");
        ds.SetString(DicomTags.VerificationFlag, "UNVERIFIED");
        ds.SetSequence(DicomTags.PerformedProcedureCodeSequence, []);
        ds.SetSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, [Evidence(source)]);

        // SR Document Content: the root container.
        ds.SetString(DicomTags.ValueType, "CONTAINER");
        ds.SetSequence(DicomTags.ConceptNameCodeSequence, [PlanConcept.ToItem()]);
        ds.SetString(DicomTags.ContinuityOfContent, "SEPARATE");

        var content = new List<DicomDataset>
        {
            Code("HAS CONCEPT MOD", ProcedureReported, new DicomCode(Truncate(plan.ProcedureId, 16), Scheme, Truncate(plan.ProcedureName, 64))),
            Text("CONTAINS", AttributeConcept, $"planner: {plan.Planner}; method: {plan.Method}"),
            Text("CONTAINS", AttributeConcept, $"catalogue version {plan.CatalogueVersion}, SHA-256 {plan.CatalogueDigest}"),
            Text("CONTAINS", AttributeConcept, plan.Feasible ? "feasible: a route meets every hard constraint" : "not feasible: no route meets every hard constraint"),
        };
        if (plan.Target is { } target)
        {
            var item = Coordinates("CONTAINS", TargetConcept, "POINT", [target], frame);
            if (plan.TargetReason is { Length: > 0 } reason)
            {
                item.SetSequence(DicomTags.ContentSequence, [Text("HAS CONCEPT MOD", NameConcept, reason)]);
            }

            content.Add(item);
        }

        for (var r = 0; r < plan.Routes.Count; r++)
        {
            content.Add(Route(plan.Routes[r], r + 1, frame));
        }

        foreach (var m in plan.Measurements)
        {
            var item = Number("CONTAINS", MeasurementConcept, m.Value, m.Unit);
            item.SetSequence(DicomTags.ContentSequence, [Text("HAS CONCEPT MOD", NameConcept, m.Note is { Length: > 0 } note ? $"{m.Name} ({note})" : m.Name)]);
            content.Add(item);
        }

        foreach (var p in plan.Points)
        {
            var item = Coordinates("CONTAINS", PointConcept, "POINT", [p.Point], frame);
            item.SetSequence(DicomTags.ContentSequence, [Text("HAS CONCEPT MOD", NameConcept, $"{p.Name} [{p.Role}]")]);
            content.Add(item);
        }

        foreach (var line in plan.Polylines.Where(l => l.Points.Count >= 2))
        {
            var item = Coordinates("CONTAINS", PolylineConcept, "POLYLINE", line.Points, frame);
            item.SetSequence(DicomTags.ContentSequence, [Text("HAS CONCEPT MOD", NameConcept, $"{line.Name} [{line.Role}]")]);
            content.Add(item);
        }

        foreach (var w in plan.Warnings)
        {
            content.Add(Text("CONTAINS", WarningConcept, $"{w.Severity}: {w.Message}"));
        }

        ds.SetSequence(DicomTags.ContentSequence, content);
        return ds;
    }

    /// <summary>Writes the report to <paramref name="path"/> (Explicit VR Little Endian).</summary>
    public static void Write(ProcedurePlan plan, SegmentationSource source, string path, PlanReportOptions? options = null) =>
        DicomFile.Create(Create(plan, source, options), TransferSyntax.ExplicitVRLittleEndian).Save(path);

    /// <summary>The UCUM code of a plan unit (mm, deg, %, mL, mm², mg, count, ratio…); unknown units are written as dimensionless with their own meaning.</summary>
    public static DicomCode UcumUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit switch
        {
            "mm" => new("mm", "UCUM", "millimeter"),
            "cm" => new("cm", "UCUM", "centimeter"),
            "deg" or "°" => new("deg", "UCUM", "degree"),
            "%" => new("%", "UCUM", "percent"),
            "mL" or "ml" => new("ml", "UCUM", "milliliter"),
            "mm2" or "mm²" => new("mm2", "UCUM", "square millimeter"),
            "mm3" or "mm³" => new("mm3", "UCUM", "cubic millimeter"),
            "mg" => new("mg", "UCUM", "milligram"),
            "mg/kg" => new("mg/kg", "UCUM", "milligram per kilogram"),
            "mL/kg" or "ml/kg" => new("ml/kg", "UCUM", "milliliter per kilogram"),
            "kg" => new("kg", "UCUM", "kilogram"),
            "Fr" or "F" => new("[Ch]", "UCUM", "French (catheter gauge)"),
            "count" => new("{count}", "UCUM", "count"),
            "IU" => new("[iU]", "UCUM", "international unit"),
            _ => new("1", "UCUM", Truncate(unit.Length == 0 ? "no units" : unit, 64)),
        };
    }

    private static DicomDataset Route(PlannedRoute route, int rank, string frame)
    {
        var container = Item("CONTAINS", "CONTAINER", RouteConcept);
        container.SetString(DicomTags.ContinuityOfContent, "SEPARATE");
        var children = new List<DicomDataset>
        {
            Text("HAS CONCEPT MOD", NameConcept, $"#{rank} {route.Kind}: {route.Description}"),
            Text("CONTAINS", AttributeConcept, route.IsSafe ? "safe: every hard constraint holds" : "unsafe: a hard constraint is broken"),
        };
        if (route.Points.Count >= 2)
        {
            children.Add(Coordinates("CONTAINS", PathConcept, "POLYLINE", route.Points, frame));
        }

        children.Add(Number("CONTAINS", LengthConcept, route.LengthMm, "mm"));
        if (route.InsertionAngleDeg is { } angle)
        {
            children.Add(Number("CONTAINS", AngleConcept, angle, "deg"));
        }

        foreach (var c in route.Clearances.Where(c => c.DistanceMm is not null))
        {
            var item = Number("CONTAINS", ClearanceConcept, c.DistanceMm!.Value, "mm");
            var state = c.Crossed ? "crossed" : c.Violates ? "closer than required" : "kept";
            item.SetSequence(DicomTags.ContentSequence,
                [Text("HAS CONCEPT MOD", NameConcept, $"{c.Structure} (minimum {c.RequiredMm.ToString("0.#", CultureInfo.InvariantCulture)} mm, {state})")]);
            children.Add(item);
        }

        container.SetSequence(DicomTags.ContentSequence, children);
        return container;
    }

    private static DicomDataset Evidence(SegmentationSource source)
    {
        var instances = source.SopInstanceUids.Select(uid =>
        {
            var item = new DicomDataset();
            item.SetString(DicomTags.ReferencedSOPClassUID, source.SopClassUid);
            item.SetString(DicomTags.ReferencedSOPInstanceUID, uid);
            return item;
        }).ToList();
        var series = new DicomDataset();
        series.SetString(DicomTags.SeriesInstanceUID, source.SeriesInstanceUid);
        series.SetSequence(DicomTags.ReferencedSOPSequence, instances);
        var study = new DicomDataset();
        study.SetString(DicomTags.StudyInstanceUID, source.StudyInstanceUid);
        study.SetSequence(DicomTags.ReferencedSeriesSequence, [series]);
        return study;
    }

    private static DicomDataset Item(string relationship, string valueType, DicomCode concept)
    {
        var item = new DicomDataset();
        // Plan texts hold degrees, "≥" and names in any language: every item declares UTF-8 (PS3.5 §6.1.2.5.3 lets an
        // item state its own Specific Character Set).
        item.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        item.SetString(DicomTags.RelationshipType, relationship);
        item.SetString(DicomTags.ValueType, valueType);
        item.SetSequence(DicomTags.ConceptNameCodeSequence, [concept.ToItem()]);
        return item;
    }

    private static DicomDataset Text(string relationship, DicomCode concept, string text)
    {
        var item = Item(relationship, "TEXT", concept);
        item.SetString(DicomTags.TextValue, text);
        return item;
    }

    private static DicomDataset Code(string relationship, DicomCode concept, DicomCode value)
    {
        var item = Item(relationship, "CODE", concept);
        item.SetSequence(DicomTags.ConceptCodeSequence, [value.ToItem()]);
        return item;
    }

    private static DicomDataset Number(string relationship, DicomCode concept, double value, string unit)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{concept.Meaning} is not a finite number ({value}).", nameof(value));
        }

        var item = Item(relationship, "NUM", concept);
        var measured = new DicomDataset();
        measured.SetDecimalStrings(DicomTags.NumericValue, Math.Round(value, 3));
        measured.SetSequence(DicomTags.MeasurementUnitsCodeSequence, [UcumUnit(unit).ToItem()]);
        item.SetSequence(DicomTags.MeasuredValueSequence, [measured]);
        return item;
    }

    private static DicomDataset Coordinates(string relationship, DicomCode concept, string graphicType, IReadOnlyList<WorldPoint> points, string frame)
    {
        var data = new float[points.Count * 3];
        for (var n = 0; n < points.Count; n++)
        {
            var p = points[n];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z))
            {
                throw new ArgumentException($"{concept.Meaning} has a point that is not finite.", nameof(points));
            }

            data[3 * n] = (float)p.X;
            data[(3 * n) + 1] = (float)p.Y;
            data[(3 * n) + 2] = (float)p.Z;
        }

        var item = Item(relationship, "SCOORD3D", concept);
        item.SetString(DicomTags.GraphicType, graphicType);
        item.SetFloat32s(DicomTags.GraphicData, data);
        item.SetString(DicomTags.ReferencedFrameOfReferenceUID, frame);
        return item;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
