using System.Reflection;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Thermal;
using Seldinger.Planning.Ablation.Physics.Internal;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation.Physics;

/// <summary>
/// Tissue thermal properties, damage criteria and calibrated source parameters for the bioheat zone model:
/// the shipped <c>Data/tissue-thermal-properties.json</c> (embedded) or a physicist's copy of it. Every tissue label maps
/// to exactly one material; every number names its source.
/// </summary>
public sealed class TissueThermalProperties
{
    /// <summary>The format version this build reads.</summary>
    public const int SupportedVersion = 1;

    private const string DefaultResource = "Seldinger.Planning.Data.tissue-thermal-properties.json";

    private static readonly Lazy<TissueThermalProperties> DefaultProperties = new(ReadDefault);

    private readonly int[] _materialOfLabel;

    private TissueThermalProperties(int[] materialOfLabel) => _materialOfLabel = materialOfLabel;

    /// <summary>Format version of the file.</summary>
    public int Version { get; private init; }

    /// <summary>Source key → full citation.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; private init; } = new Dictionary<string, string>();

    /// <summary>The materials, in file order.</summary>
    public IReadOnlyList<TissueThermalMaterial> Materials { get; private init; } = [];

    /// <summary>Arterial blood temperature (°C).</summary>
    public double BloodTemperatureCelsius { get; private init; }

    /// <summary>ρ_b c_b of blood (J/m³/K).</summary>
    public double BloodVolumetricHeatCapacity { get; private init; }

    /// <summary>Lower end of the phase-change range (°C).</summary>
    public double PhaseChangeLowCelsius { get; private init; }

    /// <summary>Upper end of the phase-change range (°C).</summary>
    public double PhaseChangeHighCelsius { get; private init; }

    /// <summary>The Arrhenius damage integral Ω at and above which heated tissue counts as dead (1: 63 % of cells).</summary>
    public double LethalOmega { get; private init; }

    /// <summary>Heat isotherms drawn from the peak temperature (°C), e.g. 50 and 60.</summary>
    public IReadOnlyList<double> HeatIsothermsCelsius { get; private init; } = [];

    /// <summary>Cryo isotherms drawn from the coldest temperature (°C), e.g. 0, −20, −40.</summary>
    public IReadOnlyList<double> CryoIsothermsCelsius { get; private init; } = [];

    internal HeatSourceParameters Radiofrequency { get; private init; } = null!;

    internal HeatSourceParameters Microwave { get; private init; } = null!;

    internal double CryoProbeRadiusMm { get; private init; }

    internal double TemperatureControlledCelsius { get; private init; }

    /// <summary>The shipped properties (read and validated once).</summary>
    public static TissueThermalProperties LoadDefault() => DefaultProperties.Value;

    /// <summary>Reads and validates a properties file.</summary>
    /// <exception cref="PlanningException">The file is invalid; the message names the file, the entry and the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TissueThermalProperties Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads and validates properties text; <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="PlanningException">The text is invalid; the message names the entry and the field.</exception>
    public static TissueThermalProperties Parse(string json, string sourceName)
    {
        return DataFileJson.Read(json, sourceName, root => Read(root, sourceName));
    }

    /// <summary>The material a tissue label is drawn with.</summary>
    public TissueThermalMaterial MaterialFor(TissueLabel label) =>
        (int)label < _materialOfLabel.Length && _materialOfLabel[(int)label] >= 0
            ? Materials[_materialOfLabel[(int)label]]
            : throw new PlanningException($"The tissue thermal properties have no material for label {label}.");

    private static TissueThermalProperties Read(JsonElement root, string origin)
    {
        var version = Int(root, "version", origin);
        if (version != SupportedVersion)
        {
            throw new PlanningException($"{origin}: version {version} is not supported (this build reads version {SupportedVersion}).");
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Object(root, "sources", origin).EnumerateObject())
        {
            sources[property.Name] = property.Value.GetString() ?? throw new PlanningException($"{origin}: source '{property.Name}' has no text.");
        }

        void CheckSources(string keys, string where)
        {
            foreach (var key in keys.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!sources.ContainsKey(key))
                {
                    throw new PlanningException($"{origin}: {where} names source '{key}', which the sources list lacks.");
                }
            }
        }

        var blood = Object(root, "blood", origin);
        var bloodWhere = $"{origin}: blood";
        CheckSources(String(blood, "source", bloodWhere), "blood");
        var phase = Object(root, "phaseChange", origin);
        var phaseWhere = $"{origin}: phaseChange";
        CheckSources(String(phase, "source", phaseWhere), "phaseChange");
        var damage = Object(root, "damage", origin);
        var damageWhere = $"{origin}: damage";
        CheckSources(String(damage, "lethalOmegaSource", damageWhere), "damage");

        var labelCount = Enum.GetValues<TissueLabel>().Max(l => (int)l) + 1;
        var materialOfLabel = Enumerable.Repeat(-1, labelCount).ToArray();
        var materials = new List<TissueThermalMaterial>();
        foreach (var entry in Array(root, "materials", origin))
        {
            var id = String(entry, "id", $"{origin}: material");
            var where = $"{origin}: material '{id}'";
            if (materials.Any(m => m.Id == id))
            {
                throw new PlanningException($"{where} appears twice.");
            }

            var labels = new List<TissueLabel>();
            foreach (var labelElement in Array(entry, "labels", where))
            {
                var name = labelElement.GetString();
                if (!Enum.TryParse<TissueLabel>(name, ignoreCase: false, out var label) || !Enum.IsDefined(label))
                {
                    throw new PlanningException($"{where}: '{name}' is not a tissue label.");
                }

                if (materialOfLabel[(int)label] >= 0)
                {
                    throw new PlanningException($"{where}: label {label} is already drawn with material '{materials[materialOfLabel[(int)label]].Id}'.");
                }

                materialOfLabel[(int)label] = materials.Count;
                labels.Add(label);
            }

            var density = Number(entry, "density", where, 0, false);
            var specificHeat = Number(entry, "specificHeat", where, 0, false);
            var frozenSpecificHeat = Number(entry, "frozenSpecificHeat", where, 0, false);
            if (entry.TryGetProperty("heatCapacityFloor", out _))
            {
                // A floor on ρc keeps near-insulators (air) from limiting the explicit time step.
                var floor = Number(entry, "heatCapacityFloor", where, 0, false);
                specificHeat = Math.Max(specificHeat, floor / density);
                frozenSpecificHeat = Math.Max(frozenSpecificHeat, floor / density);
            }

            var material = new BioheatMaterial(
                id,
                Number(entry, "conductivity", where, 0, false),
                density,
                specificHeat,
                Number(entry, "perfusion", where, 0, true),
                Number(entry, "arrheniusFrequencyFactor", where, 0, false),
                Number(entry, "arrheniusActivationEnergy", where, 0, false),
                Number(entry, "frozenConductivity", where, 0, false),
                frozenSpecificHeat,
                Number(entry, "latentHeat", where, 0, true));
            try
            {
                material.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new PlanningException($"{where}: {ex.Message}", ex);
            }

            var source = String(entry, "source", where);
            CheckSources(source, where);
            materials.Add(new TissueThermalMaterial(id, labels, material, source, Bool(entry, "verify", where)));
        }

        foreach (var label in Enum.GetValues<TissueLabel>())
        {
            if (materialOfLabel[(int)label] < 0)
            {
                throw new PlanningException($"{origin}: no material draws tissue label {label}; every label needs one.");
            }
        }

        var modalities = Object(root, "modalities", origin);
        var rf = Object(modalities, "radiofrequency", origin);
        var mw = Object(modalities, "microwave", origin);
        var cryo = Object(modalities, "cryo", origin);
        CheckSources(String(rf, "source", $"{origin}: radiofrequency"), "radiofrequency");
        CheckSources(String(mw, "source", $"{origin}: microwave"), "microwave");
        CheckSources(String(cryo, "source", $"{origin}: cryo"), "cryo");
        var low = Number(phase, "lowCelsius", phaseWhere, -100, true);
        var high = Number(phase, "highCelsius", phaseWhere, -100, true);
        if (low >= high || high > 0)
        {
            throw new PlanningException($"{phaseWhere}: the range {low}…{high} °C must rise and end at or below 0 °C.");
        }

        return new TissueThermalProperties(materialOfLabel)
        {
            Version = version,
            Sources = sources,
            Materials = materials,
            BloodTemperatureCelsius = Number(blood, "temperatureCelsius", bloodWhere, 30, false),
            BloodVolumetricHeatCapacity = Number(blood, "density", bloodWhere, 0, false) * Number(blood, "specificHeat", bloodWhere, 0, false),
            PhaseChangeLowCelsius = low,
            PhaseChangeHighCelsius = high,
            LethalOmega = Number(damage, "lethalOmega", damageWhere, 0, false),
            HeatIsothermsCelsius = [.. Array(damage, "heatIsothermsCelsius", damageWhere).Select(e => e.GetDouble())],
            CryoIsothermsCelsius = [.. Array(damage, "cryoIsothermsCelsius", damageWhere).Select(e => e.GetDouble())],
            Radiofrequency = HeatSource(rf, $"{origin}: radiofrequency", axial: false),
            Microwave = HeatSource(mw, $"{origin}: microwave", axial: true),
            CryoProbeRadiusMm = Number(cryo, "probeRadiusMm", $"{origin}: cryo", 0, false),
            TemperatureControlledCelsius = Number(rf, "temperatureControlledCelsius", $"{origin}: radiofrequency", 40, false),
        };
    }

    private static HeatSourceParameters HeatSource(JsonElement element, string where, bool axial)
    {
        var efficiency = Number(element, "efficiency", where, 0, false);
        if (efficiency > 1)
        {
            throw new PlanningException($"{where}: efficiency {efficiency} exceeds 1.");
        }

        return new HeatSourceParameters(
            Number(element, "sarExponent", where, 0, false),
            Number(element, "coreRadiusMm", where, 0, false),
            efficiency,
            Number(element, "sourceCutoffCelsius", where, 40, false),
            axial ? Number(element, "axialSigmaFraction", where, 0, false) : 0,
            axial ? Number(element, "centreBehindTipFraction", where, 0, true) : 0);
    }

    private static JsonElement Object(JsonElement parent, string name, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new PlanningException($"{where}: '{name}' must be an object.");

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new PlanningException($"{where}: '{name}' must be an array.");

    private static string String(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new PlanningException($"{where}: '{name}' must be a non-empty string.");

    private static bool Bool(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw new PlanningException($"{where}: '{name}' must be true or false.");

    private static int Int(JsonElement parent, string name, string where) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new PlanningException($"{where}: '{name}' must be an integer.");

    private static double Number(JsonElement parent, string name, string where, double minimum, bool inclusive)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new PlanningException($"{where}: '{name}' must be a finite number.");
        }

        if (inclusive ? number < minimum : number <= minimum)
        {
            throw new PlanningException($"{where}: '{name}' is {number}; it must be {(inclusive ? "at least" : "above")} {minimum}.");
        }

        return number;
    }

    private static TissueThermalProperties ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource {DefaultResource} is missing from the planning library.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "tissue-thermal-properties.json");
    }
}
