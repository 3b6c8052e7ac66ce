using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrontrunnerAtlas.Tests.Infrastructure;

public static class HttpExtensions
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient http, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static JsonArray Values(this JsonNode node) => node["value"]!.AsArray();

    public static List<string> Strings(this JsonArray array, string property) =>
        array.Select(n => n![property]!.GetValue<string>()).ToList();

    /// <summary>What a client must never see: internals of the server.</summary>
    public static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("innererror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stacktrace", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("FrontrunnerAtlas.Api.", body);
        Assert.DoesNotContain("Npgsql", body);
    }

    public static JsonElement ReadFile(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestDatabase.DataFolder, name))).RootElement;
}
