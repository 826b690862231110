using System.Text.Json;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Internal;

/// <summary>Parses a data file (devices, tissue properties) that may carry comments and trailing commas, as people edit them.</summary>
internal static class DataFileJson
{
    /// <summary>Parses <paramref name="json"/> and hands its root to <paramref name="read"/>; bad JSON is a PlanningException naming <paramref name="sourceName"/>.</summary>
    public static T Read<T>(string json, string sourceName, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PlanningException($"{sourceName}: not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return read(document.RootElement);
        }
    }
}
