using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Seldinger.Server.Tests.Clinical;

/// <summary>Calls of the clinical API that assert the status and return the JSON answer.</summary>
public static class ClinicalApi
{
    public static async Task<JsonNode> SendAsync(this HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static Task<JsonNode> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.SendAsync(HttpMethod.Get, url, null, expected);

    public static Task<JsonNode> PostJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        client.SendAsync(HttpMethod.Post, url, body, expected);

    public static Task<JsonNode> PutJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.SendAsync(HttpMethod.Put, url, body, expected);

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static int Number(this JsonNode node, string name) => node[name]!.GetValue<int>();

    public static Guid Id(this JsonNode node) => Guid.Parse(node.Str("id"));

    /// <summary>The body of a referral for a new patient, as an oncologist sends it.</summary>
    public static object Referral(string mrn, DateTimeOffset now, string? suggested = "biopsy-deep", int ageYears = 6) => new
    {
        patient = new
        {
            medicalRecordNumber = mrn,
            familyName = "García",
            givenName = "Lucía",
            birthDate = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-ageYears).AddDays(-40).ToString("yyyy-MM-dd"),
            sex = "female",
            preferredLanguage = "spanish",
        },
        reason = "2.4 cm mass in the right liver lobe on CT",
        request = "biopsy please",
        referringService = "Oncology",
        suggestedProcedureId = suggested,
    };

    /// <summary>Accepts a referral as the IR physician: CT-guided deep biopsy, routine, moderate sedation.</summary>
    public static Task<JsonNode> AcceptAsync(this HttpClient physician, Guid referralId, int version) =>
        physician.PostJsonAsync($"/api/referrals/{referralId}/triage", new
        {
            outcome = "accept",
            procedureId = "biopsy-deep",
            priority = "routine",
            guidance = "ct",
            plannedSedation = "moderate",
            note = "CT-guided liver biopsy",
            version,
        }, HttpStatusCode.OK);
}
