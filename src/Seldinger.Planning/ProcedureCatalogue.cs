using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Seldinger.Imaging;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Planning;

/// <summary>
/// The catalogue of procedures as data: the shipped default (<c>Data/procedure-catalogue.json</c>, embedded in
/// the assembly) or a clinician's own file of the same format. Every file is validated when it is read; an
/// error names the entry and the field.
/// </summary>
/// <param name="Version">Format version of the file (<see cref="SupportedVersion"/>).</param>
/// <param name="Description">What the file is.</param>
/// <param name="Sources">Sources by key; every clinical number names one.</param>
/// <param name="Procedures">The procedures, in file order.</param>
public sealed partial record ProcedureCatalogue(
    int Version,
    string Description,
    IReadOnlyDictionary<string, string> Sources,
    IReadOnlyList<ProcedureDefinition> Procedures)
{
    /// <summary>The format version this build reads.</summary>
    public const int SupportedVersion = 1;

    private const string DefaultResource = "Seldinger.Planning.Data.procedure-catalogue.json";

    private static readonly Lazy<ProcedureCatalogue> DefaultCatalogue = new(ReadDefault);

    /// <summary>The shipped catalogue (read and validated once).</summary>
    public static ProcedureCatalogue Default => DefaultCatalogue.Value;

    /// <summary>The shipped catalogue.</summary>
    public static ProcedureCatalogue LoadDefault() => DefaultCatalogue.Value;

    /// <summary>Reads and validates a catalogue file.</summary>
    /// <exception cref="ProcedureCatalogueException">The file is not a valid catalogue; the message names the entry and field.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ProcedureCatalogue Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads and validates catalogue text; <paramref name="origin"/> names it in messages.</summary>
    /// <exception cref="ProcedureCatalogueException">The text is not a valid catalogue; the message names the entry and field.</exception>
    public static ProcedureCatalogue Parse(string json, string origin = "procedure catalogue")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ProcedureCatalogueException($"{origin}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return new Reader(origin).Catalogue(document.RootElement) with { Digest = DigestOf(json) };
        }
    }

    /// <summary>
    /// SHA-256 of the catalogue text (lower-case hex): stored with every plan so that a re-run can tell
    /// whether the rules it was planned under have changed since.
    /// </summary>
    public string Digest { get; init; } = "";

    /// <summary>The SHA-256 of catalogue text as <see cref="Digest"/> reports it.</summary>
    public static string DigestOf(string json) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));

    /// <summary>The procedure with this id (ordinal), or <see langword="null"/>.</summary>
    public ProcedureDefinition? Find(string id) => Procedures.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The text of a source key, or <see langword="null"/>.</summary>
    public string? SourceText(string key) => Sources.TryGetValue(key, out var text) ? text : null;

    /// <summary>JSON options that write the catalogue as the API does (camelCase, enums as names).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static ProcedureCatalogue ReadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource {DefaultResource} is missing from the planning library.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "procedure-catalogue.json");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    /// <summary>Reads one document, keeping the origin for messages.</summary>
    private sealed class Reader(string origin)
    {
        private IReadOnlyDictionary<string, string> _sources = new Dictionary<string, string>();

        public ProcedureCatalogue Catalogue(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("the catalogue must be a JSON object");
            }

            if (!root.TryGetProperty("version", out var v))
            {
                throw Error($"\"version\" is missing (this build reads version {SupportedVersion})");
            }

            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != SupportedVersion)
            {
                throw Error($"\"version\" {v.GetRawText()} is not supported (this build reads version {SupportedVersion})");
            }

            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
            if (!root.TryGetProperty("sources", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                throw Error("\"sources\" must be an object of source key → citation");
            }

            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in s.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(p.Value.GetString()))
                {
                    throw Error($"sources.{p.Name}: the citation must be a non-empty string");
                }

                sources[p.Name] = p.Value.GetString()!;
            }

            _sources = sources;
            var list = Array(root, "procedures", "catalogue");
            var procedures = new List<ProcedureDefinition>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var procedure = Procedure(item, index++);
                if (!ids.Add(procedure.Id))
                {
                    throw Error($"procedures[{index - 1}]: duplicate id '{procedure.Id}'");
                }

                procedures.Add(procedure);
            }

            if (procedures.Count == 0)
            {
                throw Error("\"procedures\" is empty");
            }

            return new ProcedureCatalogue(version, description, sources.AsReadOnly(), procedures.AsReadOnly());
        }

        private ProcedureDefinition Procedure(JsonElement item, int index)
        {
            var where = $"procedures[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{where} must be an object");
            }

            var id = String(item, "id", where);
            if (!IdPattern().IsMatch(id))
            {
                throw Error($"{where}.id '{id}' must be lowercase kebab-case (a-z, 0-9, '-')");
            }

            where = $"procedure '{id}'";
            var name = String(item, "name", where);
            var guidance = Array(item, "guidance", where).EnumerateArray().Select((g, i) => Enum<GuidanceModality>(g, $"{where}: guidance[{i}]")).ToList();
            if (guidance.Count == 0)
            {
                throw Error($"{where}: \"guidance\" names no modality");
            }

            var route = Enum<RouteKind>(Property(item, "route", where), $"{where}: route");
            var thoracic = Bool(item, "thoracic", where);
            var targets = Array(item, "targets", where).EnumerateArray().Select((t, i) => Label(t, $"{where}: targets[{i}]")).ToList();
            if (targets.Count == 0)
            {
                throw Error($"{where}: \"targets\" names no tissue label");
            }

            var protect = Array(item, "protect", where).EnumerateArray().Select((p, i) => Protection(p, $"{where}: protect[{i}]")).ToList();
            if (protect.GroupBy(p => p.Label).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw Error($"{where}: \"protect\" names {twice.Key} twice");
            }

            var constraints = Constraints(Property(item, "constraints", where), thoracic, $"{where}: constraints");
            var objectives = Array(item, "objectives", where).EnumerateArray().Select((o, i) => Objective(o, $"{where}: objectives[{i}]")).ToList();
            var devices = Array(item, "devices", where).EnumerateArray().Select((o, i) => Device(o, $"{where}: devices[{i}]")).ToList();
            var risk = BleedingRisk(Property(item, "bleedingRisk", where), $"{where}: bleedingRisk");
            var parameters = item.TryGetProperty("parameters", out _)
                ? Array(item, "parameters", where).EnumerateArray().Select((o, i) => Parameter(o, $"{where}: parameters[{i}]")).ToList()
                : [];
            var phantoms = Array(item, "phantomCases", where).EnumerateArray().Select((c, i) => PhantomCase(c, $"{where}: phantomCases[{i}]")).ToList();
            return new ProcedureDefinition(id, name, guidance.AsReadOnly(), route, thoracic, targets.AsReadOnly(), protect.AsReadOnly(), constraints,
                objectives.AsReadOnly(), devices.AsReadOnly(), risk, parameters.AsReadOnly(), phantoms.AsReadOnly());
        }

        private ProcedureProtection Protection(JsonElement e, string where)
        {
            RequireObject(e, where);
            var label = Label(Property(e, "label", where), $"{where}.label");
            var mm = Number(e, "minimumClearanceMm", where);
            if (mm < 0)
            {
                throw Error($"{where}.minimumClearanceMm ({Format(mm)}) is negative; clearances are ≥ 0 mm");
            }

            return new ProcedureProtection(label, mm, Source(e, where), Verify(e, where));
        }

        private ProcedureConstraints Constraints(JsonElement e, bool thoracic, string where)
        {
            RequireObject(e, where);
            var constraints = new ProcedureConstraints(
                Bool(e, "lungCrossing", where), Bool(e, "bowelCrossing", where), Bool(e, "pleuraCrossing", where),
                Bool(e, "boneCrossing", where), Bool(e, "intercostalAboveRib", where));
            if (!thoracic && constraints.LungCrossing)
            {
                throw Error($"{where}.lungCrossing is allowed only for thoracic procedures (\"thoracic\": true)");
            }

            if (!thoracic && constraints.IntercostalAboveRib)
            {
                throw Error($"{where}.intercostalAboveRib applies only to thoracic procedures (\"thoracic\": true)");
            }

            return constraints;
        }

        private ProcedureObjective Objective(JsonElement e, string where)
        {
            RequireObject(e, where);
            var kind = Enum<ObjectiveKind>(Property(e, "kind", where), $"{where}.kind");
            var weight = Number(e, "weight", where);
            if (weight < 0)
            {
                throw Error($"{where}.weight ({Format(weight)}) is negative; weights are ≥ 0");
            }

            return new ProcedureObjective(kind, weight);
        }

        private ProcedureDevice Device(JsonElement e, string where)
        {
            RequireObject(e, where);
            var kind = Enum<DeviceKind>(Property(e, "kind", where), $"{where}.kind");
            var gauge = OptionalNumber(e, "gauge", where, 6, 34);
            var french = OptionalNumber(e, "french", where, 1, 40);
            var length = OptionalNumber(e, "lengthMm", where, 1, 10_000);
            if (gauge is null && french is null && length is null)
            {
                throw Error($"{where} needs a size: \"gauge\", \"french\" or \"lengthMm\"");
            }

            return new ProcedureDevice(kind, gauge, french, length, Source(e, where), Verify(e, where));
        }

        private ProcedureBleedingRisk BleedingRisk(JsonElement e, string where)
        {
            RequireObject(e, where);
            var cls = Enum<BleedingRiskClass>(Property(e, "class", where), $"{where}.class");
            var note = e.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            return new ProcedureBleedingRisk(cls, note, Source(e, where), Verify(e, where));
        }

        private ProcedureParameter Parameter(JsonElement e, string where)
        {
            RequireObject(e, where);
            var name = String(e, "name", where);
            return new ProcedureParameter(name, Number(e, "value", where), String(e, "unit", where), Source(e, where), Verify(e, where));
        }

        private string PhantomCase(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.String || PhantomCatalogue.Find(e.GetString()!) is not { } found)
            {
                throw Error($"{where}: unknown phantom case {e.GetRawText()}; valid cases: {PhantomCatalogue.Names}");
            }

            return found.Name;
        }

        private TissueLabel Label(JsonElement e, string where)
        {
            if (e.ValueKind == JsonValueKind.String && System.Enum.TryParse<TissueLabel>(e.GetString(), ignoreCase: false, out var label)
                && System.Enum.IsDefined(label) && !int.TryParse(e.GetString(), CultureInfo.InvariantCulture, out _))
            {
                return label;
            }

            throw Error($"{where}: unknown tissue label {e.GetRawText()}; valid labels: {string.Join(", ", System.Enum.GetNames<TissueLabel>())}");
        }

        private T Enum<T>(JsonElement e, string where)
            where T : struct, Enum
        {
            var names = System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray();
            if (e.ValueKind == JsonValueKind.String && System.Array.IndexOf(names, e.GetString()) is var i and >= 0)
            {
                return System.Enum.GetValues<T>()[i];
            }

            throw Error($"{where}: unknown value {e.GetRawText()}; expected one of {string.Join(", ", names)}");
        }

        private string Source(JsonElement e, string where)
        {
            if (!e.TryGetProperty("source", out var s) || s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString()))
            {
                throw Error($"{where}.source is missing: every clinical number names a key of \"sources\"");
            }

            var key = s.GetString()!;
            if (!_sources.ContainsKey(key))
            {
                throw Error($"{where}.source '{key}' is not a key of \"sources\" ({string.Join(", ", _sources.Keys)})");
            }

            return key;
        }

        private bool Verify(JsonElement e, string where) =>
            e.TryGetProperty("verify", out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Error($"{where}.verify must be true or false"),
                }
                : false;

        private JsonElement Property(JsonElement e, string name, string where) =>
            e.TryGetProperty(name, out var value) ? value : throw Error($"{where}: \"{name}\" is missing");

        private JsonElement Array(JsonElement e, string name, string where)
        {
            var value = Property(e, name, where);
            return value.ValueKind == JsonValueKind.Array ? value : throw Error($"{where}: \"{name}\" must be an array");
        }

        private string String(JsonElement e, string name, string where)
        {
            var value = Property(e, name, where);
            return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!
                : throw Error($"{where}: \"{name}\" must be a non-empty string");
        }

        private bool Bool(JsonElement e, string name, string where) => Property(e, name, where).ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{where}: \"{name}\" must be true or false"),
        };

        private double Number(JsonElement e, string name, string where)
        {
            var value = Property(e, name, where);
            return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var x) && double.IsFinite(x)
                ? x
                : throw Error($"{where}.{name} must be a number, not {value.GetRawText()}");
        }

        private double? OptionalNumber(JsonElement e, string name, string where, double min, double max)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var x = Number(e, name, where);
            return x >= min && x <= max ? x : throw Error($"{where}.{name} ({Format(x)}) must lie in {Format(min)}–{Format(max)}");
        }

        private void RequireObject(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw Error($"{where} must be an object");
            }
        }

        private static string Format(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

        private ProcedureCatalogueException Error(string message) => new($"{origin}: {message}.");
    }
}

/// <summary>A procedure catalogue file is not valid; the message names the file, the entry and the field.</summary>
public sealed class ProcedureCatalogueException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ProcedureCatalogueException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcedureCatalogueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProcedureCatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
