using System.Text.Json;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Confirmation;

/// <summary>
/// How an ablation zone looks on the post-ablation contrast CT, for <see cref="PostAblationCtSynthesis"/>. The numbers
/// and their sources live in <c>post-ablation-ct.json</c> beside this type.
/// </summary>
public sealed record PostAblationCtParameters
{
    /// <summary>Name of the embedded data file.</summary>
    public const string ResourceName = "Seldinger.Planning.Ablation.Confirmation.post-ablation-ct.json";

    /// <summary>Attenuation of the non-enhancing coagulated tissue (HU).</summary>
    public required double CoagulationHu { get; init; }

    /// <summary>Extra enhancement of the hyperaemic rim over the parenchyma (HU).</summary>
    public required double RimEnhancementHu { get; init; }

    /// <summary>Width of the rim outside the zone (mm); 0 draws none.</summary>
    public required double RimWidthMm { get; init; }

    /// <summary>Change of the organ's enhancement between the planning and the post-ablation scan (HU).</summary>
    public required double ParenchymaShiftHu { get; init; }

    /// <summary>Standard deviation of the Gaussian noise added to the post-ablation scan (HU).</summary>
    public required double NoiseSigmaHu { get; init; }

    /// <summary>The data file's values, from the copy embedded in the assembly.</summary>
    /// <exception cref="PlanningException">The file is not embedded in this build.</exception>
    public static PostAblationCtParameters Default()
    {
        using var stream = typeof(PostAblationCtParameters).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new PlanningException($"The post-ablation CT parameters ({ResourceName}) are not embedded in {typeof(PostAblationCtParameters).Assembly.GetName().Name}; load post-ablation-ct.json with Load.");
        return Load(stream);
    }

    /// <summary>Reads a <c>post-ablation-ct.json</c>.</summary>
    /// <exception cref="PlanningException">Not JSON, a value missing or not a number, or a value out of its plausible range.</exception>
    public static PostAblationCtParameters Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new PlanningException($"The post-ablation CT parameters are not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                throw new PlanningException("The post-ablation CT parameters have no \"values\" object.");
            }

            return new PostAblationCtParameters
            {
                CoagulationHu = Value(values, "coagulationHu", -100, 200),
                RimEnhancementHu = Value(values, "rimEnhancementHu", 0, 200),
                RimWidthMm = Value(values, "rimWidthMm", 0, 10),
                ParenchymaShiftHu = Value(values, "parenchymaShiftHu", -100, 100),
                NoiseSigmaHu = Value(values, "noiseSigmaHu", 0, 100),
            };
        }
    }

    private static double Value(JsonElement values, string name, double min, double max)
    {
        if (!values.TryGetProperty(name, out var entry) || !entry.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new PlanningException($"The post-ablation CT parameters lack a numeric \"{name}\".value.");
        }

        var v = value.GetDouble();
        if (!(v >= min && v <= max))
        {
            throw new PlanningException($"The post-ablation CT parameter {name} = {v} lies outside [{min}, {max}].");
        }

        return v;
    }
}
