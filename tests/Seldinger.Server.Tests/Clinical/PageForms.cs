using System.Net;
using System.Text.RegularExpressions;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>Posting a clinical page's form as a browser does, and reading the message the page shows.</summary>
internal static partial class PageForms
{
    /// <summary>Opens <paramref name="page"/> for its antiforgery token, posts <paramref name="fields"/> to <paramref name="action"/> and returns the page the redirect lands on (asserting 200).</summary>
    public static async Task<string> PostAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var form = await client.GetStringAsync(page);
        List<KeyValuePair<string, string>> posted = [.. fields, new("__RequestVerificationToken", TokenPattern().Match(form).Groups[1].Value)];
        using var response = await client.PostAsync(action, new FormUrlEncodedContent(posted));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {action}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>The error message the page shows, or a phrase saying there is none (for assertion messages).</summary>
    public static string Flash(string html) =>
        FlashPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "no message on the page";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<p class=\"flash flash-error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex FlashPattern();
}
