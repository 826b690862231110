using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>
/// Plans an ablation: chooses device setting, probe count and layout (or takes the operator's probes), predicts the
/// zone with the table or bioheat model and evaluates coverage, margins and structures at risk.
/// </summary>
public static class AblationPlanner
{
    /// <summary>Whether a catalogue procedure is an ablation (it then plans through this class).</summary>
    public static bool IsAblation(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return TryModalityOf(procedure, out _);
    }

    /// <summary>The energy an ablation procedure uses.</summary>
    /// <exception cref="PlanningException">The procedure is not an ablation.</exception>
    public static AblationModality ModalityOf(ProcedureDefinition procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return TryModalityOf(procedure, out var modality)
            ? modality
            : throw new PlanningException($"Procedure '{procedure.Id}' is not an ablation.");
    }

    /// <summary>Plans the ablation of the input's target label (the lesion).</summary>
    /// <exception cref="PlanningException">The procedure is not an ablation, the device or setting is unknown, or there is no lesion.</exception>
    public static AblationPlanOutcome Plan(PlanningInput input, AblationPlanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = ModalityOf(input.Procedure);
        _ = options;
        cancellationToken.ThrowIfCancellationRequested();
        throw new PlanningException("Ablation planning is being assembled.");
    }

    private static bool TryModalityOf(ProcedureDefinition procedure, out AblationModality modality)
    {
        (var found, modality) = procedure.Id switch
        {
            "rf-ablation" or "osteoid-osteoma-rfa" => (true, AblationModality.Radiofrequency),
            "mw-ablation" => (true, AblationModality.Microwave),
            "cryoablation" => (true, AblationModality.Cryo),
            _ => (false, default),
        };
        return found;
    }
}
