using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Planning.Plans;
using Seldinger.Planning.Vascular;

namespace Seldinger.Planning.Tests.Vascular;

/// <summary>
/// The arterial-phase renal-artery-stenosis and aneurysm phantoms on fine isotropic grids around the renal arteries
/// (0.25 mm: the 3.3 mm renal artery spans 13 voxels and its 1.3 mm stenosis 5; 0.3 mm for the 9.9 mm aneurysm),
/// with the default angiography plan of each, generated once.
/// </summary>
public sealed class ArterialPhantomFixture
{
    private readonly Lazy<ProcedurePlan> _stenosisPlan;
    private readonly Lazy<ProcedurePlan> _aneurysmPlan;

    public ArterialPhantomFixture()
    {
        Stenosis = Generate("renal-artery-stenosis", new WorldPoint(-35, 4, 649), new WorldPoint(14, 38, 670), 0.25);
        Aneurysm = Generate("aneurysm", new WorldPoint(0, 2, 649), new WorldPoint(45, 40, 690), 0.3);
        _stenosisPlan = new(() => AngiographyPlanner.Plan(Input(Stenosis)));
        _aneurysmPlan = new(() => AngiographyPlanner.Plan(Input(Aneurysm)));
    }

    public WholeBodyPhantomResult Stenosis { get; }

    public WholeBodyPhantomResult Aneurysm { get; }

    public ProcedurePlan StenosisPlan => _stenosisPlan.Value;

    public ProcedurePlan AneurysmPlan => _aneurysmPlan.Value;

    public static PlanningInput Input(WholeBodyPhantomResult phantom, string procedure = "angiography") =>
        PlanningInput.FromPhantom(phantom, ProcedureCatalogue.Default.Find(procedure)!, ProcedureCatalogue.Default);

    public static WholeBodyPhantomResult Generate(string name, WorldPoint low, WorldPoint high, double spacing, ContrastPhase phase = ContrastPhase.Arterial)
    {
        var geometry = new VolumeGeometry(
            (int)((high.X - low.X) / spacing), (int)((high.Y - low.Y) / spacing), (int)((high.Z - low.Z) / spacing), low, spacing, spacing, spacing);
        return WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, Geometry = geometry, Phase = phase });
    }
}
