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
        _ => 0xFF00FF,
    };
}
