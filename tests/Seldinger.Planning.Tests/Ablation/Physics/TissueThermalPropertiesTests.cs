using System.Text.Json.Nodes;
using Seldinger.Imaging;
using Seldinger.Planning.Ablation.Physics;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation.Physics;

public class TissueThermalPropertiesTests
{
    private static string DefaultJson()
    {
        using var stream = typeof(TissueThermalProperties).Assembly.GetManifestResourceStream("Seldinger.Planning.Data.tissue-thermal-properties.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [Fact]
    public void LoadDefault_ShippedFile_MapsEveryLabelAndCitesEveryMaterial()
    {
        var properties = TissueThermalProperties.LoadDefault();
        foreach (var label in Enum.GetValues<TissueLabel>())
        {
            var material = properties.MaterialFor(label);
            Assert.Contains(label, material.Labels);
            foreach (var key in material.Source.Split(';', StringSplitOptions.TrimEntries))
            {
                Assert.True(properties.Sources.ContainsKey(key), $"{material.Id} cites unknown source {key}");
            }
        }

        var liver = properties.MaterialFor(TissueLabel.Liver).Material;
        Assert.Equal(0.52, liver.Conductivity);
        Assert.Equal(1079 * 3540, liver.Density * liver.SpecificHeat, 1e-6);
        Assert.Equal(37, properties.BloodTemperatureCelsius);
        Assert.Equal(1050 * 3617, properties.BloodVolumetricHeatCapacity, 1e-6);
        Assert.True(properties.PhaseChangeLowCelsius < properties.PhaseChangeHighCelsius);

        // Air's heat capacity is raised to the floor so it does not limit the time step.
        var air = properties.MaterialFor(TissueLabel.Background).Material;
        Assert.True(air.Density * air.SpecificHeat >= 1e6 - 1e-6);
    }

    [Fact]
    public void Parse_LabelWithoutMaterial_ThrowsNamingTheLabel()
    {
        var root = JsonNode.Parse(DefaultJson())!;
        var liver = root["materials"]!.AsArray().First(m => (string?)m!["id"] == "liver")!;
        liver["labels"] = new JsonArray("Liver");
        var error = Assert.Throws<PlanningException>(() => TissueThermalProperties.Parse(root.ToJsonString(), "edited.json"));
        Assert.Contains("BileDuct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidValues_ThrowPlanningException()
    {
        var root = JsonNode.Parse(DefaultJson())!;
        root["materials"]![0]!["conductivity"] = -1;
        Assert.Throws<PlanningException>(() => TissueThermalProperties.Parse(root.ToJsonString(), "edited.json"));

        root = JsonNode.Parse(DefaultJson())!;
        root["materials"]![1]!["source"] = "nowhere";
        var error = Assert.Throws<PlanningException>(() => TissueThermalProperties.Parse(root.ToJsonString(), "edited.json"));
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);

        Assert.Throws<PlanningException>(() => TissueThermalProperties.Parse("{ not json", "broken.json"));
    }
}
