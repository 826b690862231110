using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Seldinger.Server.Services;

/// <summary>
/// Compares two plans as JSON and says, in plain words, where they differ: "routes[0].lengthMm was 84.2, now 85.0",
/// "routes has 3 entries, now 2". The catalogue's digest and version are left to the caller, who words them itself.
/// </summary>
public static class PlanComparison
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "catalogueDigest", "catalogueVersion" };

    /// <summary>The first <paramref name="max"/> differences between two plan JSON texts, in document order.</summary>
    public static IReadOnlyList<string> Differences(string before, string after, int max)
    {
        var result = new List<string>();
        var total = 0;
        Compare(JsonNode.Parse(before), JsonNode.Parse(after), "", result, ref total, max);
        if (total > max)
        {
            result.Add($"… and {total - max} more difference(s).");
        }

        return result;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> result, ref int total, int max)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var (key, va) in oa)
                {
                    if (path.Length == 0 && Skipped.Contains(key))
                    {
                        continue;
                    }

                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!ob.TryGetPropertyValue(key, out var vb))
                    {
                        Add(result, ref total, max, $"{child} was {Show(va)}, now absent.");
                        continue;
                    }

                    Compare(va, vb, child, result, ref total, max);
                }

                foreach (var (key, vb) in ob)
                {
                    if (!oa.ContainsKey(key) && !(path.Length == 0 && Skipped.Contains(key)))
                    {
                        Add(result, ref total, max, $"{(path.Length == 0 ? key : $"{path}.{key}")} is new: {Show(vb)}.");
                    }
                }

                break;
            case (JsonArray xa, JsonArray xb):
                if (xa.Count != xb.Count)
                {
                    Add(result, ref total, max, $"{Name(path)} has {xb.Count} entries, was {xa.Count}.");
                }

                for (var n = 0; n < Math.Min(xa.Count, xb.Count); n++)
                {
                    Compare(xa[n], xb[n], $"{path}[{n}]", result, ref total, max);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    Add(result, ref total, max, $"{Name(path)} was {Show(a)}, now {Show(b)}.");
                }

                break;
        }
    }

    private static void Add(List<string> result, ref int total, int max, string line)
    {
        total++;
        if (result.Count < max)
        {
            result.Add(line);
        }
    }

    private static string Name(string path) => path.Length == 0 ? "The plan" : path;

    private static string Show(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return v.GetValue<double>().ToString("G6", CultureInfo.InvariantCulture);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                return "\"" + (s.Length > 80 ? s[..80] + "…" : s) + "\"";
            case JsonArray array:
                return $"a list of {array.Count}";
            case JsonObject:
                return "an object";
            default:
                return node.ToJsonString();
        }
    }
}
