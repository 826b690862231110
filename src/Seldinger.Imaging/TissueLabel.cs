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

    /// <summary>15 — arterial lumen (aorta and its branches, limb and intercostal arteries); used by the whole-body phantoms, which draw arteries and veins apart instead of <see cref="Vessel"/>.</summary>
    Artery = 15,

    /// <summary>16 — venous lumen (venae cavae, jugular, subclavian, basilic, femoral, portal, hepatic and intercostal veins).</summary>
    Vein = 16,

    /// <summary>17 — urinary bladder, wall and urine.</summary>
    Bladder = 17,

    /// <summary>18 — pleural effusion (fluid in the pleural space).</summary>
    PleuralEffusion = 18,

    /// <summary>19 — ascites (free fluid in the peritoneal cavity).</summary>
    Ascites = 19,

    /// <summary>20 — abscess: enhancing wall, fluid and gas of the collection.</summary>
    Abscess = 20,

    /// <summary>21 — joint effusion (fluid distending a joint recess).</summary>
    JointEffusion = 21,

    /// <summary>22 — peripheral nerve (sciatic, femoral, intercostal).</summary>
    Nerve = 22,

    /// <summary>23 — articular cartilage and joint space (hip, knee).</summary>
    Cartilage = 23,

    /// <summary>24 — venous malformation, including its phleboliths.</summary>
    VenousMalformation = 24,

    /// <summary>25 — lymphatic malformation: cysts and septa.</summary>
    LymphaticMalformation = 25,

    /// <summary>26 — superficial (cutaneous) vesicle, e.g. of a lymphatic malformation, treated by laser photoevaporation.</summary>
    Vesicle = 26,

    /// <summary>27 — aneurysm sac (lumen).</summary>
    Aneurysm = 27,

    /// <summary>28 — airway: trachea and main bronchi (air).</summary>
    Airway = 28,

    /// <summary>29 — physis (growth plate): the cartilage plate near the end of a child's long bone, to be spared by ablation.</summary>
    Physis = 29,

    /// <summary>30 — bile duct (common bile and common hepatic duct, central intrahepatic ducts).</summary>
    BileDuct = 30,
}
