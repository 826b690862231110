using System.Diagnostics;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Morphology;
using Seldinger.Imaging.Registration;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Xunit.Abstractions;

namespace Seldinger.Planning.Tests.Ablation.Confirmation;

public sealed class AblationConfirmationTests(ITestOutputHelper output)
{
    private static readonly RigidRegistrationOptions Fast = new() { SamplesPerLevel = 12_000, LevelSpacingsMm = [6, 3, 1.5] };

    [Fact]
    public void Confirm_ZoneSixMillimetresBeyondTheTumorAllRound_MeasuresSixMillimetreMargin()
    {
        // A sphere 6 mm larger than the spherical tumor, the patient turned 6° and shifted 11 mm between the scans.
        // Voxels are 1.5 mm: tumor and zone surfaces are each off by up to half a voxel diagonal, so ±1.5 mm.
        var c = ConfirmationPhantom.TumorCentre;
        var r = ConfirmationPhantom.TumorRadiusMm;
        var motion = RigidTransform.FromEulerAngles(c, 0.05, -0.06, 0.08, new Vector3D(7, -6, 6));
        var post = ConfirmationPhantom.PostCt(c, r + 6, motion);
        var planning = ConfirmationPhantom.Planning;

        var clock = Stopwatch.StartNew();
        var result = AblationConfirmation.Confirm(planning.Hounsfield, planning.Labels, post, [], new AblationConfirmationOptions { Registration = Fast });
        clock.Stop();

        var truthZone = ConfirmationPhantom.Sphere(planning.Labels.Geometry, c, r + 6);
        var ideal = AblationMargins.Compute(planning.Labels, TissueLabel.Lesion, truthZone);

        // What the scan can show: vessel lumens crossing the zone stay enhancing, so a vessel passing near the tumor
        // notches the visible zone; enclosed ones are holes the segmentation fills.
        var visibleZone = new Volume<byte>(truthZone.Geometry);
        for (var n = 0; n < visibleZone.Voxels.Length; n++)
        {
            visibleZone.Voxels[n] = (byte)(truthZone.Voxels[n] != 0 && PostAblationCtSynthesis.Coagulates((TissueLabel)planning.Labels.Voxels[n]) ? 1 : 0);
        }

        visibleZone = BinaryMorphology.FillHoles(visibleZone);
        var visible = AblationMargins.Compute(planning.Labels, TissueLabel.Lesion, visibleZone);
        var notchLabel = (TissueLabel)planning.Labels[planning.Labels.Geometry.TryGetVoxel(result.MinimalMarginAt, out var at) ? at : default];
        var dice = ConfirmationPhantom.Dice(result.Zone.Lethal, truthZone);
        var tre = result.Registration.Transform.DifferenceAt(motion, [c, c + new Vector3D(30, 0, 0), c + new Vector3D(0, 30, 0), c + new Vector3D(0, 0, 30)]);
        output.WriteLine($"minimal margin {result.MinimalMarginMm:0.##} mm at {result.MinimalMarginAt - c} (ideal zone {ideal.MinimalMarginMm:0.##} mm, visible zone {visible.MinimalMarginMm:0.##} mm at {visible.MinimalMarginAt - c}, {notchLabel}), covered {result.TargetCoveredFraction:P1}, zone {result.ZoneVolumeMl:0.##} mL (truth {new AblationZone("truth", [], truthZone, [], null).LethalVolumeMl:0.##}), "
            + $"Dice {dice:0.###}, TRE max {tre.MaxMm:0.##} mm, zone {result.Segmentation.ZoneHu:0} HU, parenchyma {result.Segmentation.ParenchymaHu:0} HU, threshold {result.Segmentation.ThresholdHu:0} HU, MI {result.Registration.FinalMetric:0.###}, {clock.ElapsedMilliseconds} ms");

        Assert.InRange(ideal.MinimalMarginMm, 6 - 1.5, 6 + 1.5);
        Assert.InRange(result.MinimalMarginMm, visible.MinimalMarginMm - 1.5, visible.MinimalMarginMm + 1.5);
        Assert.Equal(1.0, result.TargetCoveredFraction);
        Assert.True(dice >= 0.9, $"Dice {dice:0.###}");
        Assert.True(tre.MaxMm < 1.0, $"TRE {tre.MaxMm:0.##} mm");
        Assert.Equal("segmented", result.Zone.ModelName);
        Assert.Equal(planning.Labels.Geometry, result.Zone.Geometry);
    }

    [Fact]
    public void Confirm_ZoneShiftedOffTheTumor_GivesNegativeMarginOnTheMissedSide()
    {
        // Zone 4 mm larger than the tumor but centred 8 mm towards +X: the −X edge of the tumor sticks out by about 4 mm.
        var c = ConfirmationPhantom.TumorCentre;
        var r = ConfirmationPhantom.TumorRadiusMm;
        var zoneCentre = c + new Vector3D(8, 0, 0);
        var motion = RigidTransform.FromEulerAngles(c, -0.04, 0.05, 0.03, new Vector3D(-8, 5, 4));
        var post = ConfirmationPhantom.PostCt(zoneCentre, r + 4, motion, seed: 9);
        var planning = ConfirmationPhantom.Planning;

        var result = AblationConfirmation.Confirm(planning.Hounsfield, planning.Labels, post, [zoneCentre], new AblationConfirmationOptions { Registration = Fast });
        output.WriteLine($"minimal margin {result.MinimalMarginMm:0.##} mm at {result.MinimalMarginAt}, covered {result.TargetCoveredFraction:P1}");

        Assert.InRange(result.MinimalMarginMm, -4 - 1.5, -4 + 1.5);
        Assert.True(result.MinimalMarginAt.X < c.X - (r / 2), $"the minimal margin at {result.MinimalMarginAt} is not on the −X side of the tumor centred at {c}");
        Assert.InRange(result.TargetCoveredFraction, 0.5, 0.99);
    }

    [Fact]
    public void Confirm_PostCtFarFromThePlanningCt_ThrowsPlanningExceptionSayingItCannotRegister()
    {
        var planning = ConfirmationPhantom.Planning;
        var g = planning.Hounsfield.Geometry;
        var far = new Volume<short>(new VolumeGeometry(20, 20, 20, new WorldPoint(g.Origin.X + 2000, g.Origin.Y, g.Origin.Z), 2, 2, 2));
        for (var n = 0; n < far.Voxels.Length; n++)
        {
            far.Voxels[n] = (short)(n % 7 * 30);
        }

        var error = Assert.Throws<PlanningException>(() => AblationConfirmation.Confirm(planning.Hounsfield, planning.Labels, far, [], new AblationConfirmationOptions { Registration = Fast with { TranslationSearchMm = 0 } }));
        Assert.Contains("could not be registered", error.Message, StringComparison.Ordinal);
    }
}
