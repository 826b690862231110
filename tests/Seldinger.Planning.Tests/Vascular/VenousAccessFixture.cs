using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Plans;
using Seldinger.Planning.Vascular;

namespace Seldinger.Planning.Tests.Vascular;

/// <summary>
/// The picc-arm phantom on a fine grid around the right arm, shoulder, neck and superior vena cava (0.4 mm in plane,
/// 1 mm between slices: the 2.8 mm basilic vein spans 7 voxels), generated once for the venous access tests.
/// </summary>
public sealed class VenousAccessFixture
{
    public VenousAccessFixture()
    {
        var geometry = new VolumeGeometry(260, 153, 196, new WorldPoint(-116, -45, 680), 0.4, 0.4, 1.0);
        Phantom = WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = "picc-arm", Geometry = geometry, NoiseSigmaHu = 0 });
        _picc = new Lazy<ProcedurePlan>(() => VascularAccessPlanner.Plan(PlanningInput.FromPhantom(Phantom, ProcedureCatalogue.Default.Find("picc")!, ProcedureCatalogue.Default)));
    }

    public WholeBodyPhantomResult Phantom { get; }

    /// <summary>The default PICC plan (3 F), planned once on first use.</summary>
    public ProcedurePlan PiccPlan => _picc.Value;

    private readonly Lazy<ProcedurePlan> _picc;
}
