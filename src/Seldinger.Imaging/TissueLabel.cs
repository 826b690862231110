namespace Seldinger.Imaging;

/// <summary>
/// Tissue classes of a label volume (one byte per voxel). The numeric values are part of the
/// file and wire formats (label maps, DICOM SEG segment numbers) and never change; new classes
/// are appended.
/// </summary>
public enum TissueLabel : byte
{
    /// <summary>0 — outside the patient (air).</summary>
    Background = 0,

    /// <summary>1 — skin (epidermis and dermis).</summary>
    Skin = 1,

    /// <summary>2 — subcutaneous and intra-abdominal fat.</summary>
    Fat = 2,

    /// <summary>3 — skeletal muscle (abdominal wall, intercostal, paraspinal, psoas).</summary>
    Muscle = 3,

    /// <summary>4 — bone (vertebrae, ribs).</summary>
    Bone = 4,

    /// <summary>5 — liver parenchyma.</summary>
    Liver = 5,

    /// <summary>6 — blood vessel lumen (aorta, inferior vena cava, portal and hepatic veins).</summary>
    Vessel = 6,

    /// <summary>7 — small bowel and colon, wall and content (gas or fluid).</summary>
    Bowel = 7,

    /// <summary>8 — the lesion (target).</summary>
    Lesion = 8,

    /// <summary>9 — kidney.</summary>
    Kidney = 9,

    /// <summary>10 — spleen.</summary>
    Spleen = 10,

    /// <summary>11 — lung.</summary>
    Lung = 11,

    /// <summary>12 — stomach, wall and content.</summary>
    Stomach = 12,

    /// <summary>13 — heart (myocardium and blood pool).</summary>
    Heart = 13,

    /// <summary>14 — spinal canal (cord and cerebrospinal fluid).</summary>
    SpinalCanal = 14,
}
