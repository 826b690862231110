using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Seldinger.Clinical.Reports;

/// <summary>
/// The PDFsharp font resolver of the documents: DejaVu Sans (regular, bold, oblique) read from a
/// directory, so Spanish accents, "ñ", "µ", "≤" and "×10⁹/L" render and are embedded in every PDF.
/// </summary>
/// <remarks>
/// PDFsharp holds one resolver per process (<see cref="GlobalFontSettings.FontResolver"/>), set before
/// the first font is used; this one is installed on first use and serves any number of directories,
/// each under a family name of its own, so options that name another directory still work.
/// </remarks>
public sealed class DejaVuFontResolver : IFontResolver
{
    /// <summary>The regular face's file name.</summary>
    public const string RegularFile = "DejaVuSans.ttf";

    /// <summary>The bold face's file name.</summary>
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    /// <summary>The oblique face's file name.</summary>
    public const string ObliqueFile = "DejaVuSans-Oblique.ttf";

    private const string FamilyPrefix = "Seldinger DejaVu Sans ";

    private static readonly Lock InstallLock = new();

    private static readonly DejaVuFontResolver Instance = new();

    private readonly ConcurrentDictionary<string, string> _familyOfDirectory = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, string> _directoryOfFamily = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private DejaVuFontResolver()
    {
    }

    /// <summary>
    /// The family name under which the fonts of <paramref name="directory"/> are drawn, after checking
    /// the three faces are there and installing the resolver.
    /// </summary>
    /// <exception cref="FileNotFoundException">A face is missing from the directory.</exception>
    /// <exception cref="InvalidOperationException">Another font resolver was installed in this process.</exception>
    public static string FamilyFor(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var full = Path.GetFullPath(directory);
        var missing = new[] { RegularFile, BoldFile, ObliqueFile }.Select(f => Path.Combine(full, f)).Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"The DejaVu Sans fonts are missing: {string.Join(", ", missing)}. Install the fonts-dejavu-core package, or set the font directory (Seldinger:Documents:FontDirectory) to a directory holding {RegularFile}, {BoldFile} and {ObliqueFile}.",
                missing[0]);
        }

        Install();
        return Instance._familyOfDirectory.GetOrAdd(full, d =>
        {
            var family = FamilyPrefix + Instance._familyOfDirectory.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Instance._directoryOfFamily[family] = d;
            return family;
        });
    }

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!_directoryOfFamily.ContainsKey(familyName))
        {
            return null;
        }

        // DejaVu Sans has no bold-oblique face among the three shipped; bold wins and oblique is simulated.
        var face = bold ? BoldFile : italic ? ObliqueFile : RegularFile;
        var simulateItalic = bold && italic;
        return new FontResolverInfo(familyName + "|" + face, false, simulateItalic);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName)
    {
        ArgumentNullException.ThrowIfNull(faceName);
        return _faces.GetOrAdd(faceName, name =>
        {
            var separator = name.LastIndexOf('|');
            var directory = _directoryOfFamily[name[..separator]];
            return File.ReadAllBytes(Path.Combine(directory, name[(separator + 1)..]));
        });
    }

    private static void Install()
    {
        lock (InstallLock)
        {
            if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not null)
            {
                throw new InvalidOperationException("Another PDFsharp font resolver is installed in this process; the documents need theirs.");
            }

            GlobalFontSettings.FontResolver = Instance;
        }
    }
}
