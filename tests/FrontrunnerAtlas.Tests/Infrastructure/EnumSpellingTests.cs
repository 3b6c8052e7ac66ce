using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// One spelling of enum values in every JSON API outside /odata: the snake_case of data/ ("spatial_planning",
/// "frontrunner", "village_area"). Old links with the member names ("SpatialPlanning") keep working.
/// </summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class EnumSpellingTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    /// <summary>Every member name of the catalogue's enumerations: none may be a value (or a key) of a JSON answer.</summary>
    private static readonly HashSet<string> MemberNames =
    [
        .. Enum.GetNames<Theme>(), .. Enum.GetNames<PlaceKind>(), .. Enum.GetNames<PlaceRole>(), .. Enum.GetNames<InitiativeKind>(),
        .. Enum.GetNames<MembershipRole>(), .. Enum.GetNames<MentorshipStatus>(), .. Enum.GetNames<PublicationStatus>(),
        .. Enum.GetNames<CommitmentKind>(), .. Enum.GetNames<ApiRole>(), .. Enum.GetNames<RoleSource>(),
    ];

    private static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    yield return ($"{path} (key)", key);
                    foreach (var s in Strings(value, $"{path}.{key}")) yield return s;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    foreach (var s in Strings(a[i], $"{path}[{i}]")) yield return s;
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    private static void AssertSnake(string url, JsonNode json)
    {
        var pascal = Strings(json).Where(s => MemberNames.Contains(s.Text)).Select(s => $"{s.Path} = {s.Text}").ToList();
        Assert.True(pascal.Count == 0, $"GET {url}: enum values not in snake_case: {string.Join("; ", pascal.Take(10))}");
    }

    private async Task<JsonNode> Walk(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var json = await _http.GetJsonAsync(url, expected);
        AssertSnake(url, json);
        return json;
    }

    [Fact]
    public async Task No_JSON_API_outside_OData_answers_an_enum_member_name()
    {
        // Search: hits and every facet, with and without filters.
        var all = await Walk("/api/search?q=energy&size=100");
        Assert.Subset(Enum.GetValues<Theme>().Select(QueryValues.Snake).ToHashSet(), all["facets"]!["themes"]!.AsObject().Select(kv => kv.Key).ToHashSet());
        Assert.Subset(new HashSet<string> { "frontrunner", "follower", "peer" }, all["facets"]!["roles"]!.AsObject().Select(kv => kv.Key).ToHashSet());
        Assert.Contains("spatial_planning", (await Walk("/api/search?theme=spatial_planning&size=100"))["facets"]!["themes"]!.AsObject().Select(kv => kv.Key));
        await Walk("/api/search?q=planning&type=place,initiative,event&size=100");
        await Walk("/api/search/suggest?q=tar");

        // The OGC collections, whole, and one feature.
        var places = await Walk("/collections/places/items?limit=10000");
        foreach (var collection in new[] { "practices", "events" }) await Walk($"/collections/{collection}/items?limit=10000");
        await Walk("/collections/places/items/ee-tartu");
        var features = places["features"]!.AsArray();
        Assert.Contains(features, f => f!["properties"]!["kind"]!.GetValue<string>() == "village_area");

        // The mentor finder and the nearby places, for every place (answers and problems alike).
        foreach (var f in features)
        {
            var id = f!["id"]!.GetValue<string>();
            var role = f["properties"]!["role"]!.GetValue<string>();
            Assert.Contains(role, new[] { "frontrunner", "follower", "peer" });
            var mentors = await _http.GetAsync($"/api/places/{id}/mentors?limit=50");
            AssertSnake($"/api/places/{id}/mentors", JsonNode.Parse(await mentors.Content.ReadAsStringAsync())!);
            if (role != "frontrunner")
            {
                var asked = await Walk($"/api/places/{id}/mentors?themes=energy,mobility,spatial_planning&limit=50");
                Assert.Equal(["energy", "mobility", "spatial_planning"], asked["interests"]!["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
            }
            if (f["geometry"] is not null) await Walk($"/api/places/{id}/nearby?km=5000&limit=500");
        }
    }

    [Theory]
    [InlineData("/api/search?theme=SpatialPlanning&size=100", "/api/search?theme=spatial_planning&size=100")]
    [InlineData("/api/search?theme=MOBILITY&role=Frontrunner&size=100", "/api/search?theme=mobility&role=frontrunner&size=100")]
    [InlineData("/collections/practices/items?theme=SpatialPlanning&limit=1000", "/collections/practices/items?theme=spatial_planning&limit=1000")]
    [InlineData("/collections/places/items?role=Frontrunner&theme=Energy&limit=1000", "/collections/places/items?role=frontrunner&theme=energy&limit=1000")]
    [InlineData("/api/places/ee-elva/mentors?themes=SpatialPlanning,Energy", "/api/places/ee-elva/mentors?themes=spatial_planning,energy")]
    public async Task Old_links_with_member_names_answer_as_the_snake_case_ones(string old, string snake)
    {
        var before = await Walk(old);
        var now = await Walk(snake);
        before.AsObject().Remove("timeStamp");
        now.AsObject().Remove("timeStamp");
        foreach (var json in new[] { before, now })
            if (json["links"] is JsonArray) json.AsObject().Remove("links"); // they repeat the URL asked
        Assert.Equal(now.ToJsonString(), before.ToJsonString());
    }

    [Theory]
    [InlineData("/api/search?theme=Gardening")]
    [InlineData("/api/search?role=leader")]
    [InlineData("/collections/practices/items?theme=Gardening")]
    [InlineData("/collections/places/items?role=leader")]
    [InlineData("/api/places/ee-elva/mentors?themes=Gardening")]
    public async Task Errors_list_the_snake_case_values(string url)
    {
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.Contains("energy, mobility, spatial_planning") || body.Contains("frontrunner, follower, peer"), body);
        foreach (var name in new[] { "SpatialPlanning", "Energy", "Mobility", "Frontrunner" }) Assert.DoesNotContain(name, body);
    }
}
