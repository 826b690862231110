namespace Seldinger.Imaging.Phantoms.Internal;

/// <summary>What a voxel of the whole-body phantom is made of; its CT number depends on the contrast phase.</summary>
internal enum Material : byte
{
    Air,
    Skin,
    Fat,
    Muscle,
    CorticalBone,
    Marrow,
    SclerosisBone,
    Cartilage,
    Lung,
    Liver,
    Spleen,
    Kidney,
    ArterialBlood,
    VenousBlood,
    PortalBlood,
    Heart,
    BowelWall,
    Gas,
    Fluid,
    Urine,
    SpinalCanal,
    Nerve,
    LiverTumor,
    RenalTumor,
    Nidus,
    NidusCalcification,
    AbscessWall,
    AbscessFluid,
    VenousMalformation,
    Phlebolith,
    LymphaticCyst,
    LymphaticSeptum,
    Vesicle,
    Physis,
    Bile,
}

/// <summary>
/// CT numbers (HU) of each <see cref="Material"/> by contrast phase.
/// </summary>
/// <remarks>
/// Typical values for children and adults from the contrast-enhancement literature, rounded (verify):
/// unenhanced blood about 40 HU; aorta about 250–350 HU in the arterial phase and 150–180 HU in the
/// portal venous phase; liver about 60 → 75 → 110 HU; kidney cortex about 35 → 170 → 160 HU
/// (Bae KT, Radiology 2010;256:32–61, "Intravenous contrast medium administration and scan timing at
/// CT"). Fluid 0–15 HU, fat −100 HU, cortical bone several hundred to over 1000 HU, lung about −850 HU.
/// </remarks>
internal static class Materials
{
    // none, arterial, portal
    private static readonly short[,] Hu = new short[,]
    {
        { -1000, -1000, -1000 }, // Air
        { 30, 35, 40 },          // Skin
        { -100, -100, -100 },    // Fat
        { 50, 55, 60 },          // Muscle
        { 900, 900, 900 },       // CorticalBone
        { 200, 210, 220 },       // Marrow
        { 1300, 1300, 1300 },    // SclerosisBone
        { 90, 95, 100 },         // Cartilage
        { -850, -840, -830 },    // Lung
        { 60, 75, 110 },         // Liver
        { 50, 110, 120 },        // Spleen
        { 35, 170, 160 },        // Kidney
        { 40, 300, 160 },        // ArterialBlood
        { 40, 60, 150 },         // VenousBlood
        { 40, 100, 180 },        // PortalBlood
        { 40, 200, 140 },        // Heart
        { 40, 80, 90 },          // BowelWall
        { -900, -900, -900 },    // Gas
        { 10, 10, 12 },          // Fluid
        { 5, 5, 8 },             // Urine
        { 15, 15, 15 },          // SpinalCanal
        { 40, 45, 50 },          // Nerve
        { 40, 60, 70 },          // LiverTumor
        { 35, 70, 90 },          // RenalTumor
        { 90, 200, 160 },        // Nidus
        { 600, 600, 600 },       // NidusCalcification
        { 40, 80, 100 },         // AbscessWall
        { 20, 20, 22 },          // AbscessFluid
        { 40, 45, 90 },          // VenousMalformation
        { 500, 500, 500 },       // Phlebolith
        { 10, 10, 12 },          // LymphaticCyst
        { 40, 60, 70 },          // LymphaticSeptum
        { 15, 15, 15 },          // Vesicle
        { Data("physisHu"), Data("physisHu"), Data("physisHu") }, // Physis (growth cartilage, not enhancing)
        { Data("bileHu"), Data("bileHu"), Data("bileHu") },       // Bile (non-enhancing fluid)
    };

    /// <summary>A CT number of the anthropometry tables' constants (growth cartilage, bile), with its source there.</summary>
    private static short Data(string key) => (short)Math.Round(PediatricAnthropometry.Default.Constant(key));

    public static short HounsfieldOf(Material material, ContrastPhase phase) => Hu[(int)material, (int)phase];

    /// <summary>A lookup of <see cref="HounsfieldOf"/> for one phase, indexed by material.</summary>
    public static short[] TableFor(ContrastPhase phase)
    {
        var n = Hu.GetLength(0);
        var table = new short[n];
        for (var m = 0; m < n; m++)
        {
            table[m] = Hu[m, (int)phase];
        }

        return table;
    }
}
