namespace Seldinger.Imaging.Phantoms;

/// <summary>The field of view (cranio-caudal range) of a phantom case.</summary>
public enum BodyRegion
{
    /// <summary>Lung apices to the upper abdomen.</summary>
    Chest,

    /// <summary>Diaphragm to the iliac crests.</summary>
    Abdomen,

    /// <summary>Diaphragm to below the pubic symphysis.</summary>
    AbdomenPelvis,

    /// <summary>Iliac crests to below the lesser trochanters.</summary>
    Hip,

    /// <summary>Hips to the knees.</summary>
    Thigh,

    /// <summary>Distal thigh to proximal lower leg.</summary>
    Knee,

    /// <summary>Chin to the heart (the neck veins and the cavo-atrial junction).</summary>
    NeckChest,

    /// <summary>Elbows to the neck, arms at the sides (basilic veins to the cavo-atrial junction).</summary>
    ArmChest,
}
