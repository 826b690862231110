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

    /// <summary>(91720002, SCT, "Body Substance") — CID 7150.</summary>
    public static DicomCode BodySubstanceCategory { get; } = new("91720002", "SCT", "Body Substance");

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

        // Labels of the whole-body phantoms. Types from CID 7166 (artery, vein, nerve, cartilage), CID 7151
        // (bladder, trachea), CID 7159 and CID 3810 (abscess, cyst, aneurysm); the rest are the closest
        // SNOMED CT concepts we could confirm (verify): pleural effusion, effusion, ascitic fluid (a body
        // substance, CID 7150), "Hemangioma - venous" for a venous malformation (the older name of the same
        // lesion), cyst for a macrocystic lymphatic malformation and blister for a vesicle.
        Segment(TissueLabel.Artery, "Artery", TissueCategory, new("51114001", "SCT", "Artery")),
        Segment(TissueLabel.Vein, "Vein", TissueCategory, new("29092000", "SCT", "Vein")),
        Segment(TissueLabel.Bladder, "Urinary bladder", AnatomicalStructureCategory, new("89837001", "SCT", "Bladder")),
        Segment(TissueLabel.PleuralEffusion, "Pleural effusion", AbnormalStructureCategory, new("60046008", "SCT", "Pleural effusion")),
        Segment(TissueLabel.Ascites, "Ascites", BodySubstanceCategory, new("409615008", "SCT", "Ascitic fluid")),
        Segment(TissueLabel.Abscess, "Abscess", AbnormalStructureCategory, new("44132006", "SCT", "Abscess")),
        Segment(TissueLabel.JointEffusion, "Joint effusion", AbnormalStructureCategory, new("41699000", "SCT", "Effusion")),
        Segment(TissueLabel.Nerve, "Nerve", TissueCategory, new("119410002", "SCT", "Nerve")),
        Segment(TissueLabel.Cartilage, "Cartilage and joint space", TissueCategory, new("309312004", "SCT", "Cartilage")),
        Segment(TissueLabel.VenousMalformation, "Venous malformation", AbnormalStructureCategory, new("56468002", "SCT", "Hemangioma - venous")),
        Segment(TissueLabel.LymphaticMalformation, "Lymphatic malformation", AbnormalStructureCategory, new("367643001", "SCT", "Cyst")),
        Segment(TissueLabel.Vesicle, "Vesicle", AbnormalStructureCategory, new("339008", "SCT", "Blister")),
        Segment(TissueLabel.Aneurysm, "Aneurysm", AbnormalStructureCategory, new("85659009", "SCT", "Aneurysm")),
        Segment(TissueLabel.Airway, "Airway", AnatomicalStructureCategory, new("44567001", "SCT", "Trachea")),

        // Ablation planning labels: the growth plate as SNOMED's "Structure of epiphyseal plate" (verify)
        // and the bile duct from CID 7154 (Abdominal Organ Segmentation Type).
        Segment(TissueLabel.Physis, "Physis", AnatomicalStructureCategory, new("711190000", "SCT", "Structure of epiphyseal plate")),
        Segment(TissueLabel.BileDuct, "Bile duct", AnatomicalStructureCategory, new("28273000", "SCT", "Bile duct")),
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
