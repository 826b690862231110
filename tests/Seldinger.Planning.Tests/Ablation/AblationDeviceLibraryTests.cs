using Seldinger.Planning.Ablation;
using Seldinger.Planning.Plans;

namespace Seldinger.Planning.Tests.Ablation;

public sealed class AblationDeviceLibraryTests
{
    /// <summary>A small valid file: one RF device and one cryo device. Each failure case below breaks one field of it.</summary>
    private const string Valid = """
        {
          "version": 1,
          "sources": { "chart": "Maker. Instructions for use.", "paper": "Author. Journal 2020." },
          "cryo": { "lethalIsothermCelsius": -40, "maximumProbeSpacingMm": 20, "maximumDistanceFromTumorEdgeMm": 10, "source": "paper", "verify": true },
          "defaults": { "rf-ablation": "rf-a", "cryoablation": "cryo-a" },
          "devices": [
            { "id": "rf-a", "name": "RF A", "manufacturer": "Maker", "modality": "radiofrequency", "kind": "radiofrequencyMonopolar",
              "gauge": 17, "shaftLengthMm": 150, "activeTipLengthMm": 20, "source": "chart",
              "settings": [ { "id": "200W-12min", "powerWatts": 200, "durationMinutes": 12,
                              "zone": { "lengthMm": 30, "diameterMm": 22, "distalExtentBeyondTipMm": 5 },
                              "tissue": "ex-vivo bovine liver", "source": "chart", "verify": true } ] },
            { "id": "cryo-a", "name": "Cryo A", "manufacturer": "Maker", "modality": "cryo", "kind": "cryoprobe",
              "gauge": 17, "shaftLengthMm": 175, "activeTipLengthMm": 15, "probeTemperatureCelsius": -140, "source": "chart",
              "settings": [ { "id": "freeze10-thaw8-freeze10", "freezeThawMinutes": [10, 8, 10],
                              "isotherms": [ { "temperatureCelsius": 0, "zone": { "lengthMm": 46, "diameterMm": 35, "distalExtentBeyondTipMm": 8 } },
                                             { "temperatureCelsius": -20, "zone": { "lengthMm": 35, "diameterMm": 24, "distalExtentBeyondTipMm": 5 } },
                                             { "temperatureCelsius": -40, "zone": { "lengthMm": 24, "diameterMm": 16, "distalExtentBeyondTipMm": 3 } } ],
                              "tissue": "gel", "source": "chart", "verify": true } ] }
          ]
        }
        """;

    [Fact]
    public void LoadDefault_ShippedFile_EveryRowNamesAKnownSourceAndTissue()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        Assert.Equal(AblationDeviceLibrary.SupportedVersion, library.Version);
        foreach (var device in library.Devices)
        {
            Assert.True(library.Sources.ContainsKey(device.Source), device.Id);
            Assert.NotEmpty(device.Settings);
            foreach (var setting in device.Settings)
            {
                Assert.True(library.Sources.ContainsKey(setting.Source), $"{device.Id} {setting.Id}");
                Assert.False(string.IsNullOrWhiteSpace(setting.Tissue));
            }
        }
    }

    [Fact]
    public void LoadDefault_ShippedFile_HasEveryKindOfDevice()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        foreach (var kind in Enum.GetValues<AblationDeviceKind>())
        {
            Assert.Contains(library.Devices, d => d.Kind == kind);
        }

        var cluster = library.Devices.First(d => d.Kind == AblationDeviceKind.RadiofrequencyCluster);
        Assert.Equal(5, cluster.ClusterSpacingMm);
    }

    [Fact]
    public void LoadDefault_EachModality_SmallestProbeFirst()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        foreach (var modality in Enum.GetValues<AblationModality>())
        {
            var sizes = library.DevicesOf(modality).Select(d => d.Settings.Min(s => s.Zone.LengthMm * s.Zone.DiameterMm * s.Zone.DiameterMm)).ToList();
            Assert.NotEmpty(sizes);
            for (var n = 1; n < sizes.Count; n++)
            {
                Assert.True(sizes[n] >= sizes[n - 1], $"{modality}: device {n} is smaller than device {n - 1}");
            }
        }
    }

    [Fact]
    public void LoadDefault_CryoSettings_LethalZoneIsTheLethalIsothermAndIsothermsNest()
    {
        var library = AblationDeviceLibrary.LoadDefault();
        Assert.Equal(-40, library.CryoLethalIsothermCelsius);
        Assert.Equal(20, library.CryoMaximumProbeSpacingMm);
        Assert.Equal(10, library.CryoMaximumDistanceFromTumorEdgeMm);
        foreach (var device in library.DevicesOf(AblationModality.Cryo))
        {
            foreach (var setting in device.Settings)
            {
                Assert.Equal(setting.Isotherms.Single(i => i.TemperatureCelsius == -40).Shape, setting.Zone);
                Assert.Equal([0.0, -20.0, -40.0], setting.Isotherms.Select(i => i.TemperatureCelsius));
                Assert.True(setting.FreezeThawMinutes.Count % 2 == 1);
                Assert.Null(setting.PowerWatts);

                // Independent check of the nesting: points of each colder isotherm's surface lie inside the warmer one.
                for (var n = 1; n < setting.Isotherms.Count; n++)
                {
                    Assert.True(SurfaceInside(setting.Isotherms[n].Shape, setting.Isotherms[n - 1].Shape), $"{device.Id} {setting.Id}");
                }
            }
        }
    }

    [Theory]
    [InlineData("rf-ablation", "cooltip-act-2cm")]
    [InlineData("mw-ablation", "neuwave-certus-pr")]
    [InlineData("cryoablation", "icesphere-17g")]
    [InlineData("osteoid-osteoma-rfa", "rf-bone-1cm")]
    public void DefaultDeviceFor_CatalogueAblations_NamesTheDevice(string procedure, string device)
    {
        var library = AblationDeviceLibrary.LoadDefault();
        var chosen = library.DefaultDeviceFor(procedure);
        Assert.Equal(device, chosen.Id);
        var catalogue = ProcedureCatalogue.Default.Find(procedure)!;
        Assert.Equal(AblationPlanner.ModalityOf(catalogue), chosen.Modality);
    }

    [Fact]
    public void DefaultDeviceFor_OsteoidOsteoma_OneCentimetreTipAndZoneUnderOneCentimetreAcross()
    {
        var device = AblationDeviceLibrary.LoadDefault().DefaultDeviceFor("osteoid-osteoma-rfa");
        Assert.Equal(10, device.ActiveTipLengthMm);
        Assert.All(device.Settings, s => Assert.InRange(s.Zone.DiameterMm, 7, 10));
    }

    [Fact]
    public void DefaultDeviceFor_UnknownProcedure_PlanningException()
    {
        var e = Assert.Throws<PlanningException>(() => AblationDeviceLibrary.LoadDefault().DefaultDeviceFor("biopsy-deep"));
        Assert.Contains("biopsy-deep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        var library = AblationDeviceLibrary.Parse(Valid, "mine.json");
        var rf = library.Device("rf-a");
        Assert.Equal(AblationModality.Radiofrequency, rf.Modality);
        Assert.Equal(new AblationZoneShape(30, 22, 5), rf.Setting("200W-12min").Zone);
        Assert.Equal(200, rf.Setting("200W-12min").PowerWatts);
        var cryo = library.Device("cryo-a").Settings[0];
        Assert.Equal(new AblationZoneShape(24, 16, 3), cryo.Zone);
        Assert.Equal(20, cryo.DurationMinutes);
        Assert.Equal("cryo-a", library.DefaultDeviceFor("cryoablation").Id);
    }

    [Theory]
    [InlineData("\"version\": 1", "\"version\": 2", "version")]
    [InlineData("\"modality\": \"radiofrequency\"", "\"modality\": \"laser\"", "device 'rf-a': unknown modality 'laser'")]
    [InlineData("\"kind\": \"radiofrequencyMonopolar\"", "\"kind\": \"microwave\"", "device 'rf-a': kind microwave is a microwave device")]
    [InlineData("\"kind\": \"radiofrequencyMonopolar\"", "\"kind\": \"1\"", "device 'rf-a': unknown kind '1'")]
    [InlineData("\"id\": \"cryo-a\"", "\"id\": \"rf-a\"", "duplicate device id 'rf-a'")]
    [InlineData("\"lengthMm\": 30", "\"lengthMm\": -30", "device 'rf-a': settings[0] '200W-12min': zone: \"lengthMm\" must be > 0")]
    [InlineData("\"lengthMm\": 30, ", "", "device 'rf-a': settings[0] '200W-12min': zone: \"lengthMm\" is missing")]
    [InlineData("\"diameterMm\": 22", "\"diameterMm\": 40", "device 'rf-a': settings[0] '200W-12min': zone: diameterMm 40")]
    [InlineData("\"distalExtentBeyondTipMm\": 5", "\"distalExtentBeyondTipMm\": 31", "distalExtentBeyondTipMm 31")]
    [InlineData("\"lengthMm\": 24, \"diameterMm\": 16", "\"lengthMm\": 40, \"diameterMm\": 30", "the -40 °C isotherm is not inside the -20 °C isotherm")]
    [InlineData("\"freezeThawMinutes\": [10, 8, 10],", "", "device 'cryo-a': settings[0] 'freeze10-thaw8-freeze10': a cryo row needs its protocol")]
    [InlineData("\"freezeThawMinutes\": [10, 8, 10]", "\"freezeThawMinutes\": [10, 8]", "odd number of phases")]
    [InlineData("\"activeTipLengthMm\": 20, \"source\": \"chart\"", "\"activeTipLengthMm\": 20, \"source\": \"nowhere\"", "device 'rf-a': source 'nowhere' is not a key")]
    [InlineData("\"tissue\": \"gel\", \"source\": \"chart\"", "\"tissue\": \"gel\", \"source\": \"lost\"", "device 'cryo-a': settings[0] 'freeze10-thaw8-freeze10': source 'lost'")]
    [InlineData("\"cryoablation\": \"cryo-a\"", "\"cryoablation\": \"cryo-z\"", "defaults.cryoablation: \"cryo-z\" is not a device")]
    [InlineData("\"lethalIsothermCelsius\": -40", "\"lethalIsothermCelsius\": -30", "no -30 °C isotherm")]
    [InlineData("\"probeTemperatureCelsius\": -140, ", "", "device 'cryo-a': \"probeTemperatureCelsius\" is missing")]
    [InlineData("\"gauge\": 17, \"shaftLengthMm\": 150", "\"gauge\": 17, \"shaftLenghtMm\": 150", "device 'rf-a': unknown field \"shaftLenghtMm\"")]
    [InlineData("\"powerWatts\": 200", "\"powerWatts\": 0", "\"powerWatts\" must be > 0")]
    [InlineData("\"durationMinutes\": 12", "\"durationMinutes\": \"long\"", "\"durationMinutes\" must be a number")]
    public void Parse_OneMistake_PlanningExceptionNamesFileDeviceAndField(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        var e = Assert.Throws<PlanningException>(() => AblationDeviceLibrary.Parse(json, "mine.json"));
        Assert.StartsWith("mine.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_PlanningException()
    {
        var e = Assert.Throws<PlanningException>(() => AblationDeviceLibrary.Parse("{ devices: ", "mine.json"));
        Assert.Contains("mine.json: not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClinicianCopy_ReadsItAndNamesTheFileInErrors()
    {
        var dir = Directory.CreateTempSubdirectory("seldinger-devices-");
        try
        {
            var good = Path.Combine(dir.FullName, "devices.json");
            File.WriteAllText(good, Valid);
            Assert.Equal(2, AblationDeviceLibrary.Load(good).Devices.Count);

            var bad = Path.Combine(dir.FullName, "broken-devices.json");
            File.WriteAllText(bad, Valid.Replace("\"gauge\": 17, \"shaftLengthMm\": 150", "\"gauge\": -17, \"shaftLengthMm\": 150", StringComparison.Ordinal));
            var e = Assert.Throws<PlanningException>(() => AblationDeviceLibrary.Load(bad));
            Assert.Contains("broken-devices.json: device 'rf-a': \"gauge\" must be > 0", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Constructor_DefaultNamesUnknownDevice_PlanningException()
    {
        var library = AblationDeviceLibrary.Parse(Valid, "mine.json");
        Assert.Throws<PlanningException>(() => new AblationDeviceLibrary(1, library.Devices, library.Sources, new Dictionary<string, string> { ["rf-ablation"] = "nope" }));
        var plain = new AblationDeviceLibrary(1, library.Devices, library.Sources);
        Assert.Throws<PlanningException>(() => plain.DefaultDeviceFor("rf-ablation"));
    }

    /// <summary>Samples the inner ellipsoid's surface (tip at the origin, shaft along +z) and checks every point against the outer one.</summary>
    private static bool SurfaceInside(AblationZoneShape inner, AblationZoneShape outer)
    {
        double ci = -((inner.LengthMm / 2) - inner.DistalExtentBeyondTipMm), co = -((outer.LengthMm / 2) - outer.DistalExtentBeyondTipMm);
        for (var n = 0; n <= 1000; n++)
        {
            var theta = Math.PI * n / 1000;
            var z = ci + (inner.LengthMm / 2 * Math.Cos(theta));
            var r = inner.DiameterMm / 2 * Math.Sin(theta);
            var u = (z - co) / (outer.LengthMm / 2);
            var w = r / (outer.DiameterMm / 2);
            if ((u * u) + (w * w) > 1 + 1e-9)
            {
                return false;
            }
        }

        return true;
    }
}
