using System.Globalization;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger phantom</c>: synthetic CT as DICOM plus its label map (NRRD and DICOM SEG). Without
/// <c>--case</c> the abdominal biopsy phantom; with <c>--case NAME</c> a case of the pediatric phantom
/// library (and a manifest.json); <c>--list</c> prints the cases.
/// </summary>
internal static class PhantomCommand
{
    public static int Run(CommandLine line)
    {
        if (line.Flag("--list"))
        {
            line.RejectUnknown();
            foreach (var c in PhantomCatalogue.Cases)
            {
                CliApp.Say($"{c.Name,-24} {string.Join(", ", c.Procedures),-44} {PhantomManifest.Kebab(c.Region.ToString()),-15} {PhantomManifest.PhaseName(c.DefaultPhase)}");
            }

            return 0;
        }

        return line.Value("--case") is { } name ? RunCase(line, name) : RunAbdomen(line);
    }

    private static SegmentationType SegType(CommandLine line) => line.Value("--seg") switch
    {
        null or "binary" => SegmentationType.Binary,
        "labelmap" => SegmentationType.LabelMap,
        var other => throw new UsageException($"--seg must be binary or labelmap, not '{other}'."),
    };

    private static int RunAbdomen(CommandLine line)
    {
        var output = line.Value("--out") ?? throw new UsageException("phantom needs --out DIR (or --case NAME, or --list).");
        var defaults = new AbdomenPhantomOptions();
        var options = defaults with
        {
            Seed = line.IntValue("--seed", defaults.Seed, int.MinValue, int.MaxValue),
            AgeYears = line.DoubleValue("--age", defaults.AgeYears, 1, 18),
            NoiseSigmaHu = line.DoubleValue("--noise", defaults.NoiseSigmaHu, 0, 200),
        };
        var segType = SegType(line);
        line.RejectUnknown();

        var phantom = AbdomenPhantom.Generate(options);
        var description = new CtSeriesDescription
        {
            PatientName = "PHANTOM^Abdomen",
            PatientId = $"SLD-PHANTOM-{options.Seed}",
            PatientAgeYears = options.AgeYears,
            StudyDescription = "CT abdomen (phantom)",
            SeriesDescription = $"Axial {options.SliceThicknessMm:0.##} mm (phantom, seed {options.Seed})",
        };
        var files = CtSeriesWriter.Write(phantom.Hounsfield, description, output);
        NrrdLabelMap.Write(phantom.Labels, Path.Combine(output, "labels.nrrd"));
        // The SEG goes in a subfolder so that reading the series folder finds only the CT slices.
        var segmentation = Path.Combine(output, "segmentation", "labels-seg.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(segmentation)!);
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(DicomSeriesReader.ReadLayout(files)), segmentation,
            new DicomSegWriteOptions { Type = segType });
        var g = phantom.Hounsfield.Geometry;
        CliApp.Say($"Wrote {files.Count} CT slices ({g.SizeI}×{g.SizeJ}, {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm) to {Path.GetFullPath(output)}, with the label map as labels.nrrd and as DICOM SEG (segmentation/labels-seg.dcm).");
        CliApp.Say($"Lesion: centre ({phantom.LesionCenter.X:0.0}, {phantom.LesionCenter.Y:0.0}, {phantom.LesionCenter.Z:0.0}) mm LPS, radius {phantom.LesionRadiusMm:0.0} mm.");
        return 0;
    }

    private static int RunCase(CommandLine line, string name)
    {
        var definition = PhantomCatalogue.Find(name) ?? throw new UsageException($"Unknown phantom case '{name}'; valid cases: {PhantomCatalogue.Names}.");
        var output = line.Value("--out") ?? throw new UsageException("phantom --case needs --out DIR.");
        var tables = PediatricAnthropometry.Default;
        var ages = string.Join(", ", tables.Ages.Select(a => a.ToString(CultureInfo.InvariantCulture)));
        var ageText = line.Value("--age");
        var age = 5.0;
        if (ageText is not null && (!double.TryParse(ageText, NumberStyles.Float, CultureInfo.InvariantCulture, out age)
            || !(age >= tables.MinimumAge && age <= tables.MaximumAge)))
        {
            throw new UsageException($"--age must be one of {ages} years (or an age in between, interpolated), not '{ageText}'.");
        }

        ContrastPhase? phase = line.Value("--phase") switch
        {
            null => null,
            "none" => ContrastPhase.None,
            "arterial" => ContrastPhase.Arterial,
            "portal" => ContrastPhase.Portal,
            var other => throw new UsageException($"--phase must be none, arterial or portal, not '{other}'."),
        };
        var hasDose = line.Value("--dose-mgy") is not null;
        var hasNoise = line.Value("--noise") is not null;
        if (hasDose && hasNoise)
        {
            throw new UsageException("Give --dose-mgy or --noise, not both.");
        }

        var options = new WholeBodyPhantomOptions
        {
            Case = definition.Name,
            AgeYears = age,
            Phase = phase,
            DoseMgy = hasDose ? line.DoubleValue("--dose-mgy", 1, 0.01, 1000) : null,
            NoiseSigmaHu = hasNoise ? line.DoubleValue("--noise", 0, 0, 1000) : null,
            Seed = line.IntValue("--seed", 1, int.MinValue, int.MaxValue),
            Size = line.IntValue("--size", 256, 16, 1024),
            SliceCount = line.Value("--slices") is null ? null : line.IntValue("--slices", 0, 1, 2048),
        };
        var segType = SegType(line);
        line.RejectUnknown();

        var phantom = WholeBodyPhantom.Generate(options);
        var description = new CtSeriesDescription
        {
            PatientName = $"PHANTOM^{definition.Name}",
            PatientId = $"SLD-PHANTOM-{definition.Name}-{options.Seed}",
            PatientAgeYears = age,
            PatientWeightKg = Math.Round(tables.Value("weightKg", age), 1),
            StudyDescription = $"CT {PhantomManifest.Kebab(definition.Region.ToString())} (phantom {definition.Name})",
            SeriesDescription = $"Axial {phantom.Hounsfield.Geometry.SpacingK:0.##} mm {PhantomManifest.PhaseName(phantom.Phase)} (phantom, seed {options.Seed})",
            BodyPartExamined = definition.Region switch
            {
                BodyRegion.Chest or BodyRegion.ArmChest => "CHEST",
                BodyRegion.NeckChest => "NECK",
                BodyRegion.Hip => "HIP",
                BodyRegion.Thigh => "LEG",
                BodyRegion.Knee => "KNEE",
                BodyRegion.AbdomenPelvis => "ABDOMENPELVIS",
                _ => "ABDOMEN",
            },
        };
        var files = CtSeriesWriter.Write(phantom.Hounsfield, description, output);
        NrrdLabelMap.Write(phantom.Labels, Path.Combine(output, "labels.nrrd"));
        var segmentation = Path.Combine(output, "segmentation", "labels-seg.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(segmentation)!);
        DicomSegWriter.Write(phantom.Labels, SegmentationSource.FromLayout(DicomSeriesReader.ReadLayout(files)), segmentation,
            new DicomSegWriteOptions { Type = segType });
        PhantomManifest.Write(phantom, Path.Combine(output, "manifest.json"), new Dictionary<string, string>
        {
            ["ct"] = ".",
            ["labels"] = "labels.nrrd",
            ["segmentation"] = "segmentation/labels-seg.dcm",
        });

        var g = phantom.Hounsfield.Geometry;
        var t = phantom.Target;
        CliApp.Say(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {files.Count} CT slices ({g.SizeI}×{g.SizeJ}, {g.SpacingI:0.###}×{g.SpacingJ:0.###}×{g.SpacingK:0.###} mm) of '{definition.Name}' (age {age:0.#} y, {PhantomManifest.PhaseName(phantom.Phase)} phase, noise σ {phantom.NoiseSigmaHu:0.#} HU) to {Path.GetFullPath(output)}, with labels.nrrd, segmentation/labels-seg.dcm and manifest.json."));
        CliApp.Say(string.Create(CultureInfo.InvariantCulture,
            $"Target: {t.Label} at ({t.Center.X:0.0}, {t.Center.Y:0.0}, {t.Center.Z:0.0}) mm LPS, {t.SizeMm:0.#} mm: {t.Description}."));
        return 0;
    }
}
