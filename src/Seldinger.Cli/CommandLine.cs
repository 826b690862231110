namespace Seldinger.Cli;

/// <summary>
/// The parsed words of a command line: positional arguments and <c>--name value</c> / <c>--flag</c>
/// options. Unknown options are errors, so a typo never silently changes what a command does.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLine(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses; <paramref name="flags"/> are the options that take no value.</summary>
    public static CommandLine Parse(IEnumerable<string> args, params string[] flags)
    {
        var positional = new List<string>();
        var result = new CommandLine(positional);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var word = e.Current;
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                positional.Add(word);
                continue;
            }

            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result._options[word[..eq]] = word[(eq + 1)..];
            }
            else if (flags.Contains(word))
            {
                result._options[word] = null;
            }
            else if (e.MoveNext())
            {
                result._options[word] = e.Current;
            }
            else
            {
                throw new UsageException($"{word} needs a value.");
            }
        }

        return result;
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Value(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public int IntValue(string name, int fallback, int min, int max)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
    }

    public double DoubleValue(string name, double fallback, double min, double max)
    {
        var text = Value(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
            && v >= min && v <= max
            ? v
            : throw new UsageException($"{name} must be a number from {min} to {max}, not '{text}'.");
    }

    /// <summary>Throws for options that no command read.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option {string.Join(", ", unknown)}.");
        }
    }
}
