using System.Text.Json;
using Seldinger.Server.Contracts;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>Turns stored entities into the API's contracts.</summary>
public static class CaseMapper
{
    /// <summary>Maps a case with its series and plans loaded.</summary>
    public static CaseDetailDto ToDetail(PatientCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var latest = c.Plans.OrderBy(p => p.CreatedAt).LastOrDefault();
        var target = CasePlanningService.TargetOf(c);
        return new CaseDetailDto(
            c.Id, c.PatientName, c.PatientId, c.AgeYears, c.WeightKg, c.Procedure, c.Indication, c.Status, c.CreatedAt,
            c.Series is null ? null : ToGeometry(c.Series),
            target is { } t ? new PointDto(t.X, t.Y, t.Z) : null,
            latest is null ? null : ToPlan(latest));
    }

    /// <summary>Maps a series row to its geometry contract.</summary>
    public static SeriesGeometryDto ToGeometry(ImageSeries s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var g = SeriesGeometryJson.Parse(s.GeometryJson);
        return new SeriesGeometryDto(
            s.SeriesInstanceUid, s.StudyInstanceUid, s.Modality, s.Description, s.Columns, s.Rows, s.SliceCount,
            g.Origin, g.Spacing, g.Direction);
    }

    /// <summary>Maps a stored plan.</summary>
    public static PlanDto ToPlan(NeedlePlanRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var clearances = JsonSerializer.Deserialize<List<StoredClearance>>(p.ClearancesJson) ?? [];
        var rejections = JsonSerializer.Deserialize<Dictionary<string, int>>(p.RejectionsJson) ?? [];
        return new PlanDto(
            p.Id, p.CreatedAt, p.Method,
            new PointDto(p.EntryX, p.EntryY, p.EntryZ),
            new PointDto(p.TargetX, p.TargetY, p.TargetZ),
            p.LengthMm, p.InsertionAngleDeg, p.IsSafe,
            clearances.ConvertAll(c => new ClearanceDto(c.Structure, c.MinimumDistanceMm, c.RequiredMm, c.Crossed, c.ViolatesMargin)),
            p.CandidatesConsidered, rejections);
    }
}
