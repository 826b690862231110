namespace Seldinger.Imaging.Reslicing;

/// <summary>How a thick slab is reduced to one value per pixel along the plane normal.</summary>
public enum SlabProjection
{
    /// <summary>Maximum intensity projection (MIP): vessels, bone, contrast, a needle.</summary>
    Maximum,

    /// <summary>Minimum intensity projection (MinIP): airways, gas.</summary>
    Minimum,

    /// <summary>Average intensity: a thick, low-noise slice.</summary>
    Mean,
}
