using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Segmentation;
using Seldinger.Imaging.Series;

namespace Seldinger.Cli.Commands;

/// <summary><c>seldinger phantom --out DIR</c>: the abdominal CT phantom as DICOM plus its label map (NRRD and DICOM SEG).</summary>
internal static class PhantomCommand
{
    public static int Run(CommandLine line)
    {
        var output = line.Value("--out") ?? throw new UsageException("phantom needs --out DIR.");
        var defaults = new AbdomenPhantomOptions();
        var options = defaults with
        {
            Seed = line.IntValue("--seed", defaults.Seed, int.MinValue, int.MaxValue),
            AgeYears = line.DoubleValue("--age", defaults.AgeYears, 1, 18),
            NoiseSigmaHu = line.DoubleValue("--noise", defaults.NoiseSigmaHu, 0, 200),
        };
        var segType = line.Value("--seg") switch
        {
            null or "binary" => SegmentationType.Binary,
            "labelmap" => SegmentationType.LabelMap,
            var other => throw new UsageException($"--seg must be binary or labelmap, not '{other}'."),
        };
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
}
