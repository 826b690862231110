using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning;

/// <summary>A straight needle trajectory from a skin entry point to a target, in patient space (LPS, mm).</summary>
/// <param name="Entry">Where the needle enters the skin.</param>
/// <param name="Target">Where the needle tip should end.</param>
public sealed record NeedlePath(WorldPoint Entry, WorldPoint Target)
{
    /// <summary>Distance from entry to target, mm.</summary>
    public double LengthMm => Entry.DistanceTo(Target);

    /// <summary>Unit vector from entry to target.</summary>
    /// <exception cref="InvalidOperationException">Entry and target coincide.</exception>
    public Vector3D Direction => (Target - Entry).Normalized;

    /// <summary>The point a fraction <paramref name="t"/> (0 = entry, 1 = target) along the path.</summary>
    public WorldPoint PointAt(double t) => Entry.Lerp(Target, t);
}
