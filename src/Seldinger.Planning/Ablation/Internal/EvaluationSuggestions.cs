using Seldinger.Imaging;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>
/// Turns structures at risk and heat sinks into protection flags with the numbers in plain words. Which technique each
/// structure calls for is fixed here; when it is called for comes from the catalogue clearances.
/// </summary>
internal static class EvaluationSuggestions
{
    public static List<AblationProtectionSuggestion> For(
        IReadOnlyList<AblationStructureAtRisk> structures,
        IReadOnlyList<AblationHeatSink> heatSinks,
        AblationModality modality)
    {
        var suggestions = new List<AblationProtectionSuggestion>();
        foreach (var s in structures)
        {
            if (s.Severity == PlanWarningSeverity.Info || !Enum.TryParse<TissueLabel>(s.Structure, out var label))
            {
                continue;
            }

            var inside = s.VolumeInsideMl > 0;
            var words = EvaluationMath.Words(label);
            var where = inside
                ? $"{words} inside the zone ({EvaluationMath.Number(s.VolumeInsideMl)} mL)"
                : $"{words} {EvaluationMath.Number(s.DistanceMm)} mm from the zone ({EvaluationMath.Number(s.RequiredMm)} mm asked)";
            switch (label)
            {
                case TissueLabel.Bowel or TissueLabel.Stomach:
                    suggestions.Add(new(s.Structure, AblationProtectionKind.Hydrodissection, s.DistanceMm,
                        $"{where}: consider hydrodissection to move it away from the zone."));
                    break;
                case TissueLabel.Skin:
                    suggestions.Add(new(s.Structure, AblationProtectionKind.ThermalProtection, s.DistanceMm,
                        $"{where}: consider skin protection ({(modality == AblationModality.Cryo ? "warm saline on the skin" : "skin cooling")}) or hydrodissection."));
                    break;
                case TissueLabel.Nerve or TissueLabel.Physis or TissueLabel.BileDuct or TissueLabel.SpinalCanal:
                    suggestions.Add(new(s.Structure, AblationProtectionKind.ThermalProtection, s.DistanceMm,
                        $"{where}: consider thermal protection or a smaller zone."));
                    break;
                default:
                    break;
            }

            if (inside && label is not (TissueLabel.Artery or TissueLabel.Vein or TissueLabel.Vessel))
            {
                suggestions.Add(new(s.Structure, AblationProtectionKind.DifferentApproach, s.DistanceMm,
                    $"{words} lies inside the predicted zone ({EvaluationMath.Number(s.VolumeInsideMl)} mL): consider a different approach, device or setting."));
            }
        }

        foreach (var h in heatSinks)
        {
            var label = Enum.Parse<TissueLabel>(h.Structure);
            var runs = h.DistanceMm <= 0 ? "runs through the zone" : $"runs {EvaluationMath.Number(h.DistanceMm)} mm from the zone";
            var message = modality == AblationModality.Cryo
                ? $"{EvaluationMath.Words(label)} {EvaluationMath.Number(h.DiameterMm)} mm across {runs}: flowing blood warms the ice next to it; consider another probe or a longer freeze on that side."
                : $"{EvaluationMath.Words(label)} {EvaluationMath.Number(h.DiameterMm)} mm across {runs}: expect a heat-sink effect; consider more power or time, a microwave device or vascular occlusion.";
            suggestions.Add(new(h.Structure, AblationProtectionKind.HeatSinkCompensation, h.DistanceMm, message));
        }

        return suggestions;
    }
}
