using System.Text.RegularExpressions;

namespace Seldinger.Clinical.Tests.Instructions;

// Readability formulas the family sheets are held to. Syllables are counted by rule, not by dictionary,
// which is what the published formulas were validated with.
internal static partial class Readability
{
    // Flesch-Kincaid grade level (Kincaid et al. 1975).
    public static double FleschKincaidGrade(IEnumerable<string> paragraphs)
    {
        var (words, sentences, syllables) = Count(paragraphs, EnglishSyllables);
        return (0.39 * words / sentences) + (11.8 * syllables / words) - 15.59;
    }

    // Szigriszt-Pazos perspicuity (1993), the INFLESZ scale: 65 and above is "bastante fácil".
    public static double SzigrisztPazos(IEnumerable<string> paragraphs)
    {
        var (words, sentences, syllables) = Count(paragraphs, SpanishSyllables);
        return 206.835 - (62.3 * syllables / words) - ((double)words / sentences);
    }

    // Fernández-Huerta (1959) ease of reading, as usually applied: 70 and above is "fácil".
    public static double FernandezHuerta(IEnumerable<string> paragraphs)
    {
        var (words, sentences, syllables) = Count(paragraphs, SpanishSyllables);
        return 206.84 - (60.0 * syllables / words) - (1.02 * words / sentences);
    }

    public static (int Words, int Sentences, int Syllables) Count(IEnumerable<string> paragraphs, Func<string, int> syllablesOf)
    {
        int words = 0, sentences = 0, syllables = 0;
        foreach (var paragraph in paragraphs)
        {
            var parts = SentenceEnd().Split(paragraph.Trim()).Where(p => WordPattern().IsMatch(p)).ToList();
            sentences += parts.Count;
            foreach (Match word in WordPattern().Matches(paragraph))
            {
                words++;
                syllables += syllablesOf(word.Value);
            }
        }

        return (Math.Max(words, 1), Math.Max(sentences, 1), syllables);
    }

    public static int EnglishSyllables(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length <= 3)
        {
            return 1;
        }

        // A silent final e (make, home), or -es/-ed that adds no syllable (takes, helped), is dropped first.
        w = SilentEnding().Replace(w, "");
        w = w.TrimStart('y');
        var count = EnglishVowelGroup().Count(w);
        return Math.Max(count, 1);
    }

    public static int SpanishSyllables(string word)
    {
        var w = word.ToLowerInvariant();
        var count = 0;
        var i = 0;
        while (i < w.Length)
        {
            if (!IsSpanishVowel(w, i))
            {
                i++;
                continue;
            }

            // One vowel run: two strong vowels, or an accented weak vowel, split it (hiatus); the rest are diphthongs.
            count++;
            var j = i + 1;
            while (j < w.Length && IsSpanishVowel(w, j))
            {
                var a = w[j - 1];
                var b = w[j];
                if ((Strong(a) && Strong(b)) || a is 'í' or 'ú' || b is 'í' or 'ú')
                {
                    count++;
                }

                j++;
            }

            i = j;
        }

        return Math.Max(count, 1);
    }

    // "y" is a vowel alone ("y") or at the end of a word after a vowel ("hoy", "muy").
    private static bool IsSpanishVowel(string w, int i) =>
        w[i] is 'a' or 'e' or 'i' or 'o' or 'u' or 'á' or 'é' or 'í' or 'ó' or 'ú' or 'ü'
        || (w[i] == 'y' && (w.Length == 1 || (i == w.Length - 1 && i > 0)));

    private static bool Strong(char c) => c is 'a' or 'e' or 'o' or 'á' or 'é' or 'ó';

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:[^l]e|es|[^td]ed)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex(@"[aeiouy]+")]
    private static partial Regex EnglishVowelGroup();
}
