using System.Text.Json;
using System.Text.Json.Serialization;
using Seldinger.Imaging;

namespace Seldinger.Planning;

/// <summary>An imaging modality that guides a procedure.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<GuidanceModality>))]
public enum GuidanceModality
{
    /// <summary>Ultrasound.</summary>
    Ultrasound,

    /// <summary>Computed tomography.</summary>
    Ct,

    /// <summary>Cone-beam CT on the angiography system.</summary>
    ConeBeamCt,

    /// <summary>Live X-ray (pulsed fluoroscopy).</summary>
    Fluoroscopy,

    /// <summary>Digital subtraction angiography.</summary>
    Dsa,

    /// <summary>Direct vision (surface treatments).</summary>
    DirectVision,
}

/// <summary>How the device reaches the target.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<RouteKind>))]
public enum RouteKind
{
    /// <summary>A straight percutaneous needle (or probe) path from the skin.</summary>
    Needle,

    /// <summary>A catheter along the vessels from an access puncture.</summary>
    Vascular,

    /// <summary>A tube along the digestive tract.</summary>
    Enteric,

    /// <summary>A treatment applied at the body surface.</summary>
    Surface,
}

/// <summary>Bleeding-risk class of the SIR 2019 consensus guidelines.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<BleedingRiskClass>))]
public enum BleedingRiskClass
{
    /// <summary>Low bleeding risk.</summary>
    Low,

    /// <summary>High bleeding risk.</summary>
    High,

    /// <summary>Not classified by the guideline; the operator decides.</summary>
    NotClassified,
}

/// <summary>A kind of default device.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<DeviceKind>))]
public enum DeviceKind
{
    /// <summary>Access, biopsy or injection needle (gauge, length).</summary>
    Needle,

    /// <summary>Catheter or drain (French size, length).</summary>
    Catheter,

    /// <summary>Introducer sheath (French size, length).</summary>
    Sheath,

    /// <summary>Ablation probe or antenna (gauge, length).</summary>
    Probe,

    /// <summary>Feeding or gastrostomy tube (French size, length).</summary>
    Tube,

    /// <summary>Laser fibre.</summary>
    Fiber,
}

/// <summary>A soft objective a planner trades off against the others by its weight.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ObjectiveKind>))]
public enum ObjectiveKind
{
    /// <summary>Shorter paths are better.</summary>
    ShortPath,

    /// <summary>More clearance beyond the margins is better.</summary>
    Clearance,

    /// <summary>Paths close to the axial plane (CT gantry) are better.</summary>
    AxialPlane,

    /// <summary>Entering the largest fluid pocket is better.</summary>
    LargestPocket,

    /// <summary>Entering the dependent part of a collection is better.</summary>
    DependentPosition,

    /// <summary>Covering more of the target (ablation zone, sclerosant, laser spots) is better.</summary>
    Coverage,

    /// <summary>Following the vessel or lumen centreline is better.</summary>
    Centreline,

    /// <summary>A smaller catheter-to-vein diameter ratio is better.</summary>
    CatheterToVeinRatio,

    /// <summary>Paths perpendicular to the organ wall are better.</summary>
    Perpendicular,
}

/// <summary>A structure to keep away from, with its margin and where the margin comes from.</summary>
/// <param name="Label">The tissue class.</param>
/// <param name="MinimumClearanceMm">Minimum distance from the path, ≥ 0.</param>
/// <param name="Source">Key into <see cref="ProcedureCatalogue.Sources"/>.</param>
/// <param name="Verify">Whether a clinician must confirm the value.</param>
public sealed record ProcedureProtection(
    [property: JsonConverter(typeof(JsonStringEnumConverter<TissueLabel>))] TissueLabel Label,
    double MinimumClearanceMm,
    string Source,
    bool Verify);

/// <summary>Rules a path must obey; a path that breaks one is rejected, whatever its score.</summary>
/// <param name="LungCrossing">Whether the path may cross aerated lung (only thoracic procedures may allow it).</param>
/// <param name="BowelCrossing">Whether the path (or tube) may cross bowel.</param>
/// <param name="PleuraCrossing">Whether the path may cross the pleura (pleural procedures).</param>
/// <param name="BoneCrossing">Whether the path may cross bone (bone procedures).</param>
/// <param name="IntercostalAboveRib">Whether an intercostal entry must pass just above a rib, away from the neurovascular bundle under it.</param>
public sealed record ProcedureConstraints(bool LungCrossing, bool BowelCrossing, bool PleuraCrossing, bool BoneCrossing, bool IntercostalAboveRib);

/// <summary>A weighted soft objective.</summary>
/// <param name="Kind">What is optimised.</param>
/// <param name="Weight">Relative weight, ≥ 0.</param>
public sealed record ProcedureObjective(ObjectiveKind Kind, double Weight);

/// <summary>A default device; sizes that do not apply to the kind are <see langword="null"/>.</summary>
/// <param name="Kind">The kind of device.</param>
/// <param name="Gauge">Needle or probe gauge (G).</param>
/// <param name="French">Catheter, sheath or tube size (F; 1 F = ⅓ mm outer diameter).</param>
/// <param name="LengthMm">Working length in millimetres.</param>
/// <param name="Source">Key into <see cref="ProcedureCatalogue.Sources"/>.</param>
/// <param name="Verify">Whether a clinician must confirm the value.</param>
public sealed record ProcedureDevice(DeviceKind Kind, double? Gauge, double? French, double? LengthMm, string Source, bool Verify);

/// <summary>The SIR 2019 bleeding-risk class of a procedure.</summary>
/// <param name="Class">The class.</param>
/// <param name="Note">What the class depends on (e.g. sheath size), or empty.</param>
/// <param name="Source">Key into <see cref="ProcedureCatalogue.Sources"/>.</param>
/// <param name="Verify">Whether a clinician must confirm the value.</param>
public sealed record ProcedureBleedingRisk(BleedingRiskClass Class, string Note, string Source, bool Verify);

/// <summary>A named clinical number of a procedure (ablation margin, catheter-to-vein ratio, dose per kg).</summary>
/// <param name="Name">camelCase name, with the unit in it where that helps.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">The unit (mm, ratio, mg/kg, count).</param>
/// <param name="Source">Key into <see cref="ProcedureCatalogue.Sources"/>.</param>
/// <param name="Verify">Whether a clinician must confirm the value.</param>
public sealed record ProcedureParameter(string Name, double Value, string Unit, string Source, bool Verify);

/// <summary>One procedure of the catalogue.</summary>
/// <param name="Id">Stable kebab-case identifier.</param>
/// <param name="Name">Display name.</param>
/// <param name="Guidance">Guidance modalities, most used first.</param>
/// <param name="Route">How the device reaches the target.</param>
/// <param name="Thoracic">Whether the procedure works in the chest (only these may allow lung crossing or intercostal entries).</param>
/// <param name="Targets">Tissue classes the procedure aims at.</param>
/// <param name="Protect">Structures to keep away from, with minimum clearances.</param>
/// <param name="Constraints">Hard constraints.</param>
/// <param name="Objectives">Soft objectives with weights.</param>
/// <param name="Devices">Default devices.</param>
/// <param name="BleedingRisk">SIR 2019 bleeding-risk class.</param>
/// <param name="Parameters">Other clinical numbers.</param>
/// <param name="PhantomCases">Names of the phantom cases that demonstrate it (may be empty).</param>
public sealed record ProcedureDefinition(
    string Id,
    string Name,
    IReadOnlyList<GuidanceModality> Guidance,
    RouteKind Route,
    bool Thoracic,
    [property: JsonConverter(typeof(TissueLabelListConverter))] IReadOnlyList<TissueLabel> Targets,
    IReadOnlyList<ProcedureProtection> Protect,
    ProcedureConstraints Constraints,
    IReadOnlyList<ProcedureObjective> Objectives,
    IReadOnlyList<ProcedureDevice> Devices,
    ProcedureBleedingRisk BleedingRisk,
    IReadOnlyList<ProcedureParameter> Parameters,
    IReadOnlyList<string> PhantomCases)
{
    /// <summary>The protections as <see cref="ProtectedStructure"/>s for <see cref="NeedlePathEvaluator"/>.</summary>
    public IReadOnlyList<ProtectedStructure> ToProtectedStructures() =>
        Protect.Select(p => new ProtectedStructure(p.Label.ToString(), (byte)p.Label, p.MinimumClearanceMm)).ToList().AsReadOnly();
}

/// <summary>Writes enum values as camelCase strings (the names used in the catalogue file).</summary>
internal sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>Writes a list of tissue labels as their names.</summary>
internal sealed class TissueLabelListConverter : JsonConverter<IReadOnlyList<TissueLabel>>
{
    public override IReadOnlyList<TissueLabel> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var names = JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [];
        return names.Select(n => Enum.TryParse<TissueLabel>(n, out var label) && Enum.IsDefined(label)
            ? label : throw new JsonException($"Unknown tissue label '{n}'.")).ToList().AsReadOnly();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<TissueLabel> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var label in value)
        {
            writer.WriteStringValue(label.ToString());
        }

        writer.WriteEndArray();
    }
}
