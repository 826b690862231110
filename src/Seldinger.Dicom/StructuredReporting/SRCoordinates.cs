namespace Seldinger.Dicom.StructuredReporting;

/// <summary>The value of an SCOORD, SCOORD3D or TCOORD content item.</summary>
public sealed record SRCoordinates
{
    /// <summary>Graphic Type (POINT, POLYLINE, CIRCLE, ELLIPSE, MULTIPOINT, POLYGON, ELLIPSOID) or Temporal Range Type (POINT, SEGMENT, …).</summary>
    public required string Type { get; init; }

    /// <summary>Graphic Data: column\row pairs (SCOORD, image pixels) or x\y\z triplets (SCOORD3D, mm); empty for TCOORD.</summary>
    public IReadOnlyList<double> Points { get; init; } = [];

    /// <summary>Referenced Frame of Reference UID (SCOORD3D).</summary>
    public string? FrameOfReferenceUid { get; init; }

    /// <summary>Referenced Sample Positions (TCOORD).</summary>
    public IReadOnlyList<double> SamplePositions { get; init; } = [];

    /// <summary>Referenced Time Offsets in seconds (TCOORD).</summary>
    public IReadOnlyList<double> TimeOffsets { get; init; } = [];

    /// <summary>Referenced DateTime values (TCOORD), as written.</summary>
    public IReadOnlyList<string> DateTimes { get; init; } = [];
}
