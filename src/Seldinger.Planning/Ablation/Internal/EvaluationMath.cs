using System.Globalization;
using System.Text;
using Seldinger.Imaging;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>Small shared pieces of the evaluation: the distance tolerance and how numbers and labels read in messages.</summary>
internal static class EvaluationMath
{
    /// <summary>Distances (mm) equal to a threshold within this count as equal: the distance maps are single precision.</summary>
    public const double Tolerance = 1e-3;

    /// <summary>A distance or volume as a person reads it: one decimal, invariant culture, no trailing zero.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A label's name in a sentence: <c>BileDuct</c> reads "Bile duct".</summary>
    public static string Words(TissueLabel label)
    {
        var name = label.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var n = 0; n < name.Length; n++)
        {
            var c = name[n];
            if (n > 0 && char.IsUpper(c))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
