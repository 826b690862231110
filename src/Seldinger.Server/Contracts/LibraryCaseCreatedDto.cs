namespace Seldinger.Server.Contracts;

/// <summary>Answer of <c>POST /api/library-cases</c>: the new case and what it holds.</summary>
/// <param name="CaseId">The new case (<c>/api/cases/{caseId}</c>).</param>
/// <param name="LibraryCase">The library case it was generated from.</param>
/// <param name="PatientName">Patient name of the generated series.</param>
/// <param name="AgeYears">Age, years.</param>
/// <param name="WeightKg">Weight from the growth tables, kg.</param>
/// <param name="SeriesInstanceUid">The imported CT series.</param>
/// <param name="Slices">Number of slices imported.</param>
/// <param name="Target">The case's target (the pathology's centre), LPS mm.</param>
/// <param name="TargetDescription">What the target is.</param>
/// <param name="Landmarks">Number of named landmarks stored with the case.</param>
/// <param name="Procedures">Ids of the procedures the library case was made for.</param>
public sealed record LibraryCaseCreatedDto(
    Guid CaseId,
    string LibraryCase,
    string PatientName,
    double AgeYears,
    double? WeightKg,
    string SeriesInstanceUid,
    int Slices,
    PointDto Target,
    string TargetDescription,
    int Landmarks,
    IReadOnlyList<string> Procedures);
