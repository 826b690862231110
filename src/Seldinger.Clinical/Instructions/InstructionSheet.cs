using Seldinger.Clinical.Patients;

namespace Seldinger.Clinical.Instructions;

/// <summary>A family sheet ready to print or send: title and sections in one language.</summary>
/// <param name="Title">The sheet's title, e.g. "Getting ready for a biopsy".</param>
/// <param name="Language">The language of every text in it.</param>
/// <param name="Phase">Before or after the procedure.</param>
/// <param name="Sections">The sections, in reading order.</param>
public sealed record InstructionSheet(string Title, FamilyLanguage Language, InstructionPhase Phase, IReadOnlyList<InstructionSection> Sections)
{
    /// <summary>Every heading and paragraph, one per line (for search, readability checks and plain-text messages).</summary>
    public string ToPlainText() =>
        string.Join('\n', Sections.SelectMany(s => s.Paragraphs.Prepend(s.Heading)).Prepend(Title));
}
