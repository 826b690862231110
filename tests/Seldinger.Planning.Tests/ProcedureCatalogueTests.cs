using System.Text.Json;
using System.Text.Json.Nodes;
using Seldinger.Imaging;
using Seldinger.Imaging.Phantoms;

namespace Seldinger.Planning.Tests;

/// <summary>
/// The shipped procedure catalogue covers the whole procedure table with consistent, sourced data, and the
/// loader rejects broken copies of it with messages that name the entry and the field.
/// </summary>
public sealed class ProcedureCatalogueTests : IDisposable
{
    /// <summary>Every procedure of the catalogue table, with the SIR 2019 class the table gives it.</summary>
    public static readonly TheoryData<string, BleedingRiskClass> ExpectedProcedures = new()
    {
        { "angiography", BleedingRiskClass.Low },
        { "rf-ablation", BleedingRiskClass.High },
        { "mw-ablation", BleedingRiskClass.High },
        { "cryoablation", BleedingRiskClass.High },
        { "osteoid-osteoma-rfa", BleedingRiskClass.High },
        { "pleural-drain", BleedingRiskClass.Low },
        { "ascites-drain", BleedingRiskClass.Low },
        { "joint-aspiration", BleedingRiskClass.Low },
        { "joint-injection", BleedingRiskClass.Low },
        { "picc", BleedingRiskClass.Low },
        { "port", BleedingRiskClass.Low },
        { "tunneled-dialysis-catheter", BleedingRiskClass.Low },
        { "abscess-drainage-superficial", BleedingRiskClass.Low },
        { "abscess-drainage-deep", BleedingRiskClass.High },
        { "nasojejunal-tube", BleedingRiskClass.NotClassified },
        { "gastrostomy", BleedingRiskClass.High },
        { "chest-tube", BleedingRiskClass.Low },
        { "biopsy-superficial", BleedingRiskClass.Low },
        { "biopsy-deep", BleedingRiskClass.High },
        { "sclerotherapy-venous", BleedingRiskClass.NotClassified },
        { "sclerotherapy-lymphatic", BleedingRiskClass.NotClassified },
        { "avm-embolization", BleedingRiskClass.NotClassified },
        { "laser-photoevaporation", BleedingRiskClass.NotClassified },
    };

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("seldinger-catalogue-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void LoadDefault_Version1_EveryTableProcedureOnceAndNothingElse()
    {
        var catalogue = ProcedureCatalogue.LoadDefault();
        Assert.Equal(ProcedureCatalogue.SupportedVersion, catalogue.Version);
        var expected = ExpectedProcedures.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, catalogue.Procedures.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Same(catalogue, ProcedureCatalogue.Default);
    }

    [Theory]
    [MemberData(nameof(ExpectedProcedures))]
    public void DefaultProcedure_HasTableBleedingRiskAndCompleteFields(string id, BleedingRiskClass risk)
    {
        var p = ProcedureCatalogue.Default.Find(id);
        Assert.NotNull(p);
        Assert.Equal(risk, p.BleedingRisk.Class);
        Assert.NotEmpty(p.Name);
        Assert.NotEmpty(p.Guidance);
        Assert.NotEmpty(p.Targets);
        Assert.NotEmpty(p.Objectives);
        Assert.NotEmpty(p.Devices);
        if (p.Route == RouteKind.Needle)
        {
            Assert.NotEmpty(p.Protect);
        }
    }

    [Fact]
    public void DefaultProcedures_RoutesMatchTheirKind()
    {
        var c = ProcedureCatalogue.Default;
        foreach (var id in new[] { "angiography", "picc", "port", "tunneled-dialysis-catheter", "avm-embolization" })
        {
            Assert.Equal(RouteKind.Vascular, c.Find(id)!.Route);
        }

        Assert.Equal(RouteKind.Enteric, c.Find("nasojejunal-tube")!.Route);
        Assert.Equal(RouteKind.Surface, c.Find("laser-photoevaporation")!.Route);
        Assert.Equal(RouteKind.Needle, c.Find("biopsy-deep")!.Route);
        Assert.Contains(GuidanceModality.DirectVision, c.Find("laser-photoevaporation")!.Guidance);
        Assert.Contains(GuidanceModality.Dsa, c.Find("angiography")!.Guidance);
    }

    [Fact]
    public void DefaultPhantomCases_ExistAndTheirTargetLabelIsAProcedureTarget()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in ProcedureCatalogue.Default.Procedures)
        {
            foreach (var name in p.PhantomCases)
            {
                var phantom = PhantomCatalogue.Find(name);
                Assert.True(phantom is not null, $"{p.Id}: phantom case {name} does not exist");
                Assert.True(p.Targets.Contains(phantom.TargetLabel), $"{p.Id}: {name} targets {phantom.TargetLabel}, not one of {string.Join(", ", p.Targets)}");
                used.Add(phantom.Name);
            }
        }

        // Every phantom case demonstrates at least one procedure.
        Assert.Equal(PhantomCatalogue.Cases.Select(c => c.Name).Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultFile_EveryLabelNameIsATissueLabel()
    {
        var root = JsonNode.Parse(DefaultText())!;
        var names = new List<string>();
        foreach (var p in root["procedures"]!.AsArray())
        {
            names.AddRange(p!["targets"]!.AsArray().Select(t => t!.GetValue<string>()));
            names.AddRange(p["protect"]!.AsArray().Select(s => s!["label"]!.GetValue<string>()));
        }

        Assert.True(names.Count > 50);
        var valid = Enum.GetNames<TissueLabel>();
        Assert.All(names, n => Assert.Contains(n, valid));
    }

    [Fact]
    public void DefaultFile_EveryClinicalNumberNamesAnExistingSource()
    {
        var c = ProcedureCatalogue.Default;
        var keys = c.Procedures.SelectMany(p => p.Protect.Select(x => x.Source)
                .Concat(p.Devices.Select(x => x.Source))
                .Concat(p.Parameters.Select(x => x.Source))
                .Append(p.BleedingRisk.Source))
            .ToList();
        Assert.All(keys, k => Assert.False(string.IsNullOrWhiteSpace(c.SourceText(k)), $"source '{k}'"));
        Assert.Contains("1168", c.SourceText("sir2019"), StringComparison.Ordinal);
        // Every classified risk comes from SIR 2019 itself.
        Assert.All(c.Procedures.Where(p => p.BleedingRisk.Class != BleedingRiskClass.NotClassified), p => Assert.Equal("sir2019", p.BleedingRisk.Source));
        // Margins that are configurable defaults say so.
        Assert.All(c.Procedures.SelectMany(p => p.Protect).Where(x => x.Source == "planning-margins"), x => Assert.True(x.Verify));
    }

    [Theory]
    [InlineData("gastrostomy", "maxAngleToWallNormalDeg,maxAngleToAnteriorDeg,minimumWindowAreaMm2")]
    [InlineData("nasojejunal-tube", "tipBeyondFlexureMm")]
    [InlineData("sclerotherapy-venous", "treatmentRadiusMm,targetCoverageFraction,maxPuncturesPerSession,sclerosantBleomycinPerKg,sclerosantEthanolPerKg,sclerosantSodiumTetradecylSulfatePerKg")]
    [InlineData("sclerotherapy-lymphatic", "treatmentRadiusMm,targetCoverageFraction,maxPuncturesPerSession,sclerosantDoxycyclinePerKg,sclerosantBleomycinPerKg")]
    [InlineData("laser-photoevaporation", "vesicleMatchToleranceMm")]
    public void DefaultPlannerParameters_PresentSourcedAndMarkedVerify(string id, string names)
    {
        var p = ProcedureCatalogue.Default.Find(id)!;
        foreach (var name in names.Split(','))
        {
            var x = Assert.Single(p.Parameters, q => q.Name == name);
            Assert.True(x.Verify, $"{id}.{name} is a configurable default and must say verify");
            Assert.False(string.IsNullOrWhiteSpace(ProcedureCatalogue.Default.SourceText(x.Source)));
            Assert.True(x.Value > 0, $"{id}.{name}");
        }

        // Every sclerosant dose per kg has a cap per session in the matching unit.
        foreach (var perKg in p.Parameters.Where(q => q.Name.StartsWith("sclerosant", StringComparison.Ordinal) && q.Name.EndsWith("PerKg", StringComparison.Ordinal)))
        {
            var cap = Assert.Single(p.Parameters, q => q.Name == perKg.Name.Replace("PerKg", "MaxPerSession", StringComparison.Ordinal));
            Assert.Equal(perKg.Unit, cap.Unit + "/kg");
            Assert.True(cap.Verify);
        }
    }

    [Fact]
    public void DefaultConstraints_LungAndRibRulesOnlyForThoracicProcedures()
    {
        foreach (var p in ProcedureCatalogue.Default.Procedures)
        {
            if (!p.Thoracic)
            {
                Assert.False(p.Constraints.LungCrossing, p.Id);
                Assert.False(p.Constraints.IntercostalAboveRib, p.Id);
            }
        }

        var c = ProcedureCatalogue.Default;
        Assert.True(c.Find("pleural-drain")!.Constraints.IntercostalAboveRib);
        Assert.True(c.Find("chest-tube")!.Constraints.IntercostalAboveRib);
        Assert.True(c.Find("osteoid-osteoma-rfa")!.Constraints.BoneCrossing);
        Assert.False(c.Find("biopsy-deep")!.Constraints.BowelCrossing);
        Assert.False(c.Find("gastrostomy")!.Constraints.BowelCrossing);
    }

    [Fact]
    public void ToProtectedStructures_SameLabelsAndMarginsAsTheEntry()
    {
        var p = ProcedureCatalogue.Default.Find("biopsy-deep")!;
        var structures = p.ToProtectedStructures();
        Assert.Equal(p.Protect.Count, structures.Count);
        for (var i = 0; i < structures.Count; i++)
        {
            Assert.Equal((byte)p.Protect[i].Label, structures[i].Label);
            Assert.Equal(p.Protect[i].MinimumClearanceMm, structures[i].MinimumClearanceMm);
            Assert.Equal(p.Protect[i].Label.ToString(), structures[i].Name);
        }

        // The deep biopsy margins agree with the abdominal biopsy defaults for the labels both name.
        foreach (var s in ProtectedStructures.AbdominalBiopsyDefaults)
        {
            Assert.Equal(s.MinimumClearanceMm, Assert.Single(structures, x => x.Label == s.Label).MinimumClearanceMm);
        }
    }

    [Fact]
    public void SerializedCatalogue_IsAValidCatalogueThatReadsBackTheSame()
    {
        var text = JsonSerializer.Serialize(ProcedureCatalogue.Default, ProcedureCatalogue.JsonOptions);
        var path = Write(text);
        var again = ProcedureCatalogue.Load(path);

        // The digest is of the text read, which is the serialized text here, not the shipped file.
        Assert.Equal(ProcedureCatalogue.DigestOf(File.ReadAllText(path)), again.Digest);
        Assert.Equal(text, JsonSerializer.Serialize(again with { Digest = ProcedureCatalogue.Default.Digest }, ProcedureCatalogue.JsonOptions));
        var node = JsonNode.Parse(text)!;
        Assert.Equal("high", node["procedures"]![1]!["bleedingRisk"]!["class"]!.GetValue<string>());
        Assert.Equal("Artery", node["procedures"]![0]!["targets"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Load_ClinicianCopyWithFewerProcedures_ReadsIt()
    {
        var root = JsonNode.Parse(DefaultText())!;
        var list = root["procedures"]!.AsArray();
        while (list.Count > 2)
        {
            list.RemoveAt(list.Count - 1);
        }

        list[0]!["protect"]!.AsArray().Add(JsonNode.Parse("""{"label":"Kidney","minimumClearanceMm":0,"source":"sir2019"}"""));
        var c = ProcedureCatalogue.Load(Write(root.ToJsonString()));
        Assert.Equal(["angiography", "rf-ablation"], c.Procedures.Select(p => p.Id));
        var added = c.Procedures[0].Protect[^1];
        Assert.Equal(new ProcedureProtection(TissueLabel.Kidney, 0, "sir2019", false), added);
    }

    [Theory]
    [InlineData("procedures/0/targets/0", "\"Gallbladder\"", "procedure 'angiography': targets[0]: unknown tissue label \"Gallbladder\"; valid labels: Background, Skin")]
    [InlineData("procedures/1/protect/0/label", "\"Pancreas\"", "procedure 'rf-ablation': protect[0].label: unknown tissue label \"Pancreas\"")]
    [InlineData("procedures/1/protect/0/label", "5", "procedure 'rf-ablation': protect[0].label: unknown tissue label 5")]
    [InlineData("procedures/1/protect/2/minimumClearanceMm", "-1", "procedure 'rf-ablation': protect[2].minimumClearanceMm (-1) is negative")]
    [InlineData("procedures/1/protect/0/source", null, "procedure 'rf-ablation': protect[0].source is missing")]
    [InlineData("procedures/0/devices/1/source", null, "procedure 'angiography': devices[1].source is missing")]
    [InlineData("procedures/0/bleedingRisk/source", "\"\"", "procedure 'angiography': bleedingRisk.source is missing")]
    [InlineData("procedures/0/parameters/0/source", "\"my-notes\"", "procedure 'angiography': parameters[0].source 'my-notes' is not a key of \"sources\"")]
    [InlineData("sources/sir2019", "\"\"", "sources.sir2019: the citation must be a non-empty string")]
    [InlineData("procedures/1/id", "\"angiography\"", "procedures[1]: duplicate id 'angiography'")]
    [InlineData("procedures/2/id", "\"Bad Id\"", "procedures[2].id 'Bad Id' must be lowercase kebab-case")]
    [InlineData("procedures/0/route", "\"teleport\"", "procedure 'angiography': route: unknown value \"teleport\"; expected one of needle, vascular, enteric, surface")]
    [InlineData("procedures/0/guidance/1", "\"mri\"", "procedure 'angiography': guidance[1]: unknown value \"mri\"; expected one of ultrasound, ct, coneBeamCt, fluoroscopy, dsa, directVision")]
    [InlineData("procedures/0/bleedingRisk/class", "\"medium\"", "procedure 'angiography': bleedingRisk.class: unknown value \"medium\"; expected one of low, high, notClassified")]
    [InlineData("procedures/0/objectives/0/kind", "\"fastest\"", "procedure 'angiography': objectives[0].kind: unknown value \"fastest\"")]
    [InlineData("procedures/0/devices/0/kind", "\"Needle\"", "procedure 'angiography': devices[0].kind: unknown value \"Needle\"")]
    [InlineData("procedures/0/objectives/0/weight", "-0.5", "procedure 'angiography': objectives[0].weight (-0.5) is negative")]
    [InlineData("procedures/0/devices/0/gauge", "99", "procedure 'angiography': devices[0].gauge (99) must lie in 6–34")]
    [InlineData("procedures/0/constraints/lungCrossing", "true", "procedure 'angiography': constraints.lungCrossing is allowed only for thoracic procedures")]
    [InlineData("procedures/1/constraints/intercostalAboveRib", "true", "procedure 'rf-ablation': constraints.intercostalAboveRib applies only to thoracic procedures")]
    [InlineData("procedures/0/constraints/bowelCrossing", "\"no\"", "procedure 'angiography': constraints: \"bowelCrossing\" must be true or false")]
    [InlineData("procedures/0/phantomCases/0", "\"no-such-case\"", "procedure 'angiography': phantomCases[0]: unknown phantom case \"no-such-case\"; valid cases: liver-tumor")]
    [InlineData("procedures/1/protect/1/label", "\"Bowel\"", "procedure 'rf-ablation': \"protect\" names Bowel twice")]
    [InlineData("procedures/0/targets", "[]", "procedure 'angiography': \"targets\" names no tissue label")]
    [InlineData("procedures/0/name", null, "procedure 'angiography': \"name\" is missing")]
    [InlineData("version", "2", "\"version\" 2 is not supported (this build reads version 1)")]
    [InlineData("version", "\"1\"", "\"version\" \"1\" is not supported")]
    [InlineData("version", "1.5", "\"version\" 1.5 is not supported")]
    [InlineData("version", null, "\"version\" is missing")]
    [InlineData("procedures", "{}", "catalogue: \"procedures\" must be an array")]
    public void Load_BrokenCopy_ErrorNamesFileEntryAndField(string location, string? value, string expected)
    {
        var root = JsonNode.Parse(DefaultText())!;
        Set(root, location, value);
        var path = Write(root.ToJsonString());
        var ex = Assert.Throws<ProcedureCatalogueException>(() => ProcedureCatalogue.Load(path));
        Assert.StartsWith($"{Path.GetFileName(path)}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "the catalogue must be a JSON object")]
    [InlineData("""{"version":1,"sources":{},"procedures":[]}""", "\"procedures\" is empty")]
    [InlineData("""{"version":1,"procedures":[]}""", "\"sources\" must be an object")]
    public void Parse_BrokenDocument_ClearError(string json, string expected)
    {
        var ex = Assert.Throws<ProcedureCatalogueException>(() => ProcedureCatalogue.Parse(json, "mine.json"));
        Assert.StartsWith("mine.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IoError()
    {
        Assert.Throws<FileNotFoundException>(() => ProcedureCatalogue.Load(Path.Combine(_dir.FullName, "absent.json")));
        Assert.Throws<ArgumentException>(() => ProcedureCatalogue.Load(" "));
    }

    private static string DefaultText()
    {
        using var stream = typeof(ProcedureCatalogue).Assembly.GetManifestResourceStream("Seldinger.Planning.Data.procedure-catalogue.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Sets (or, for a null value, removes) the node at a slash-separated path.</summary>
    private static void Set(JsonNode root, string location, string? value)
    {
        var parts = location.Split('/');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : parent[part]!;
        }

        var last = parts[^1];
        var node = value is null ? null : JsonNode.Parse(value);
        switch (parent)
        {
            case JsonArray array:
                array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = node;
                break;
            case JsonObject obj when node is null:
                Assert.True(obj.Remove(last), $"{location} is not in the file");
                break;
            case JsonObject obj:
                Assert.True(obj.ContainsKey(last), $"{location} is not in the file");
                obj[last] = node;
                break;
        }
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir.FullName, $"catalogue-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
