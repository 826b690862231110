using System.Globalization;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Planning.Needles.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>
/// Checks one probe path (skin entry to tip) against the hard constraints of the procedure's needle routes, with the
/// needle planner's own rules and evaluator: device length, the skin margin kept by the tip, labels the path may not
/// cross, protected-structure margins along the path and the intercostal rule.
/// </summary>
internal sealed class LayoutRouteChecker
{
    private readonly Volume<byte> _labels;
    private readonly NeedleRules _rules;
    private readonly NeedlePathEvaluator _evaluator;
    private readonly IntercostalRule? _intercostal;

    public LayoutRouteChecker(Volume<byte> labels, ProcedureDefinition procedure, byte targetLabel, VoxelIndex targetVoxel)
    {
        _labels = labels;
        var host = TargetFinder.Host(labels, targetVoxel, targetLabel);
        _rules = NeedleRules.For(procedure, targetLabel, host);
        try
        {
            _evaluator = new NeedlePathEvaluator(labels, _rules.Structures());
        }
        catch (ArgumentException e)
        {
            throw new PlanningException("The protected structures of the procedure cannot be measured: " + e.Message, e);
        }

        _intercostal = procedure.Constraints.IntercostalAboveRib ? new IntercostalRule(labels, 40) : null;
    }

    /// <summary>The usable probe length (mm).</summary>
    public double MaximumLengthMm => _rules.MaximumLengthMm;

    /// <summary>Why the path is unsafe, or null when it keeps every hard constraint.</summary>
    public string? Reject(WorldPoint entry, WorldPoint tip)
    {
        var path = new NeedlePath(entry, tip);
        if (path.LengthMm > _rules.MaximumLengthMm)
        {
            return "too long for the probe";
        }

        foreach (var protection in _rules.TipProtections)
        {
            var near = NeedleRules.NearestLabelDistance(_labels, tip, (byte)protection.Label, protection.MinimumClearanceMm);
            if (near is not null)
            {
                return string.Create(CultureInfo.InvariantCulture, $"tip within {protection.MinimumClearanceMm:0.##} mm of the {protection.Label}");
            }
        }

        if (_evaluator.FirstForbiddenLabel(path, _rules.Allowed) is { } label)
        {
            return "crosses " + NeedleRules.Words(label);
        }

        var g = _labels.Geometry;
        if (_intercostal is not null && !_intercostal.Holds(g.WorldToIndex(entry), g.WorldToIndex(tip), _evaluator.SampleCount(path.LengthMm), out _, out _))
        {
            return "below the rib (intercostal bundle)";
        }

        var evaluation = _evaluator.Evaluate(path);
        foreach (var clearance in evaluation.Clearances)
        {
            if (clearance.ViolatesMargin)
            {
                return string.Create(CultureInfo.InvariantCulture, $"path within {clearance.Structure.MinimumClearanceMm:0.##} mm of {NeedleRules.Words(clearance.Structure.Label)}");
            }
        }

        return null;
    }
}
