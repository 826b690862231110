using System.Text.Json;
using System.Text.RegularExpressions;
using Seldinger.Clinical.Instructions;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Planning;
using Xunit.Abstractions;

namespace Seldinger.Clinical.Tests.Instructions;

public partial class FamilyInstructionsTests(ITestOutputHelper output)
{
    private static readonly FamilyInstructions Instructions = FamilyInstructions.LoadDefault();
    private static readonly ProcedureCatalogue Catalogue = ProcedureCatalogue.LoadDefault();
    private static readonly ProcedureDefinition Biopsy = Catalogue.Find("biopsy-deep")!;
    private static readonly InstructionOptions Options = new() { TimeZone = SampleEpisodes.Madrid, ServicePhone = "+34 910 000 000" };

    public static TheoryData<FamilyLanguage, InstructionPhase> LanguagesAndPhases => new()
    {
        { FamilyLanguage.English, InstructionPhase.Before },
        { FamilyLanguage.English, InstructionPhase.After },
        { FamilyLanguage.Spanish, InstructionPhase.Before },
        { FamilyLanguage.Spanish, InstructionPhase.After },
    };

    [Fact]
    public void FamilyOf_EveryCatalogueProcedure_HasAFamily()
    {
        var missing = Catalogue.Procedures.Where(p => Instructions.FamilyOf(p.Id) is null).Select(p => p.Id).ToList();
        Assert.Empty(missing);
        Assert.Equal(10, Instructions.Families.Count);
    }

    [Fact]
    public void DataFiles_EnglishAndSpanish_HaveTheSameKeys()
    {
        var en = KeysOf(JsonDocument.Parse(Resource("en.json")).RootElement, "");
        var es = KeysOf(JsonDocument.Parse(Resource("es.json")).RootElement, "");
        Assert.Empty(en.Except(es));
        Assert.Empty(es.Except(en));
        Assert.Contains("families.biopsy.care", en);
    }

    [Theory]
    [MemberData(nameof(LanguagesAndPhases))]
    public void Compose_EveryProcedure_FillsEveryPlaceholder(FamilyLanguage language, InstructionPhase phase)
    {
        foreach (var procedure in Catalogue.Procedures)
        {
            foreach (var episode in new[] { SampleEpisodes.LiverBiopsy(), SampleEpisodes.LiverBiopsy(booked: false, weightKg: null, withRecord: false), SampleEpisodes.LiverBiopsy(birthDate: new DateOnly(2026, 1, 2)) })
            {
                var sheet = Instructions.Compose(episode, procedure, language, phase, Options);
                var text = sheet.ToPlainText();
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                Assert.DoesNotContain("}", text, StringComparison.Ordinal);
                Assert.NotEmpty(sheet.Sections);
                Assert.All(sheet.Sections, s => Assert.NotEmpty(s.Paragraphs));
                Assert.Equal(language, sheet.Language);
                Assert.Equal(phase, sheet.Phase);
            }
        }
    }

    [Theory]
    [InlineData(InstructionPhase.Before)]
    [InlineData(InstructionPhase.After)]
    public void Compose_EnglishEveryProcedure_FleschKincaidGradeAtMostSix(InstructionPhase phase)
    {
        var grades = Catalogue.Procedures.ToDictionary(p => p.Id, p =>
            Readability.FleschKincaidGrade(Paragraphs(Instructions.Compose(SampleEpisodes.LiverBiopsy(), p, FamilyLanguage.English, phase, Options))));
        output.WriteLine($"Flesch-Kincaid grade, {phase}: max {grades.Values.Max():0.00}, mean {grades.Values.Average():0.00}");
        var hard = grades.Where(g => g.Value > 6.0).Select(g => $"{g.Key}: {g.Value:0.0}").ToList();
        Assert.True(hard.Count == 0, "Grade above 6: " + string.Join(", ", hard));
    }

    [Theory]
    [InlineData(InstructionPhase.Before)]
    [InlineData(InstructionPhase.After)]
    public void Compose_SpanishEveryProcedure_EasyByFernandezHuertaOrInflesz(InstructionPhase phase)
    {
        var hard = new List<string>();
        var (minHuerta, minInflesz) = (double.MaxValue, double.MaxValue);
        foreach (var procedure in Catalogue.Procedures)
        {
            var paragraphs = Paragraphs(Instructions.Compose(SampleEpisodes.LiverBiopsy(), procedure, FamilyLanguage.Spanish, phase, Options));
            var huerta = Readability.FernandezHuerta(paragraphs);
            var inflesz = Readability.SzigrisztPazos(paragraphs);
            (minHuerta, minInflesz) = (Math.Min(minHuerta, huerta), Math.Min(minInflesz, inflesz));
            if (huerta < 70 && inflesz < 65)
            {
                hard.Add($"{procedure.Id}: Fernández-Huerta {huerta:0.0}, INFLESZ {inflesz:0.0}");
            }
        }

        output.WriteLine($"Spanish, {phase}: lowest Fernández-Huerta {minHuerta:0.0}, lowest INFLESZ {minInflesz:0.0}");
        Assert.True(hard.Count == 0, "Not easy: " + string.Join("; ", hard));
    }

    [Fact]
    public void Compose_ScenarioThursdayTenModerateSpanish_NoSolidsAfterFourClearLiquidsUntilEight()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(SedationLevel.Moderate), Biopsy, FamilyLanguage.Spanish, InstructionPhase.Before, Options);

        var fasting = sheet.Sections.Single(s => s.Heading == "Comer y beber").Paragraphs;
        Assert.Contains("No le dé comida sólida, leche ni fórmula después de las 04:00 del jueves.", fasting);
        Assert.Contains("Puede tomar líquidos claros hasta las 08:00 del jueves.", fasting);
        Assert.Contains("No le dé comida grasa, frita ni carne después de las 02:00 del jueves.", fasting);
        Assert.Contains(sheet.Sections.SelectMany(s => s.Paragraphs), p => p.Contains("La cita de Lucía es a las 10:00 del jueves.", StringComparison.Ordinal));
        Assert.Contains(sheet.Sections.SelectMany(s => s.Paragraphs), p => p.StartsWith("Por favor, llegue a las 09:00.", StringComparison.Ordinal));
        Assert.Equal("Cómo prepararse para una biopsia", sheet.Title);
    }

    [Fact]
    public void Compose_DefaultTimeZoneUtc_TimesInUtc()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options with { TimeZone = TimeZoneInfo.Utc });
        var text = sheet.ToPlainText();
        Assert.Contains("No other food, and no milk or formula, after 03:00 on Thursday.", text, StringComparison.Ordinal);
        Assert.Contains("Your child can drink clear liquids until 07:00 on Thursday.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_EarlyMorningStart_FattyFoodLimitOnThePreviousDay()
    {
        var start = new DateTimeOffset(2026, 12, 3, 7, 30, 0, TimeSpan.FromHours(1));
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(start: start), Biopsy, FamilyLanguage.Spanish, InstructionPhase.Before, Options);
        Assert.Contains("después de las 23:30 del miércoles", sheet.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SedationLevel.None)]
    public void Compose_NoSedation_EatAndDrinkAsUsual(SedationLevel sedation)
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(sedation), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options);
        var fasting = sheet.Sections.Single(s => s.Heading == "Eating and drinking").Paragraphs;
        Assert.Equal(["Your child can eat and drink as usual."], fasting);
    }

    [Theory]
    [InlineData(SedationLevel.Deep)]
    [InlineData(SedationLevel.GeneralAnaesthesia)]
    public void Compose_DeeperSedation_FastingTimesAndItsOwnSedationText(SedationLevel sedation)
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(sedation), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options);
        Assert.Contains("clear liquids until 08:00 on Thursday", sheet.ToPlainText(), StringComparison.Ordinal);
        var sedationText = string.Join(' ', sheet.Sections.Single(s => s.Heading == "Sleep medicine").Paragraphs);
        Assert.Contains(sedation == SedationLevel.Deep ? "sleep deeply" : "fully asleep", sedationText, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_NotBooked_SaysWeWillCallAndGivesNoTimes()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(booked: false), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options);
        var text = sheet.ToPlainText();
        Assert.Contains("We will call you with the date and time.", text, StringComparison.Ordinal);
        Assert.Contains("We will tell you the exact times when we book it.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(TimePattern(), text);
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(24, false)]
    [InlineData(25, false)]
    public void Compose_BreastMilkLine_OnlyUnderTwoYears(int ageMonths, bool expected)
    {
        var birth = DateOnly.FromDateTime(SampleEpisodes.ThursdayTen.UtcDateTime).AddMonths(-ageMonths);
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(birthDate: birth), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options);
        Assert.Equal(expected, sheet.ToPlainText().Contains("Breast milk is fine until 06:00 on Thursday.", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_SpanishGirlAndBoy_ChildWordAgrees()
    {
        var girl = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.Spanish, InstructionPhase.Before, Options).ToPlainText();
        var boy = Instructions.Compose(SampleEpisodes.LiverBiopsy(sex: AdministrativeSex.Male), Biopsy, FamilyLanguage.Spanish, InstructionPhase.Before, Options).ToPlainText();
        Assert.Contains("Su hija recibe una medicina", girl, StringComparison.Ordinal);
        Assert.Contains("Su hijo recibe una medicina", boy, StringComparison.Ordinal);
        Assert.DoesNotContain("su hijo", girl, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Compose_AfterBiopsy_ParacetamolByWeightAndNoIbuprofen()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options);
        var pain = sheet.Sections.Single(s => s.Heading == "Pain relief").Paragraphs;
        Assert.Contains("The dose for your child is 320 mg. Give it every 6 hours if needed.", pain);
        Assert.Contains("Do not give ibuprofen or aspirin for 2 days. They can make bleeding more likely.", pain);
        Assert.DoesNotContain(pain, p => p.Contains("You can also give ibuprofen", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_AfterJointInjection_IbuprofenByWeight()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Catalogue.Find("joint-injection")!, FamilyLanguage.Spanish, InstructionPhase.After, Options);
        Assert.Contains("También puede darle ibuprofeno. La dosis es de 213 mg cada 8 horas si la necesita.", sheet.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(66.0, "990")]
    [InlineData(66.7, "1000")]
    [InlineData(80.0, "1000")]
    public void Compose_HeavyChild_ParacetamolCappedAtOneGram(double kg, string expectedMg)
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(weightKg: kg), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options);
        Assert.Contains($"The dose for your child is {expectedMg} mg.", sheet.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Compose_Infant_IbuprofenFromThreeMonths(int ageMonths, bool expected)
    {
        var birth = DateOnly.FromDateTime(SampleEpisodes.ThursdayTen.UtcDateTime).AddMonths(-ageMonths);
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(birthDate: birth, weightKg: 5.5), Catalogue.Find("picc")!, FamilyLanguage.English, InstructionPhase.After, Options);
        Assert.Equal(expected, sheet.ToPlainText().Contains("You can also give ibuprofen. The dose is 55 mg", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_NoWeight_AsksTheFamilyToCall()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(weightKg: null), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options);
        Assert.Contains("Ask us for the right dose of pain medicine for your child's weight.", sheet.ToPlainText(), StringComparison.Ordinal);
        Assert.DoesNotContain(" mg", sheet.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_After_FeverThresholdAndServicePhoneInEachLanguage()
    {
        var en = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options).ToPlainText();
        var es = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.Spanish, InstructionPhase.After, Options).ToPlainText();
        Assert.Contains("A fever of 38.5 °C or higher.", en, StringComparison.Ordinal);
        Assert.Contains("Fiebre de 38,5 °C o más.", es, StringComparison.Ordinal);
        Assert.Contains("Call the Interventional Radiology team at +34 910 000 000.", en, StringComparison.Ordinal);
        Assert.Contains("Llame a Radiología Intervencionista al +34 910 000 000.", es, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AfterDrain_DrainCareAndOutputLog()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(), Catalogue.Find("abscess-drainage-deep")!, FamilyLanguage.English, InstructionPhase.After, Options);
        var care = sheet.Sections.Single(s => s.Heading == "Care of the drain").Paragraphs;
        Assert.Contains(care, p => p.Contains("write down the time, the amount and the color", StringComparison.Ordinal));
        Assert.Contains(sheet.Sections.Single(s => s.Heading == "When to call us").Paragraphs, p => p.Contains("The drain comes out", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_NoServicePhone_RefusedNamingTheField()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() =>
            Instructions.Compose(SampleEpisodes.LiverBiopsy(), Biopsy, FamilyLanguage.English, InstructionPhase.Before, new InstructionOptions()));
        Assert.Contains("servicePhone", ex.Errors.Keys);
    }

    [Fact]
    public void Compose_BeforeWithoutSedationPlan_RefusedNamingTheField()
    {
        var ex = Assert.Throws<ClinicalValidationException>(() =>
            Instructions.Compose(SampleEpisodes.LiverBiopsy(sedation: null), Biopsy, FamilyLanguage.English, InstructionPhase.Before, Options));
        Assert.Contains("plannedSedation", ex.Errors.Keys);
    }

    [Fact]
    public void Compose_ProcedureOutsideTheCatalogue_RefusedNamingTheField()
    {
        var unknown = Biopsy with { Id = "kidney-transplant" };
        var ex = Assert.Throws<ClinicalValidationException>(() =>
            Instructions.Compose(SampleEpisodes.LiverBiopsy(), unknown, FamilyLanguage.English, InstructionPhase.Before, Options));
        Assert.Contains("procedureId", ex.Errors.Keys);
    }

    [Fact]
    public void Compose_UnsedatedAfter_NoSleepyLine()
    {
        var sheet = Instructions.Compose(SampleEpisodes.LiverBiopsy(SedationLevel.None), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options);
        Assert.DoesNotContain("sleepy", sheet.ToPlainText(), StringComparison.Ordinal);
        var sedated = Instructions.Compose(SampleEpisodes.LiverBiopsy(SedationLevel.Moderate), Biopsy, FamilyLanguage.English, InstructionPhase.After, Options);
        Assert.Contains("sleepy", sedated.ToPlainText(), StringComparison.Ordinal);
    }

    internal static List<string> Paragraphs(InstructionSheet sheet) => sheet.Sections.SelectMany(s => s.Paragraphs).ToList();

    private static string Resource(string file)
    {
        var assembly = typeof(FamilyInstructions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.Replace('/', '.').EndsWith("instructions." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static HashSet<string> KeysOf(JsonElement element, string prefix)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return keys;
        }

        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
            keys.Add(key);
            keys.UnionWith(KeysOf(property.Value, key));
        }

        return keys;
    }

    [GeneratedRegex(@"\d\d:\d\d")]
    private static partial Regex TimePattern();
}
