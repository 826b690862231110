using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Seldinger.Dicom.Tests;

/// <summary>
/// Every file of pydicom's test_files and charset_files (recursively, non-DICOM files included), read by us,
/// by pydicom and by DCMTK. The expected outcome of each file is written down below, so any change of
/// behaviour fails: a file that reads must give the same DICOM JSON as pydicom's to_json_dict (after the
/// normalisations of <see cref="CorpusJsonComparer"/>, listed in docs/dicom.md), with only the differences
/// listed for it; a file that does not read must fail with the located message listed for it.
/// </summary>
public class CorpusParityTests(CorpusOracle oracle) : IClassFixture<CorpusOracle>
{
    // Differences that remain, each with its reason:
    // - "7FE00010: vr OW vs ours OB": encapsulated pixel data whose file says OW; PS3.5 A.4 makes it OB and
    //   our element for fragments is OB. The bytes are compared and equal.
    // - Read(n) counts private elements of implicit VR files that pydicom types from its private dictionary
    //   (by creator); we have no private dictionary and keep them as UN (their bytes are still ours).
    // Files that do not read: "NotDicom" ones pydicom also refuses without force=True; "Rejected" ones are
    // truncated files that pydicom (force=True) reads partly (ours with DicomReadOptions.AllowTruncated, see
    // ReaderRecoveryTests). SC_rgb_jpeg (implicit VR under an explicit VR transfer syntax) and
    // DICOMDIR-nooffset (last item longer than its sequence) read with a warning, as in pydicom.
    private static readonly Dictionary<string, Outcome> Expected = new(StringComparer.Ordinal)
    {
        ["charset_files/FileInfo.txt"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["charset_files/chrArab.dcm"] = Read(0),
        ["charset_files/chrFren.dcm"] = Read(0),
        ["charset_files/chrFrenMulti.dcm"] = Read(0),
        ["charset_files/chrGerm.dcm"] = Read(0),
        ["charset_files/chrGreek.dcm"] = Read(0),
        ["charset_files/chrH31.dcm"] = Read(0),
        ["charset_files/chrH32.dcm"] = Read(0),
        ["charset_files/chrHbrw.dcm"] = Read(0),
        ["charset_files/chrI2.dcm"] = Read(0),
        ["charset_files/chrJapMulti.dcm"] = Read(9),
        ["charset_files/chrJapMultiExplicitIR6.dcm"] = Read(9),
        ["charset_files/chrKoreanMulti.dcm"] = Read(9),
        ["charset_files/chrRuss.dcm"] = Read(0),
        ["charset_files/chrSQEncoding.dcm"] = Read(0),
        ["charset_files/chrSQEncoding1.dcm"] = Read(0),
        ["charset_files/chrX1.dcm"] = Read(0),
        ["charset_files/chrX2.dcm"] = Read(0),
        ["test_files/693_J2KI.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/CT_small.dcm"] = Read(0),
        ["test_files/ExplVR_BigEnd.dcm"] = Read(0),
        ["test_files/ExplVR_BigEndNoMeta.dcm"] = Read(0),
        ["test_files/ExplVR_LitEndNoMeta.dcm"] = Read(0),
        ["test_files/GDCMJ2K_TextGBR.dcm"] = Read(0),
        ["test_files/J2K_pixelrep_mismatch.dcm"] = Read(3),
        ["test_files/JPEG-lossy.dcm"] = Read(0),
        ["test_files/JPEG2000-embedded-sequence-delimiter.dcm"] = Read(0),
        ["test_files/JPEG2000.dcm"] = Read(0),
        ["test_files/JPGExtended.dcm"] = Read(0),
        ["test_files/MR_small.dcm"] = Read(0),
        ["test_files/MR_small_RLE.dcm"] = Read(0),
        ["test_files/MR_small_bigendian.dcm"] = Read(0),
        ["test_files/MR_small_expb.dcm"] = Read(0),
        ["test_files/MR_small_implicit.dcm"] = Read(0),
        ["test_files/MR_small_jp2klossless.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/MR_small_jpeg_ls_lossless.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/MR_small_padded.dcm"] = Read(0),
        ["test_files/MR_truncated.dcm"] = Rejected("byte 1488: element (7FE0,0010) declares 8192 bytes but only 8130 remain"),
        ["test_files/README.txt"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/SC_jpeg_no_color_transform.dcm"] = Read(0),
        ["test_files/SC_jpeg_no_color_transform_2.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cr.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cy+n1.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cy+n2.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cy+np.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm"] = Read(0),
        ["test_files/SC_rgb_dcmtk_+eb+cy+s4.dcm"] = Read(0),
        ["test_files/SC_rgb_gdcm_KY.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg_app14_dcmd.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg_dcmd.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg_dcmtk.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg_gdcm.dcm"] = Read(0),
        ["test_files/SC_rgb_jpeg_lossy_gdcm.dcm"] = Read(0),
        ["test_files/SC_rgb_rle.dcm"] = Read(0),
        ["test_files/SC_rgb_rle_16bit.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/SC_rgb_rle_16bit_2frame.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/SC_rgb_rle_2frame.dcm"] = Read(0),
        ["test_files/SC_rgb_rle_32bit.dcm"] = Read(0),
        ["test_files/SC_rgb_rle_32bit_2frame.dcm"] = Read(0),
        ["test_files/SC_rgb_small_odd.dcm"] = Read(0),
        ["test_files/SC_rgb_small_odd_jpeg.dcm"] = Read(0),
        ["test_files/SC_ybr_full_422_uncompressed.dcm"] = Read(0),
        ["test_files/UN_sequence.dcm"] = Read(0),
        ["test_files/badVR.dcm"] = ReadPydicomFails("ValueError: invalid literal for int() with base 10: '1A'"),
        ["test_files/dicomdirtests/77654033/CR1/6154"] = Read(0),
        ["test_files/dicomdirtests/77654033/CR2/6247"] = Read(0),
        ["test_files/dicomdirtests/77654033/CR3/6278"] = Read(0),
        ["test_files/dicomdirtests/77654033/CT2/17106"] = Read(0),
        ["test_files/dicomdirtests/77654033/CT2/17136"] = Read(0),
        ["test_files/dicomdirtests/77654033/CT2/17166"] = Read(0),
        ["test_files/dicomdirtests/77654033/CT2/17196"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT2N/6293"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT2N/6924"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT5N/2062"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT5N/2392"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT5N/2693"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT5N/3023"] = Read(0),
        ["test_files/dicomdirtests/98892001/CT5N/3353"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR1/15820"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR1/4919"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR1/5641"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/15970"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/4950"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/4981"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/5011"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/6273"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/6605"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR2/6935"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4467"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4528"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4558"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4588"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4618"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4648"] = Read(0),
        ["test_files/dicomdirtests/98892003/MR700/4678"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-bigEnd"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-empty.dcm"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-implicit"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-nooffset"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-nopatient"] = Read(0),
        ["test_files/dicomdirtests/DICOMDIR-reordered"] = Read(0),
        ["test_files/dicomdirtests/README.txt"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/dicomdirtests/TINY_ALPHA/DICOMDIR"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000000"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000001"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000002"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000003"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000004"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000005"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000006"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000007"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000008"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000009"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000A"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000B"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000C"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000D"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000E"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000F"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000G"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000H"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000I"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000J"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000K"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000L"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000M"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000N"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000O"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000P"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000Q"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000R"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000S"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000T"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000U"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000V"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000W"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000X"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000Y"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00000Z"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000010"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000011"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000012"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000013"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000014"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000015"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000016"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000017"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000018"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM000019"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00001A"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00001B"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00001C"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/PT000000/ST000000/SE000000/IM00001D"] = Read(0),
        ["test_files/dicomdirtests/TINY_ALPHA/README"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/empty_charset_LEI.dcm"] = Read(0),
        ["test_files/image_dfl.dcm"] = Read(0),
        ["test_files/liver_1frame.dcm"] = Read(0),
        ["test_files/liver_expb_1frame.dcm"] = Read(0),
        ["test_files/meta_missing_tsyntax.dcm"] = Read(0),
        ["test_files/nested_priv_SQ.dcm"] = Read(0),
        ["test_files/no_meta.dcm"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/no_meta_group_length.dcm"] = Read(0),
        ["test_files/priv_SQ.dcm"] = Read(0),
        ["test_files/reportsi.dcm"] = Read(0),
        ["test_files/reportsi_with_empty_number_tags.dcm"] = Read(0),
        ["test_files/rtdose.dcm"] = Read(0),
        ["test_files/rtdose_1frame.dcm"] = Read(0),
        ["test_files/rtdose_expb.dcm"] = Read(0),
        ["test_files/rtdose_expb_1frame.dcm"] = Read(0),
        ["test_files/rtdose_rle.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/rtdose_rle_1frame.dcm"] = Read(0, "7FE00010: vr OW vs ours OB"),
        ["test_files/rtplan.dcm"] = Read(0),
        ["test_files/rtplan.dump"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/rtplan_truncated.dcm"] = Rejected("byte 1410: element (300A,00B0) declares 976 bytes but only 711 remain"),
        ["test_files/rtstruct.dcm"] = Read(0),
        ["test_files/rtstruct.dump"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/test-SR.dcm"] = Read(0),
        ["test_files/test1.json"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/test_PN.json"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
        ["test_files/waveform_ecg.dcm"] = Read(0),
        ["test_files/zipMR.gz"] = NotDicom("byte 128: not a DICOM Part 10 file (no \"DICM\" prefix) and not a raw DICOM dataset"),
    };

    [Fact]
    public void Expected_ListsEveryCorpusFile()
    {
        Skip.If(oracle.Files.Count == 0, "pydicom's data directory is missing");
        Assert.Equal(oracle.Files.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Open_EveryCorpusFile_MatchesPydicomOrFailsAsListed()
    {
        Skip.IfNot(oracle.HasPydicom, TestFiles.NoPydicom);
        var failures = new StringBuilder();
        foreach (var file in oracle.Files)
        {
            if (!Expected.TryGetValue(file, out var expected))
            {
                failures.Append(CultureInfo.InvariantCulture, $"{file}: no expected outcome listed\n");
                continue;
            }

            var py = oracle.Pydicom(file);
            DicomFile? ours = null;
            string? error = null;
            try
            {
                ours = DicomFile.Open(CorpusOracle.FullPath(file));
            }
            catch (DicomFileException e)
            {
                error = e.Message;
            }

            switch (expected.Kind)
            {
                case OutcomeKind.NotDicom or OutcomeKind.Rejected:
                    var message = Path.GetFileName(file) + ": " + expected.Detail;
                    if (error != message)
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"{file}: expected failure '{message}', got {(error is null ? "a dataset" : $"'{error}'")}\n");
                    }

                    if (py.GetProperty("strict").GetBoolean() != (expected.Kind == OutcomeKind.Rejected))
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"{file}: pydicom without force {(py.GetProperty("strict").GetBoolean() ? "reads" : "refuses")} it\n");
                    }

                    break;
                case OutcomeKind.ReadPydicomFails:
                    if (ours is null || !py.TryGetProperty("error", out var pyError) || pyError.GetString() != expected.Detail)
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"{file}: expected ours to read and pydicom to fail with '{expected.Detail}' (ours: {error ?? "read"})\n");
                    }

                    break;
                default:
                    if (ours is null)
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"{file}: expected to read, got '{error}'\n");
                        break;
                    }

                    var comparer = new CorpusJsonComparer(ours.TransferSyntax.IsBigEndian);
                    using (var dataset = JsonDocument.Parse(DicomJsonModel.ToJson(ours.Dataset)))
                    using (var meta = JsonDocument.Parse(DicomJsonModel.ToJson(ours.FileMetaInfo)))
                    {
                        comparer.CompareDatasets(py.GetProperty("dataset"), dataset.RootElement, string.Empty);
                        comparer.CompareDatasets(py.GetProperty("meta"), meta.RootElement, "meta:");
                    }

                    if (!comparer.Differences.SequenceEqual(expected.Differences) || comparer.PrivateVRSkips != expected.PrivateVRSkips)
                    {
                        failures.Append(CultureInfo.InvariantCulture, $"{file}: {comparer.PrivateVRSkips} private VR skips (expected {expected.PrivateVRSkips}), differences: {string.Join("; ", comparer.Differences.Take(10))}\n");
                    }

                    break;
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [SkippableFact]
    public void Open_EveryReadableCorpusFile_SameTagsAndVRsAsDcmdump()
    {
        Skip.If(oracle.Dcmdump is null, "DCMTK's dcmdump is not installed (apt install dcmtk)");
        var failures = new StringBuilder();
        var compared = 0;
        foreach (var (file, expected) in Expected)
        {
            if (expected.Kind is not (OutcomeKind.Read or OutcomeKind.ReadPydicomFails) || !oracle.Dcmdump!.TryGetValue(file, out var dcmtk))
            {
                continue;
            }

            // dcmdump 3.6.7 lists nothing for SC_rgb_jpeg: it reads the implicit VR dataset as its meta says, explicit.
            if (dcmtk.Count == 0 && file == "test_files/SC_rgb_jpeg.dcm")
            {
                continue;
            }

            var ours = new List<(int Depth, DicomElement Element)>();
            Flatten(DicomFile.Open(CorpusOracle.FullPath(file)).Dataset, 0, ours);
            compared++;
            int i = 0, j = 0;
            for (; i < ours.Count && j < dcmtk.Count; i++, j++)
            {
                var (depth, element) = ours[i];
                var theirs = dcmtk[j];
                var tag = element.Tag.Value.ToString("X8", CultureInfo.InvariantCulture);
                if (depth != theirs.Depth || tag != theirs.Tag)
                {
                    failures.Append(CultureInfo.InvariantCulture, $"{file}: element {i} is {tag} at depth {depth}, dcmdump {theirs.Tag} at {theirs.Depth}\n");
                    break;
                }

                if (element.VR.Code != theirs.VR && !IsKnownVRDifference(element, theirs.VR))
                {
                    failures.Append(CultureInfo.InvariantCulture, $"{file}: {tag} VR {element.VR.Code}, dcmdump {theirs.VR}\n");
                }

                // dcmdump keeps a defined-length UN whose dictionary VR is SQ as bytes; ours has its items.
                if (element.Sequence is not null && theirs.VR == "UN")
                {
                    while (i + 1 < ours.Count && ours[i + 1].Depth > depth)
                    {
                        i++;
                    }
                }
            }

            if (failures.Length == 0 && (i != ours.Count || j != dcmtk.Count))
            {
                failures.Append(CultureInfo.InvariantCulture, $"{file}: {ours.Count} elements vs dcmdump {dcmtk.Count}\n");
            }
        }

        Assert.True(compared > 140, $"only {compared} files compared with dcmdump");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [SkippableFact]
    public void FromJson_EveryReadableCorpusFile_RoundTrips()
    {
        Skip.If(oracle.Files.Count == 0, "pydicom's data directory is missing");
        var failures = new StringBuilder();
        foreach (var (file, expected) in Expected)
        {
            if (expected.Kind is not (OutcomeKind.Read or OutcomeKind.ReadPydicomFails))
            {
                continue;
            }

            var dataset = DicomFile.Open(CorpusOracle.FullPath(file)).Dataset;
            var json = DicomJsonModel.ToJson(dataset);
            var again = DicomJsonModel.ToJson(DicomJsonModel.FromJson(json));
            if (json != again)
            {
                var at = Enumerable.Range(0, Math.Min(json.Length, again.Length)).FirstOrDefault(i => json[i] != again[i]);
                failures.Append(CultureInfo.InvariantCulture, $"{file}: differs at {at}: {json.AsSpan(Math.Max(0, at - 40), Math.Min(80, json.Length - Math.Max(0, at - 40)))}\n");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    // DCMTK types private elements of implicit VR files from its private dictionary; encapsulated pixel
    // data is OB for us (PS3.5 A.4) whatever the file says; a defined-length UN holding a sequence (see above).
    // dcmdump prints its pseudo-VR "up" (an offset in a DICOMDIR) for UL.
    private static bool IsKnownVRDifference(DicomElement element, string dcmtkVR) =>
        (element.VR == DicomVR.UL && dcmtkVR == "up")
        || (element.VR == DicomVR.UN && element.Tag.IsPrivate)
        || (element.Fragments is not null && dcmtkVR == "OW")
        || (element.Sequence is not null && dcmtkVR == "UN");

    private static void Flatten(DicomDataset dataset, int depth, List<(int, DicomElement)> into)
    {
        foreach (var element in dataset)
        {
            into.Add((depth, element));
            if (element.Sequence is { } sequence)
            {
                foreach (var item in sequence)
                {
                    Flatten(item, depth + 2, into);
                }
            }
        }
    }

    private static Outcome Read(int privateVRSkips, params string[] differences) => new(OutcomeKind.Read, null, privateVRSkips, differences);

    private static Outcome Rejected(string message) => new(OutcomeKind.Rejected, message, 0, []);

    private static Outcome NotDicom(string message) => new(OutcomeKind.NotDicom, message, 0, []);

    private static Outcome ReadPydicomFails(string pydicomError) => new(OutcomeKind.ReadPydicomFails, pydicomError, 0, []);

    private enum OutcomeKind
    {
        Read,
        Rejected,
        NotDicom,
        ReadPydicomFails,
    }

    private sealed record Outcome(OutcomeKind Kind, string? Detail, int PrivateVRSkips, string[] Differences);
}
