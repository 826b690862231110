using Seldinger.Imaging.Phantoms;

namespace Seldinger.Imaging.Tests.Phantoms;

public class EntericLandmarkTests
{
    private static readonly string[] Route =
    [
        "nostril", "nasopharynx", "oesophagus-upper", "oesophagus-mid", "gastro-oesophageal-junction", "pylorus",
        "duodenal-bulb", "duodenum-descending", "duodenum-horizontal", "duodenojejunal-flexure",
    ];

    private static WholeBodyPhantomResult Abdomen(string name, double age) =>
        WholeBodyPhantom.Generate(new WholeBodyPhantomOptions { Case = name, AgeYears = age, Size = 96, SliceCount = 52, NoiseSigmaHu = 0 });

    [Theory]
    [InlineData("gastrostomy", 1.0)]
    [InlineData("gastrostomy", 5.0)]
    [InlineData("gastrostomy", 12.0)]
    [InlineData("liver-tumor", 5.0)]
    public void Generate_AbdomenCase_EntericLandmarksLieInTheirOrgans(string name, double age)
    {
        var phantom = Abdomen(name, age);
        foreach (var landmark in Route.Concat(Enumerable.Range(1, 8).Select(n => $"jejunum-{n}")))
        {
            Assert.Contains(phantom.Landmarks, l => l.Name == landmark);
        }

        // The nose is in the head, above the modelled body; the route then runs downwards to the stomach.
        Assert.Equal(TissueLabel.Background, phantom.Landmark("nostril").Label);
        Assert.True(phantom.Landmark("nostril").Point.Z > phantom.Landmark("sternal-notch").Point.Z);
        var z = new[] { "nasopharynx", "oesophagus-upper", "oesophagus-mid", "gastro-oesophageal-junction", "pylorus" }.Select(n => phantom.Landmark(n).Point.Z).ToArray();
        Assert.Equal(z.OrderDescending(), z);

        // The flexure and the jejunum points are the drawn jejunal loop's centre line: bowel, with its lumen diameter.
        Assert.Equal(TissueLabel.Bowel, phantom.Landmark("duodenojejunal-flexure").Label);
        for (var n = 1; n <= 8; n++)
        {
            var l = phantom.Landmark($"jejunum-{n}");
            Assert.Equal(TissueLabel.Bowel, l.Label);
            Assert.True(l.DiameterMm > 5, $"{l.Name}: {l.DiameterMm}");
        }

        if (name == "gastrostomy")
        {
            Assert.Equal(TissueLabel.Stomach, phantom.Landmark("gastro-oesophageal-junction").Label);
            Assert.Equal(TissueLabel.Stomach, phantom.Landmark("pylorus").Label);
        }
    }

    [Fact]
    public void Generate_Gastrostomy_JejunalCentreLineStaysInTheBowelLabel()
    {
        // Walk the straight lines between consecutive jejunum landmarks on the label map: all bowel.
        var phantom = Abdomen("gastrostomy", 5);
        var g = phantom.Labels.Geometry;
        var points = new[] { "duodenojejunal-flexure" }.Concat(Enumerable.Range(1, 8).Select(n => $"jejunum-{n}")).Select(n => phantom.Landmark(n).Point).ToList();
        for (var n = 1; n < points.Count; n++)
        {
            for (var t = 0.0; t <= 1; t += 0.02)
            {
                var p = points[n - 1].Lerp(points[n], t);
                Assert.True(g.TryGetVoxel(p, out var v), $"{p} outside the field of view");
                Assert.Equal(TissueLabel.Bowel, (TissueLabel)phantom.Labels[v]);
            }
        }
    }
}
