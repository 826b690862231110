using Seldinger.Dicom.StructuredReporting;

namespace Seldinger.Imaging.Segmentation;

/// <summary>
/// The coded meaning of each <see cref="TissueLabel"/> for DICOM Segmentation, from PS3.16:
/// categories from CID 7150 (Segmentation Property Category), types from CID 7166 (Common Tissue
/// Segmentation Type), CID 4 (Anatomic Region; organs) and CID 7159 (Lesion Segmentation Type),
/// all SNOMED CT (SCT).
/// </summary>
public static class TissueSegments
{
    /// <summary>(85756007, SCT, "Tissue") — CID 7150.</summary>
    public static DicomCode TissueCategory { get; } = new("85756007", "SCT", "Tissue");

    /// <summary>(91723000, SCT, "Anatomical Structure") — CID 7150.</summary>
    public static DicomCode AnatomicalStructureCategory { get; } = new("91723000", "SCT", "Anatomical Structure");

    /// <summary>(49755003, SCT, "Morphologically Abnormal Structure") — CID 7150.</summary>
    public static DicomCode AbnormalStructureCategory { get; } = new("49755003", "SCT", "Morphologically Abnormal Structure");

    private static readonly SegmentDescription[] Table =
    [
        Segment(TissueLabel.Skin, "Skin", TissueCategory, new("39937001", "SCT", "Skin")),
        Segment(TissueLabel.Fat, "Fat", TissueCategory, new("55603005", "SCT", "Fat")),
        Segment(TissueLabel.Muscle, "Muscle", TissueCategory, new("91727004", "SCT", "Muscle")),
        Segment(TissueLabel.Bone, "Bone", TissueCategory, new("3138006", "SCT", "Bone")),
        Segment(TissueLabel.Liver, "Liver", AnatomicalStructureCategory, new("10200004", "SCT", "Liver")),
        Segment(TissueLabel.Vessel, "Vessel", TissueCategory, new("59820001", "SCT", "Blood vessel")),
        Segment(TissueLabel.Bowel, "Bowel", AnatomicalStructureCategory, new("113276009", "SCT", "Intestine")),
        Segment(TissueLabel.Lesion, "Lesion", AbnormalStructureCategory, new("52988006", "SCT", "Lesion")),
        Segment(TissueLabel.Kidney, "Kidney", AnatomicalStructureCategory, new("64033007", "SCT", "Kidney")),
        Segment(TissueLabel.Spleen, "Spleen", AnatomicalStructureCategory, new("78961009", "SCT", "Spleen")),
        Segment(TissueLabel.Lung, "Lung", AnatomicalStructureCategory, new("39607008", "SCT", "Lung")),
        Segment(TissueLabel.Stomach, "Stomach", AnatomicalStructureCategory, new("69695003", "SCT", "Stomach")),
        Segment(TissueLabel.Heart, "Heart", AnatomicalStructureCategory, new("80891009", "SCT", "Heart")),

        // SNOMED's closest concept in CID 4 is the cord; the label says what the phantom draws (cord and CSF).
        Segment(TissueLabel.SpinalCanal, "Spinal canal", AnatomicalStructureCategory, new("2748008", "SCT", "Spinal cord")),
    ];

    /// <summary>Every tissue label except the background, in label order.</summary>
    public static IReadOnlyList<SegmentDescription> All => Table;

    /// <summary>The segment description of <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is the background or unknown.</exception>
    public static SegmentDescription For(TissueLabel label) =>
        Array.Find(Table, s => s.LabelValue == (byte)label)
        ?? throw new ArgumentOutOfRangeException(nameof(label), label, "The background and unknown labels have no segment.");

    /// <summary>The tissue label whose coded type (and category) is that of <paramref name="category"/> and <paramref name="type"/>, if any.</summary>
    public static TissueLabel? Find(DicomCode category, DicomCode type)
    {
        foreach (var s in Table)
        {
            if (s.Type.Equals(type) && s.Category.Equals(category))
            {
                return (TissueLabel)s.LabelValue;
            }
        }

        return null;
    }

    private static SegmentDescription Segment(TissueLabel label, string name, DicomCode category, DicomCode type) => new()
    {
        LabelValue = (byte)label,
        Label = name,
        Category = category,
        Type = type,
    };
}
