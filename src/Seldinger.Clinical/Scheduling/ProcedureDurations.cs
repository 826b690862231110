using System.Text.Json;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Scheduling;

/// <summary>
/// Room time per catalogue procedure, read from <c>Data/procedure-durations.json</c> (or a site's file of
/// the same shape): minutes in the room, extra minutes with general anaesthesia, and turnover.
/// </summary>
public sealed class ProcedureDurations
{
    private const string DefaultFile = "procedure-durations.json";
    private static readonly Lazy<ProcedureDurations> DefaultDurations = new(ReadDefault);
    private readonly Dictionary<string, (int Room, int Anaesthesia)> _procedures;

    private ProcedureDurations(Dictionary<string, (int Room, int Anaesthesia)> procedures, int turnoverMinutes)
    {
        _procedures = procedures;
        TurnoverMinutes = turnoverMinutes;
    }

    /// <summary>Minutes between two bookings of a room (cleaning, setting up).</summary>
    public int TurnoverMinutes { get; }

    /// <summary>The procedure ids the file covers.</summary>
    public IReadOnlyCollection<string> ProcedureIds => _procedures.Keys;

    /// <summary>The shipped durations (read once).</summary>
    public static ProcedureDurations LoadDefault() => DefaultDurations.Value;

    /// <summary>Reads durations from JSON text of the shipped file's shape.</summary>
    /// <exception cref="ClinicalValidationException">The text is not a valid durations file; the message names the entry.</exception>
    public static ProcedureDurations Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            var turnover = Minutes(root.GetProperty("turnoverMinutes").GetProperty("value"), "turnoverMinutes", allowZero: true);
            var procedures = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("procedures").EnumerateObject())
            {
                var room = Minutes(p.Value.GetProperty("roomMinutes"), $"procedures.{p.Name}.roomMinutes", allowZero: false);
                var extra = Minutes(p.Value.GetProperty("anaesthesiaExtraMinutes"), $"procedures.{p.Name}.anaesthesiaExtraMinutes", allowZero: true);
                procedures[p.Name] = (room, extra);
            }

            return new ProcedureDurations(procedures, turnover);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ClinicalValidationException($"procedure durations: {ex.Message}", ex);
        }
    }

    /// <summary>Minutes to book for <paramref name="procedureId"/>: room time, anaesthesia extra when given, and turnover.</summary>
    /// <exception cref="ClinicalValidationException">The procedure is not in the file.</exception>
    public int MinutesFor(string procedureId, bool anaesthesia)
    {
        var (room, extra) = Entry(procedureId);
        return room + (anaesthesia ? extra : 0) + TurnoverMinutes;
    }

    /// <summary>Room minutes without anaesthesia or turnover.</summary>
    /// <exception cref="ClinicalValidationException">The procedure is not in the file.</exception>
    public int RoomMinutes(string procedureId) => Entry(procedureId).Room;

    /// <summary>Extra minutes when general anaesthesia is given.</summary>
    /// <exception cref="ClinicalValidationException">The procedure is not in the file.</exception>
    public int AnaesthesiaExtraMinutes(string procedureId) => Entry(procedureId).Anaesthesia;

    private (int Room, int Anaesthesia) Entry(string procedureId) =>
        procedureId is not null && _procedures.TryGetValue(procedureId, out var entry)
            ? entry
            : throw new ClinicalValidationException("procedureId", $"No booking duration is known for procedure '{procedureId}'.");

    private static int Minutes(JsonElement e, string where, bool allowZero)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var value) || value < (allowZero ? 0 : 1) || value > 24 * 60)
        {
            throw new ClinicalValidationException($"procedure durations: {where} must be a whole number of minutes {(allowZero ? 0 : 1)}–1440, not {e.GetRawText()}.");
        }

        return value;
    }

    private static ProcedureDurations ReadDefault()
    {
        return Parse(RulesJson.ReadEmbedded(DefaultFile));
    }
}
