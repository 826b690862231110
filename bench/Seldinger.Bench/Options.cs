using System.Globalization;

namespace Seldinger.Bench;

/// <summary>Tiny option parsing: "--name value" pairs.</summary>
internal static class Options
{
    public static string? String(string[] args, string name)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
