namespace Seldinger.Clinical.Tests.Instructions;

public class ReadabilityTests
{
    [Theory]
    [InlineData("cat", 1)]
    [InlineData("water", 2)]
    [InlineData("medicine", 3)]
    [InlineData("make", 1)]
    [InlineData("helped", 1)]
    [InlineData("little", 2)]
    public void EnglishSyllables_CommonWords_CountedByRule(string word, int expected) =>
        Assert.Equal(expected, Readability.EnglishSyllables(word));

    [Theory]
    [InlineData("sol", 1)]
    [InlineData("agua", 2)]
    [InlineData("medicina", 4)]
    [InlineData("día", 2)]
    [InlineData("bebidas", 3)]
    [InlineData("poeta", 3)]
    [InlineData("hoy", 1)]
    [InlineData("y", 1)]
    [InlineData("después", 2)]
    public void SpanishSyllables_CommonWords_DiphthongsAndHiatusCounted(string word, int expected) =>
        Assert.Equal(expected, Readability.SpanishSyllables(word));

    [Fact]
    public void FleschKincaidGrade_ShortPlainSentences_LowGrade()
    {
        Assert.True(Readability.FleschKincaidGrade(["The cat sat on the mat. It was warm."]) < 2);
    }

    [Fact]
    public void FleschKincaidGrade_LongTechnicalSentence_HighGrade()
    {
        Assert.True(Readability.FleschKincaidGrade(
            ["Percutaneous image-guided interventional procedures necessitate comprehensive periprocedural anticoagulation management considering individualized hemorrhagic complications."]) > 12);
    }

    [Fact]
    public void SzigrisztPazos_ShortAndLongSpanish_EasyAndHard()
    {
        Assert.True(Readability.SzigrisztPazos(["Su hija va a dormir. No le dé de comer."]) > 80);
        Assert.True(Readability.SzigrisztPazos(
            ["Los procedimientos intervencionistas percutáneos requieren una evaluación multidisciplinaria individualizada de complicaciones hemorrágicas periprocedimentales."]) < 40);
    }
}
