namespace Seldinger.Server.Contracts;

/// <summary>One case of the phantom library.</summary>
/// <param name="Name">Case name, e.g. <c>pleural-effusion</c>.</param>
/// <param name="Description">What the case shows.</param>
/// <param name="Procedures">Ids of the catalogue procedures the case demonstrates.</param>
/// <param name="Region">Field of view, e.g. <c>chest</c>.</param>
/// <param name="TargetLabel">The label of the pathology or access target, e.g. <c>PleuralEffusion</c>.</param>
/// <param name="DefaultPhase">Contrast phase it is generated with.</param>
public sealed record LibraryCaseDto(
    string Name, string Description, IReadOnlyList<string> Procedures, string Region, string TargetLabel, string DefaultPhase);
