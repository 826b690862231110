using System.Text;

namespace Seldinger.DictionaryGenerator;

/// <summary>
/// Generates the DICOM data dictionary sources of Seldinger.Dicom from the pinned DCMTK
/// dictionary (data/dicom.dic). Output is deterministic: entries are sorted by tag and the
/// files carry no timestamp, so regenerating must reproduce the committed *.g.cs exactly.
/// </summary>
public static class DictionaryGenerator
{
    /// <summary>The names of the generated files.</summary>
    public static IReadOnlyList<string> OutputFiles { get; } = ["DicomDictionary.g.cs", "DicomTags.g.cs"];

    /// <summary>Reads <paramref name="dictionaryPath"/> and writes the generated sources into <paramref name="outputDirectory"/>; returns the entry count.</summary>
    public static int Generate(string dictionaryPath, string outputDirectory)
    {
        var entries = DictionaryParser.Parse(dictionaryPath);
        Directory.CreateDirectory(outputDirectory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(outputDirectory, OutputFiles[0]), SourceWriter.Dictionary(entries), utf8);
        File.WriteAllText(Path.Combine(outputDirectory, OutputFiles[1]), SourceWriter.Tags(entries), utf8);
        return entries.Count;
    }

    /// <summary>Command line entry point: <c>Seldinger.DictionaryGenerator &lt;dicom.dic&gt; &lt;output-directory&gt;</c>.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: Seldinger.DictionaryGenerator <dicom.dic> <output-directory>");
            return 2;
        }

        try
        {
            var count = Generate(args[0], args[1]);
            Console.WriteLine($"{count} entries written to {args[1]}");
            return 0;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
