namespace Seldinger.Imaging.Geometry;

/// <summary>
/// A point in DICOM patient space (LPS), in millimetres:
/// +X towards the patient's left, +Y towards the posterior, +Z towards the head.
/// </summary>
/// <param name="X">Left coordinate, mm.</param>
/// <param name="Y">Posterior coordinate, mm.</param>
/// <param name="Z">Superior coordinate, mm.</param>
public readonly record struct WorldPoint(double X, double Y, double Z)
{
    /// <summary>The origin of patient space.</summary>
    public static WorldPoint Origin => default;

    /// <summary>Euclidean distance to another point, mm.</summary>
    public double DistanceTo(WorldPoint other) => (other - this).Length;

    /// <summary>The point a fraction <paramref name="t"/> of the way from this point to <paramref name="other"/>.</summary>
    public WorldPoint Lerp(WorldPoint other, double t) => this + ((other - this) * t);

    /// <summary>The displacement from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Vector3D operator -(WorldPoint to, WorldPoint from) => new(to.X - from.X, to.Y - from.Y, to.Z - from.Z);

    /// <summary>Moves a point by a displacement.</summary>
    public static WorldPoint operator +(WorldPoint point, Vector3D offset) => new(point.X + offset.X, point.Y + offset.Y, point.Z + offset.Z);

    /// <summary>Moves a point by the opposite of a displacement.</summary>
    public static WorldPoint operator -(WorldPoint point, Vector3D offset) => new(point.X - offset.X, point.Y - offset.Y, point.Z - offset.Z);

    /// <summary>The displacement from <paramref name="from"/> to <paramref name="to"/> (named alternative to the operator).</summary>
    public static Vector3D Subtract(WorldPoint to, WorldPoint from) => to - from;

    /// <summary>Moves a point by a displacement (named alternative to the operator).</summary>
    public static WorldPoint Add(WorldPoint point, Vector3D offset) => point + offset;

    /// <summary>Moves a point by the opposite of a displacement (named alternative to the operator).</summary>
    public static WorldPoint Subtract(WorldPoint point, Vector3D offset) => point - offset;

    /// <summary>The displacement from the patient-space origin to this point.</summary>
    public Vector3D ToVector() => new(X, Y, Z);

    /// <summary>The coordinates in millimetres, e.g. <c>LPS (1.5, -2, 0) mm</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"LPS ({X:G6}, {Y:G6}, {Z:G6}) mm");
}
