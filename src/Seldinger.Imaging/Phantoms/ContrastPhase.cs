namespace Seldinger.Imaging.Phantoms;

/// <summary>The timing of a CT acquisition after intravenous contrast medium.</summary>
public enum ContrastPhase
{
    /// <summary>No contrast medium (blood about 40 HU).</summary>
    None,

    /// <summary>Late arterial phase: arteries bright (about 300 HU), veins still unopacified.</summary>
    Arterial,

    /// <summary>Portal venous phase: portal and systemic veins and the parenchyma enhanced.</summary>
    Portal,
}
