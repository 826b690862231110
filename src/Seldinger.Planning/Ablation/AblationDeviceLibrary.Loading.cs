using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seldinger.Planning.Ablation.Internal;
using Seldinger.Planning.Internal;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Ablation;

/// <summary>Reading, validating and querying the device file (see docs/ablation-devices.md for its format).</summary>
public sealed partial class AblationDeviceLibrary
{
    /// <summary>The format version this build reads.</summary>
    public const int SupportedVersion = 1;

    /// <summary>
    /// A chart zone may be at most this much wider than long (diameter ÷ length). Cooled RF, microwave and cryo zones
    /// are prolate or near-spherical; a slightly oblate row is within measurement error, a clearly oblate one is a typo
    /// (length and diameter swapped).
    /// </summary>
    public const double MaximumDiameterToLengthRatio = 1.2;

    private const string DefaultResource = "Seldinger.Planning.Data.ablation-devices.json";

    private static readonly Lazy<AblationDeviceLibrary> DefaultLibrary = new(ReadDefault);

    private static readonly IReadOnlyDictionary<string, string> NoDefaults = new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    private readonly IReadOnlyDictionary<string, string> _defaults = NoDefaults;

    /// <summary>Creates a library with the default device of each catalogue procedure.</summary>
    /// <exception cref="PlanningException">A default names a device the library lacks.</exception>
    public AblationDeviceLibrary(int version, IReadOnlyList<AblationDevice> devices, IReadOnlyDictionary<string, string> sources, IReadOnlyDictionary<string, string> defaults)
        : this(version, devices, sources)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        foreach (var (procedure, device) in defaults)
        {
            if (!devices.Any(d => d.Id == device))
            {
                throw new PlanningException($"The default device of '{procedure}' is '{device}', which the library lacks.");
            }
        }

        _defaults = new Dictionary<string, string>(defaults, StringComparer.Ordinal).AsReadOnly();
    }

    /// <summary>Procedure id → the id of the device used when none is asked.</summary>
    public IReadOnlyDictionary<string, string> Defaults => _defaults;

    /// <summary>Cryo: the isotherm (°C) that is the lethal zone of a cryo setting; null when the library has no cryo devices.</summary>
    public double? CryoLethalIsothermCelsius { get; init; }

    /// <summary>Cryo: the largest distance between neighbouring probes (mm); null when the file gives none.</summary>
    public double? CryoMaximumProbeSpacingMm { get; init; }

    /// <summary>Cryo: the largest distance between a probe and the tumor's edge (mm); null when the file gives none.</summary>
    public double? CryoMaximumDistanceFromTumorEdgeMm { get; init; }

    /// <summary>The shipped library (<c>Data/ablation-devices.json</c>, read and validated once).</summary>
    public static AblationDeviceLibrary LoadDefault() => DefaultLibrary.Value;

    /// <summary>Reads and validates a device file (a clinician's copy of the shipped one).</summary>
    /// <exception cref="PlanningException">The file is not a valid device library; the message names the file, the device and the field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AblationDeviceLibrary Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads and validates device-file text; <paramref name="sourceName"/> names it in messages.</summary>
    /// <exception cref="PlanningException">The text is not a valid device library; the message names the device and the field.</exception>
    public static AblationDeviceLibrary Parse(string json, string sourceName)
    {
        return DataFileJson.Read(json, sourceName, root => new Reader(sourceName).Library(root));
    }

    /// <summary>The device a catalogue procedure uses when none is asked.</summary>
    /// <exception cref="PlanningException">The library names no default device for the procedure.</exception>
    public AblationDevice DefaultDeviceFor(string procedureId)
    {
        ArgumentNullException.ThrowIfNull(procedureId);
        return _defaults.TryGetValue(procedureId, out var id)
            ? Device(id)
            : throw new PlanningException($"The device library names no default device for '{procedureId}'; it has defaults for: {(_defaults.Count == 0 ? "none" : string.Join(", ", _defaults.Keys.Order(StringComparer.Ordinal)))}.");
    }

    /// <summary>The devices of one modality, in file order (smallest first).</summary>
    public IReadOnlyList<AblationDevice> DevicesOf(AblationModality modality) => [.. Devices.Where(d => d.Modality == modality)];

    private static AblationDeviceLibrary ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource {DefaultResource} is missing from the planning library.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "ablation-devices.json");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex SettingIdPattern();

    /// <summary>Reads one document, naming the file in every message.</summary>
    private sealed class Reader(string origin)
    {
        private static readonly string[] RootFields = ["version", "description", "sources", "cryo", "defaults", "devices"];
        private static readonly string[] CryoFields = ["lethalIsothermCelsius", "maximumProbeSpacingMm", "maximumDistanceFromTumorEdgeMm", "source", "verify"];
        private static readonly string[] DeviceFields = ["id", "name", "manufacturer", "modality", "kind", "gauge", "shaftLengthMm", "activeTipLengthMm", "clusterSpacingMm", "probeTemperatureCelsius", "source", "settings"];
        private static readonly string[] SettingFields = ["id", "powerWatts", "durationMinutes", "freezeThawMinutes", "zone", "isotherms", "tissue", "source", "verify"];
        private static readonly string[] ZoneFields = ["lengthMm", "diameterMm", "distalExtentBeyondTipMm"];
        private static readonly string[] IsothermFields = ["temperatureCelsius", "zone"];

        private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

        public AblationDeviceLibrary Library(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("the device library must be a JSON object");
            }

            Known(root, RootFields, "the file");
            if (!root.TryGetProperty("version", out var v))
            {
                throw Error($"\"version\" is missing (this build reads version {SupportedVersion})");
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != SupportedVersion)
            {
                throw Error($"\"version\" {v.GetRawText()} is not supported (this build reads version {SupportedVersion})");
            }

            if (!root.TryGetProperty("sources", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                throw Error("\"sources\" must be an object of source key → citation");
            }

            foreach (var p in s.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                {
                    throw Error($"sources.{p.Name}: the citation must be a non-empty string");
                }

                _sources[p.Name] = p.Value.GetString()!;
            }

            if (!root.TryGetProperty("devices", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Error("\"devices\" must be an array");
            }

            // The cryo section comes first because a cryo row's lethal zone is the isotherm it names.
            double? lethal = null, spacing = null, edge = null;
            if (root.TryGetProperty("cryo", out var cryo) && cryo.ValueKind != JsonValueKind.Null)
            {
                if (cryo.ValueKind != JsonValueKind.Object)
                {
                    throw Error("\"cryo\" must be an object");
                }

                Known(cryo, CryoFields, "cryo");
                lethal = Number(cryo, "lethalIsothermCelsius", "cryo");
                if (lethal > 0)
                {
                    throw Error($"cryo.lethalIsothermCelsius {lethal} °C must be 0 °C or colder");
                }

                spacing = OptionalPositive(cryo, "maximumProbeSpacingMm", "cryo");
                edge = OptionalPositive(cryo, "maximumDistanceFromTumorEdgeMm", "cryo");
                SourceKey(cryo, "cryo");
            }

            var devices = new List<AblationDevice>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var device = Device(item, index++, lethal);
                if (!ids.Add(device.Id))
                {
                    throw Error($"devices[{index - 1}]: duplicate device id '{device.Id}'");
                }

                devices.Add(device);
            }

            if (devices.Count == 0)
            {
                throw Error("\"devices\" is empty");
            }

            var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("defaults", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind != JsonValueKind.Object)
                {
                    throw Error("\"defaults\" must be an object of procedure id → device id");
                }

                foreach (var p in d.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String || !ids.Contains(p.Value.GetString()!))
                    {
                        throw Error($"defaults.{p.Name}: {p.Value.GetRawText()} is not a device of the file (devices: {string.Join(", ", ids)})");
                    }

                    defaults[p.Name] = p.Value.GetString()!;
                }
            }

            return new AblationDeviceLibrary(version, devices.AsReadOnly(), _sources.AsReadOnly(), defaults)
            {
                CryoLethalIsothermCelsius = lethal,
                CryoMaximumProbeSpacingMm = spacing,
                CryoMaximumDistanceFromTumorEdgeMm = edge,
            };
        }

        private AblationDevice Device(JsonElement item, int index, double? lethal)
        {
            var where = $"devices[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{where} must be an object");
            }

            var id = String(item, "id", where);
            if (!DeviceIdPattern().IsMatch(id))
            {
                throw Error($"{where}.id '{id}' must be lower-case with dashes (a-z, 0-9, '-')");
            }

            where = $"device '{id}'";
            Known(item, DeviceFields, where);
            var name = String(item, "name", where);
            var manufacturer = String(item, "manufacturer", where);
            var modality = Enum<AblationModality>(item, "modality", where);
            var kind = Enum<AblationDeviceKind>(item, "kind", where);
            var expected = kind switch
            {
                AblationDeviceKind.Microwave => AblationModality.Microwave,
                AblationDeviceKind.Cryoprobe => AblationModality.Cryo,
                _ => AblationModality.Radiofrequency,
            };
            if (modality != expected)
            {
                throw Error($"{where}: kind {Camel(kind.ToString())} is a {Camel(expected.ToString())} device, not {Camel(modality.ToString())}");
            }

            var gauge = Positive(item, "gauge", where);
            var shaft = Positive(item, "shaftLengthMm", where);
            var tip = Positive(item, "activeTipLengthMm", where);
            if (tip >= shaft)
            {
                throw Error($"{where}: activeTipLengthMm {tip} must be shorter than shaftLengthMm {shaft}");
            }

            var cluster = OptionalPositive(item, "clusterSpacingMm", where);
            if (kind == AblationDeviceKind.RadiofrequencyCluster && cluster is null)
            {
                throw Error($"{where}: a cluster device needs \"clusterSpacingMm\" (the spacing of its electrodes)");
            }

            if (kind != AblationDeviceKind.RadiofrequencyCluster && cluster is not null)
            {
                throw Error($"{where}: \"clusterSpacingMm\" is for cluster devices only");
            }

            double? probeTemperature = null;
            if (kind == AblationDeviceKind.Cryoprobe)
            {
                probeTemperature = Number(item, "probeTemperatureCelsius", where);
                if (probeTemperature >= 0)
                {
                    throw Error($"{where}: probeTemperatureCelsius {probeTemperature} must be below 0 °C");
                }

                if (lethal is null)
                {
                    throw Error($"{where}: a cryo device needs the file's \"cryo\" section with \"lethalIsothermCelsius\" (which isotherm is the lethal zone)");
                }
            }
            else if (Has(item, "probeTemperatureCelsius"))
            {
                throw Error($"{where}: \"probeTemperatureCelsius\" is for cryoprobes only");
            }

            var source = SourceKey(item, where);
            if (!item.TryGetProperty("settings", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw Error($"{where}: \"settings\" must be an array of zone-table rows");
            }

            var settings = new List<AblationSetting>();
            var n = 0;
            foreach (var row in list.EnumerateArray())
            {
                var setting = Setting(row, $"{where}: settings[{n++}]", modality, lethal);
                if (settings.Any(x => x.Id == setting.Id))
                {
                    throw Error($"{where}: duplicate setting id '{setting.Id}'");
                }

                settings.Add(setting);
            }

            if (settings.Count == 0)
            {
                throw Error($"{where}: \"settings\" is empty (a device needs at least one zone-table row)");
            }

            return new AblationDevice(id, name, manufacturer, modality, kind, gauge, shaft, tip, cluster, probeTemperature, settings.AsReadOnly(), source);
        }

        private AblationSetting Setting(JsonElement row, string where, AblationModality modality, double? lethal)
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{where} must be an object");
            }

            var id = String(row, "id", where);
            if (!SettingIdPattern().IsMatch(id))
            {
                throw Error($"{where}.id '{id}' must be letters, digits and dashes");
            }

            where = $"{where} '{id}'";
            Known(row, SettingFields, where);
            var tissue = String(row, "tissue", where);
            var source = SourceKey(row, where);
            if (!row.TryGetProperty("verify", out var verify) || verify.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Error($"{where}: \"verify\" must be true or false");
            }

            if (modality != AblationModality.Cryo)
            {
                double? power = null;
                if (Has(row, "powerWatts"))
                {
                    power = Positive(row, "powerWatts", where);
                }
                else if (modality == AblationModality.Microwave)
                {
                    throw Error($"{where}: \"powerWatts\" is missing (a microwave row gives the generator power)");
                }

                if (Has(row, "freezeThawMinutes") || Has(row, "isotherms"))
                {
                    throw Error($"{where}: \"freezeThawMinutes\" and \"isotherms\" are for cryo rows only");
                }

                var duration = Positive(row, "durationMinutes", where);
                var zone = Zone(Property(row, "zone", where), $"{where}: zone");
                return new AblationSetting(id, power, duration, [], zone, [], tissue, source, verify.GetBoolean());
            }

            if (Has(row, "powerWatts") || Has(row, "zone"))
            {
                throw Error($"{where}: a cryo row gives \"freezeThawMinutes\" and \"isotherms\", not \"powerWatts\" or \"zone\" (its lethal zone is the {lethal} °C isotherm)");
            }

            if (!row.TryGetProperty("freezeThawMinutes", out var protocol) || protocol.ValueKind != JsonValueKind.Array || protocol.GetArrayLength() == 0)
            {
                throw Error($"{where}: a cryo row needs its protocol, \"freezeThawMinutes\" (freeze, thaw, freeze… minutes)");
            }

            var phases = new List<double>();
            foreach (var p in protocol.EnumerateArray())
            {
                if (p.ValueKind != JsonValueKind.Number || !(p.GetDouble() > 0) || !double.IsFinite(p.GetDouble()))
                {
                    throw Error($"{where}: freezeThawMinutes[{phases.Count}] must be a number of minutes > 0");
                }

                phases.Add(p.GetDouble());
            }

            if (phases.Count % 2 == 0)
            {
                throw Error($"{where}: freezeThawMinutes must start and end with a freeze (an odd number of phases), not {phases.Count}");
            }

            var freezing = phases.Where((_, i) => i % 2 == 0).Sum();
            var total = Has(row, "durationMinutes") ? Positive(row, "durationMinutes", where) : freezing;
            if (!row.TryGetProperty("isotherms", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw Error($"{where}: a cryo row needs \"isotherms\" (0, -20 and -40 °C)");
            }

            var isotherms = new List<AblationIsotherm>();
            var n = 0;
            foreach (var e in list.EnumerateArray())
            {
                var at = $"{where}: isotherms[{n++}]";
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw Error($"{at} must be an object");
                }

                Known(e, IsothermFields, at);
                var temperature = Number(e, "temperatureCelsius", at);
                if (temperature > 0)
                {
                    throw Error($"{at}: temperatureCelsius {temperature} must be 0 °C or colder");
                }

                if (isotherms.Any(x => x.TemperatureCelsius == temperature))
                {
                    throw Error($"{at}: the {temperature} °C isotherm is given twice");
                }

                isotherms.Add(new AblationIsotherm(temperature, Zone(Property(e, "zone", at), $"{at}: zone")));
            }

            // Warmest first: each colder isotherm must lie inside the warmer one (−40 inside −20 inside 0 °C).
            isotherms.Sort((a, b) => b.TemperatureCelsius.CompareTo(a.TemperatureCelsius));
            for (var i = 1; i < isotherms.Count; i++)
            {
                if (!TableEllipsoidNesting.Inside(isotherms[i].Shape, isotherms[i - 1].Shape))
                {
                    throw Error(string.Create(CultureInfo.InvariantCulture, $"{where}: the {isotherms[i].TemperatureCelsius} °C isotherm is not inside the {isotherms[i - 1].TemperatureCelsius} °C isotherm (colder isotherms lie inside warmer ones)"));
                }
            }

            var lethalIsotherm = isotherms.FirstOrDefault(x => x.TemperatureCelsius == lethal)
                ?? throw Error($"{where}: no {lethal} °C isotherm, the library's lethal isotherm (cryo.lethalIsothermCelsius)");
            return new AblationSetting(id, null, total, phases.AsReadOnly(), lethalIsotherm.Shape, isotherms.AsReadOnly(), tissue, source, verify.GetBoolean());
        }

        private AblationZoneShape Zone(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{where} must be an object with lengthMm, diameterMm and distalExtentBeyondTipMm");
            }

            Known(e, ZoneFields, where);
            var length = Positive(e, "lengthMm", where);
            var diameter = Positive(e, "diameterMm", where);
            var distal = Number(e, "distalExtentBeyondTipMm", where);
            if (distal < 0 || distal > length)
            {
                throw Error($"{where}: distalExtentBeyondTipMm {distal} must lie between 0 and lengthMm {length} (the zone contains the tip)");
            }

            if (diameter > MaximumDiameterToLengthRatio * length)
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"{where}: diameterMm {diameter} is more than {MaximumDiameterToLengthRatio} × lengthMm {length}; chart zones are longer along the shaft than across it (length and diameter swapped?)"));
            }

            return new AblationZoneShape(length, diameter, distal);
        }

        private void Known(JsonElement e, string[] fields, string where)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (Array.IndexOf(fields, p.Name) < 0)
                {
                    throw Error($"{where}: unknown field \"{p.Name}\" (known: {string.Join(", ", fields)})");
                }
            }
        }

        private string SourceKey(JsonElement e, string where)
        {
            var key = String(e, "source", where);
            return _sources.ContainsKey(key) ? key : throw Error($"{where}: source '{key}' is not a key of \"sources\"");
        }

        private static bool Has(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null;

        private JsonElement Property(JsonElement e, string name, string where) =>
            e.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p : throw Error($"{where}: \"{name}\" is missing");

        private string String(JsonElement e, string name, string where)
        {
            var p = Property(e, name, where);
            return p.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.GetString())
                ? p.GetString()!
                : throw Error($"{where}: \"{name}\" must be a non-empty string");
        }

        private double Number(JsonElement e, string name, string where)
        {
            var p = Property(e, name, where);
            return p.ValueKind == JsonValueKind.Number && double.IsFinite(p.GetDouble())
                ? p.GetDouble()
                : throw Error($"{where}: \"{name}\" must be a number, not {p.GetRawText()}");
        }

        private double Positive(JsonElement e, string name, string where)
        {
            var value = Number(e, name, where);
            return value > 0 ? value : throw Error(string.Create(CultureInfo.InvariantCulture, $"{where}: \"{name}\" must be > 0, not {value}"));
        }

        private double? OptionalPositive(JsonElement e, string name, string where) => Has(e, name) ? Positive(e, name, where) : null;

        private T Enum<T>(JsonElement e, string name, string where)
            where T : struct, Enum
        {
            var text = String(e, name, where);
            return !char.IsAsciiDigit(text[0]) && !text.Contains(',', StringComparison.Ordinal) && System.Enum.TryParse<T>(text, true, out var value)
                ? value
                : throw Error($"{where}: unknown {name} '{text}' (known: {string.Join(", ", System.Enum.GetNames<T>().Select(Camel))})");
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

        private PlanningException Error(string message) => new($"{origin}: {message}");
    }
}
