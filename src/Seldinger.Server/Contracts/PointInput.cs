namespace Seldinger.Server.Contracts;

/// <summary>A point in a request body (LPS mm); each coordinate is checked so that a missing one is named.</summary>
public sealed record PointInput(double? X, double? Y, double? Z);
