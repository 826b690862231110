namespace Seldinger.Server.Services.Clinical;

/// <summary>A named count.</summary>
/// <param name="Group">Procedure id, severity or grade.</param>
/// <param name="Count">How many.</param>
public sealed record QualityCountDto(string Group, int Count);
