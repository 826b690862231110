namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// The named cases of <see cref="WholeBodyPhantom"/>: one for each procedure of the interventional
/// radiology catalogue, each with its pathology (or access target), field of view and default phase.
/// </summary>
public static class PhantomCatalogue
{
    private static readonly PhantomCaseDefinition[] Table =
    [
        new("liver-tumor", "Hypoattenuating solid mass in the right liver lobe (e.g. hepatoblastoma or metastasis).", ["ablation", "biopsy"], ContrastPhase.Portal, BodyRegion.Abdomen, TissueLabel.Lesion),
        new("osteoid-osteoma-femur", "Osteoid osteoma of the distal femoral metaphysis, 15 mm above the open distal femoral physis: lucent nidus with a central mineralised dot in thickened sclerotic cortex.", ["radiofrequency ablation"], ContrastPhase.None, BodyRegion.Thigh, TissueLabel.Lesion),
        new("renal-mass", "Solid mass in the lower half of the left kidney, less enhancing than the parenchyma.", ["biopsy"], ContrastPhase.Portal, BodyRegion.Abdomen, TissueLabel.Lesion),
        new("pleural-effusion", "Right pleural effusion layering posteriorly, deepest at the base.", ["drain placement", "chest tube"], ContrastPhase.Portal, BodyRegion.Chest, TissueLabel.PleuralEffusion),
        new("ascites", "Free peritoneal fluid along the flanks and in the pelvis.", ["drain placement (paracentesis)"], ContrastPhase.Portal, BodyRegion.AbdomenPelvis, TissueLabel.Ascites),
        new("deep-abscess", "Rim-enhancing collection with a gas bubble deep in the right lower quadrant among bowel loops (e.g. after appendicitis).", ["abscess drainage"], ContrastPhase.Portal, BodyRegion.AbdomenPelvis, TissueLabel.Abscess),
        new("knee-effusion", "Right knee effusion distending the suprapatellar recess.", ["joint aspiration", "steroid injection"], ContrastPhase.None, BodyRegion.Knee, TissueLabel.JointEffusion),
        new("hip-effusion", "Right hip effusion distending the anterior recess along the femoral neck.", ["joint aspiration"], ContrastPhase.None, BodyRegion.Hip, TissueLabel.JointEffusion),
        new("picc-arm", "Arms at the sides: basilic veins of the upper arms to the cavo-atrial junction; target the right basilic vein.", ["PICC"], ContrastPhase.Portal, BodyRegion.ArmChest, TissueLabel.Vein),
        new("port-chest", "Subclavian and internal jugular veins to the cavo-atrial junction; target the right subclavian vein.", ["port"], ContrastPhase.Portal, BodyRegion.NeckChest, TissueLabel.Vein),
        new("dialysis-jugular", "Internal jugular veins to the right atrium; target the right internal jugular vein.", ["tunneled dialysis catheter"], ContrastPhase.Portal, BodyRegion.NeckChest, TissueLabel.Vein),
        new("gastrostomy", "Air-distended stomach against the anterior abdominal wall; target the stomach.", ["gastrostomy"], ContrastPhase.Portal, BodyRegion.Abdomen, TissueLabel.Stomach),
        new("renal-artery-stenosis", "Focal 60 % stenosis of the proximal right renal artery (e.g. fibromuscular dysplasia or mid-aortic syndrome).", ["angiography", "angioplasty"], ContrastPhase.Arterial, BodyRegion.Abdomen, TissueLabel.Artery),
        new("aneurysm", "Saccular aneurysm of the left renal artery.", ["angiography", "embolization"], ContrastPhase.Arterial, BodyRegion.Abdomen, TissueLabel.Aneurysm),
        new("venous-malformation", "Lobulated intramuscular venous malformation of the right thigh with phleboliths.", ["sclerotherapy"], ContrastPhase.Portal, BodyRegion.Thigh, TissueLabel.VenousMalformation),
        new("lymphatic-malformation", "Macrocystic lymphatic malformation of the left neck base and axilla: cysts with thin septa.", ["sclerotherapy"], ContrastPhase.Portal, BodyRegion.NeckChest, TissueLabel.LymphaticMalformation),
        new("vesicles", "Cluster of superficial lymphatic vesicles on the skin of the right lateral thigh.", ["laser photoevaporation"], ContrastPhase.None, BodyRegion.Thigh, TissueLabel.Vesicle),
    ];

    /// <summary>Every case, in catalogue order.</summary>
    public static IReadOnlyList<PhantomCaseDefinition> Cases => Table;

    /// <summary>The case names, comma separated (for messages).</summary>
    public static string Names => string.Join(", ", Table.Select(c => c.Name));

    /// <summary>The case called <paramref name="name"/> (ordinal, case-insensitive), or <see langword="null"/>.</summary>
    public static PhantomCaseDefinition? Find(string name) =>
        Array.Find(Table, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
