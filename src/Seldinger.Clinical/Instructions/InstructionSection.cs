namespace Seldinger.Clinical.Instructions;

/// <summary>One part of a family sheet: a heading and its short paragraphs or bullet points.</summary>
/// <param name="Heading">The heading, in the family's language.</param>
/// <param name="Paragraphs">Short paragraphs or bullet points, every placeholder filled.</param>
public sealed record InstructionSection(string Heading, IReadOnlyList<string> Paragraphs);
