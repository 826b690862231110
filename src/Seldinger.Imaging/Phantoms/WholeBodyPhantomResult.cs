using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Phantoms;

/// <summary>A generated whole-body phantom case: the CT, its ground truth and what a planner needs to know.</summary>
public sealed record WholeBodyPhantomResult
{
    /// <summary>CT numbers (HU), with noise.</summary>
    public required Volume<short> Hounsfield { get; init; }

    /// <summary>One <see cref="TissueLabel"/> value per voxel, same geometry as <see cref="Hounsfield"/>.</summary>
    public required Volume<byte> Labels { get; init; }

    /// <summary>The case.</summary>
    public required PhantomCaseDefinition Case { get; init; }

    /// <summary>Age in years.</summary>
    public required double AgeYears { get; init; }

    /// <summary>Contrast phase used.</summary>
    public required ContrastPhase Phase { get; init; }

    /// <summary>CTDIvol (mGy) the noise was derived from, or <see langword="null"/> when the noise was given directly.</summary>
    public required double? DoseMgy { get; init; }

    /// <summary>Noise standard deviation added, HU.</summary>
    public required double NoiseSigmaHu { get; init; }

    /// <summary>Water-equivalent diameter of the region (mm) used by the noise model.</summary>
    public required double WaterEquivalentDiameterMm { get; init; }

    /// <summary>Seed of the noise.</summary>
    public required int Seed { get; init; }

    /// <summary>The pathology (or access target).</summary>
    public required PhantomTarget Target { get; init; }

    /// <summary>Named points: vessel and bile duct centres with diameters, rib levels, joints, the cavo-atrial junction, open growth plates.</summary>
    public required IReadOnlyList<PhantomLandmark> Landmarks { get; init; }

    /// <summary>The body sizes used (table key → value at this age).</summary>
    public required IReadOnlyDictionary<string, double> BodySizes { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Description { get; init; }

    /// <summary>The landmark called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public PhantomLandmark Landmark(string name) =>
        Landmarks.FirstOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException($"No landmark '{name}'.");
}

/// <summary>The pathology or access target of a case.</summary>
/// <param name="Label">Its label in the label map.</param>
/// <param name="Center">Centre, LPS mm.</param>
/// <param name="SizeMm">Largest diameter, mm (for a vessel: its lumen diameter).</param>
/// <param name="Description">What it is.</param>
/// <param name="IsPathology"><see langword="false"/> for an access target (a normal vessel or organ).</param>
public sealed record PhantomTarget(TissueLabel Label, WorldPoint Center, double SizeMm, string Description, bool IsPathology);

/// <summary>A named point of the anatomy.</summary>
/// <param name="Name">Name, e.g. <c>right-internal-jugular-vein</c> or <c>rib-right-7</c>.</param>
/// <param name="Point">Position, LPS mm (for a vessel: a point on its centre line).</param>
/// <param name="DiameterMm">Lumen diameter for a vessel or duct, else <see langword="null"/>.</param>
/// <param name="Axis">Unit direction of the vessel's centre line at the point (of a plate: its normal), or <see langword="null"/>.</param>
/// <param name="Label">The label at the point.</param>
public sealed record PhantomLandmark(string Name, WorldPoint Point, double? DiameterMm, Vector3D? Axis, TissueLabel Label)
{
    /// <summary>Thickness of a plate at the point (a growth plate, along <see cref="Axis"/>), mm, else <see langword="null"/>.</summary>
    public double? ThicknessMm { get; init; }

    /// <summary>A distance the landmark stands for (e.g. from the osteoid osteoma nidus to the physis), mm, else <see langword="null"/>.</summary>
    public double? DistanceMm { get; init; }
}
