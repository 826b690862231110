namespace Seldinger.Imaging.Rendering;

/// <summary>Display colours of the <see cref="TissueLabel"/> classes, as 0xRRGGBB.</summary>
public static class LabelColors
{
    /// <summary>The colour of a label value; unknown labels are magenta.</summary>
    public static uint Of(byte label) => (TissueLabel)label switch
    {
        TissueLabel.Background => 0x000000,
        TissueLabel.Skin => 0xF0C8A0,
        TissueLabel.Fat => 0xE6D23C,
        TissueLabel.Muscle => 0xC04040,
        TissueLabel.Bone => 0xF5F5F5,
        TissueLabel.Liver => 0x8B4513,
        TissueLabel.Vessel => 0x2060FF,
        TissueLabel.Bowel => 0x40B040,
        TissueLabel.Lesion => 0xFF8000,
        TissueLabel.Kidney => 0xA040C0,
        TissueLabel.Spleen => 0x802040,
        TissueLabel.Lung => 0x60D0F0,
        TissueLabel.Stomach => 0x70C070,
        TissueLabel.Heart => 0xE03070,
        TissueLabel.SpinalCanal => 0xC0C0FF,
        TissueLabel.Artery => 0xE02020,
        TissueLabel.Vein => 0x2040D0,
        TissueLabel.Bladder => 0xE0E070,
        TissueLabel.PleuralEffusion => 0x40A0C0,
        TissueLabel.Ascites => 0x50C0B0,
        TissueLabel.Abscess => 0xB0A000,
        TissueLabel.JointEffusion => 0x70B0FF,
        TissueLabel.Nerve => 0xFFE000,
        TissueLabel.Cartilage => 0x90E0D0,
        TissueLabel.VenousMalformation => 0x8040FF,
        TissueLabel.LymphaticMalformation => 0xD0A0FF,
        TissueLabel.Vesicle => 0xFF60C0,
        TissueLabel.Aneurysm => 0xFF3000,
        TissueLabel.Airway => 0x305060,
        TissueLabel.Physis => 0x30F0A0,
        TissueLabel.BileDuct => 0x00911E,
        _ => 0xFF00FF,
    };
}
