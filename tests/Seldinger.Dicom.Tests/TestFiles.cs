using System.Diagnostics;

namespace Seldinger.Dicom.Tests;

/// <summary>Locations of the repository, pydicom's test corpus and a runner for the system Python with pydicom.</summary>
internal static class TestFiles
{
    public const string PythonPath = "/usr/bin/python3";

    public const string CorpusDirectory = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    private static readonly Lazy<bool> PydicomAvailable = new(() =>
    {
        try
        {
            return File.Exists(PythonPath) && RunPython("import pydicom; print('ok')").Trim() == "ok";
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public static bool HasPydicom => PydicomAvailable.Value;

    public const string NoPydicom = "pydicom is not installed for /usr/bin/python3 (apt install python3-pydicom)";

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Seldinger.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root (Seldinger.slnx) not found");
        }
    }

    public static string Corpus(string name) => Path.Combine(CorpusDirectory, name);

    /// <summary>Runs a Python script with the system interpreter; returns stdout, throws on failure.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var info = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-W");
        info.ArgumentList.Add("ignore");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start python");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }

    /// <summary>A small dataset with the usual identifying elements and 2x3 16-bit pixels.</summary>
    public static DicomDataset SmallImage()
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        ds.SetStrings(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.SetString(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        ds.SetString(DicomTags.SOPInstanceUID, "2.25.1234567890123456789");
        ds.SetString(DicomTags.Modality, "CT");
        ds.SetString(DicomTags.PatientName, "Núñez^Sofía");
        ds.SetString(DicomTags.PatientID, "P-001");
        ds.SetString(DicomTags.StudyInstanceUID, "2.25.11");
        ds.SetString(DicomTags.SeriesInstanceUID, "2.25.12");
        ds.SetDecimalStrings(DicomTags.ImagePositionPatient, -125.5, 0.1, 1.0 / 3.0);
        ds.SetDecimalStrings(DicomTags.PixelSpacing, 0.625, 0.625);
        ds.SetIntegerString(DicomTags.InstanceNumber, 7);
        ds.SetUInt16(DicomTags.Rows, 2);
        ds.SetUInt16(DicomTags.Columns, 3);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 16);
        ds.SetUInt16(DicomTags.HighBit, 15);
        ds.SetUInt16(DicomTags.PixelRepresentation, 1);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSOPClassUID, DicomUids.CTImageStorage);
        item.SetString(DicomTags.ReferencedSOPInstanceUID, "2.25.99");
        var nested = new DicomDataset();
        nested.SetString(DicomTags.CodeValue, "T-D0050");
        nested.SetString(DicomTags.CodeMeaning, "Tissue");
        item.SetSequence(DicomTags.PurposeOfReferenceCodeSequence, [nested]);
        ds.SetSequence(DicomTags.ReferencedImageSequence, [item, new DicomDataset()]);
        var pixels = new byte[12];
        short[] values = [-1000, 0, 1, 2, 300, 4000];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(i * 2), values[i]);
        }

        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return ds;
    }
}
