namespace Seldinger.Clinical.AdverseEvents;

/// <summary>One grade of an IR adverse-event classification, as a code of the product's own code system.</summary>
/// <param name="System">The classification: "sir-2017" or "cirse-2017".</param>
/// <param name="Code">The code within the classification, e.g. "moderate" or "3".</param>
/// <param name="Display">Display text, e.g. "Moderate" or "Grade 3".</param>
/// <param name="Definition">What the grade means, in the words of the product (paraphrasing the publication).</param>
/// <param name="Rank">Order of severity within the classification, 1 the mildest.</param>
public sealed record AdverseEventGradeDefinition(string System, string Code, string Display, string Definition, int Rank);
