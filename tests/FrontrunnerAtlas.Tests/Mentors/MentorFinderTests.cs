using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Mentors;

/// <summary>A follower of the seed catalogue asks the atlas for mentors, and asks one of them.</summary>
public sealed class MentorFinderTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Voru_a_follower_city_gets_Tartu_first_with_reasons()
    {
        var json = await _http.GetJsonAsync("/api/places/ee-voru/mentors?limit=5");
        Assert.Equal("stored", json["interests"]!["source"]!.GetValue<string>());
        var mentors = json["mentors"]!.AsArray();
        var first = mentors[0]!;
        Assert.Equal("ee-tartu", first["placeId"]!.GetValue<string>());
        Assert.InRange(first["distanceKm"]!.GetValue<double>(), 60, 66);
        var reasons = first["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains("63 km away", reasons);
        Assert.Contains("both in Estonia", reasons);
        Assert.Contains(reasons, r => r.StartsWith("both members of Estonian Smart Cities Club"));
        Assert.NotEmpty(first["practices"]!.AsArray());
        var scores = mentors.Select(m => m!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(mentors, m => Assert.NotEqual("ee-voru", m!["placeId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_frontrunners_are_ranked_and_themes_from_the_query_are_used()
    {
        var json = await _http.GetJsonAsync("/api/places/pl-ostroleka/mentors?themes=Mobility&limit=50");
        Assert.Equal("query", json["interests"]!["source"]!.GetValue<string>());
        await using var db = app.Db();
        var frontrunners = db.Places.Where(p => p.Role == FrontrunnerAtlas.Api.Catalogue.PlaceRole.Frontrunner).Select(p => p.Id).ToHashSet();
        var ids = json["mentors"]!.AsArray().Strings("placeId");
        Assert.Equal(frontrunners.Count, ids.Count);
        Assert.All(ids, id => Assert.Contains(id, frontrunners));
        var tartu = json["mentors"]!.AsArray().Single(m => m!["placeId"]!.GetValue<string>() == "ee-tartu")!;
        Assert.Contains(tartu["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("covering Mobility"));
    }

    [Fact]
    public async Task MaxKm_keeps_only_mentors_within_reach()
    {
        var json = await _http.GetJsonAsync("/api/places/ee-lag-jarva/mentors?maxKm=150");
        var mentors = json["mentors"]!.AsArray();
        Assert.NotEmpty(mentors);
        Assert.All(mentors, m => Assert.InRange(m!["distanceKm"]!.GetValue<double>(), 0, 150));
    }

    [Theory]
    [InlineData("/api/places/xx-nowhere/mentors", HttpStatusCode.NotFound, "no place")]
    [InlineData("/api/places/ee-tartu/mentors", HttpStatusCode.BadRequest, "frontrunner")]
    [InlineData("/api/places/ee-elva/mentors", HttpStatusCode.BadRequest, "themes=")]
    [InlineData("/api/places/ee-voru/mentors?themes=Gardening", HttpStatusCode.BadRequest, "Gardening")]
    [InlineData("/api/places/ee-voru/mentors?tags=unheard-of", HttpStatusCode.BadRequest, "unheard-of")]
    [InlineData("/api/places/ee-voru/mentors?maxKm=-3", HttpStatusCode.BadRequest, "maxKm")]
    [InlineData("/api/places/ee-voru/mentors?limit=0", HttpStatusCode.BadRequest, "limit")]
    public async Task Bad_requests_are_explained(string url, HttpStatusCode expected, string mention)
    {
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(mention, body, StringComparison.OrdinalIgnoreCase);
        HttpExtensions.AssertNoInternals(body);
    }

    [Fact]
    public async Task Explicit_interests_work_for_a_place_with_none_stored()
    {
        var json = await _http.GetJsonAsync("/api/places/ee-elva/mentors?themes=spatial_planning&tags=heritage");
        Assert.NotEmpty(json["mentors"]!.AsArray());
    }

    private async Task<HttpClient> ClientWithKey(string role, string? place = null)
    {
        await using var db = app.Db();
        var output = new StringWriter();
        string[] args = place is null ? ["create", "--role", role] : ["create", "--role", role, "--place", place];
        Assert.Equal(0, await KeysCommand.RunAsync(db, args, output));
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.ToString().Trim().Split('\n').Last().Trim());
        return http;
    }

    [Fact]
    public async Task A_follower_asks_a_mentor_who_accepts_and_it_shows_in_OData()
    {
        var voru = await ClientWithKey("place-representative", "ee-voru");
        var request = new { mentorPlaceId = "ee-tartu", menteePlaceId = "ee-voru", themes = new[] { "mobility" }, plannedDays = 5, message = "Could we learn from your bike sharing?" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsJsonAsync("/api/mentorships", request)).StatusCode);
        var valga = await ClientWithKey("place-representative", "ee-valga");
        Assert.Equal(HttpStatusCode.Forbidden, (await valga.PostAsJsonAsync("/api/mentorships", request)).StatusCode);

        var created = await voru.PostAsJsonAsync("/api/mentorships", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = body["id"]!.GetValue<string>();
        Assert.Equal("requested", body["status"]!.GetValue<string>());

        var odata = await _http.GetJsonAsync($"/odata/Mentorships('{id}')?$select=Status,Message,PlannedDays&$expand=MentorPlace($select=Name)");
        Assert.Equal("Requested", odata["Status"]!.GetValue<string>());
        Assert.Equal("Could we learn from your bike sharing?", odata["Message"]!.GetValue<string>());
        Assert.Equal("Tartu", odata["MentorPlace"]!["Name"]!.GetValue<string>());

        // Only the mentor accepts; a completed step cannot be skipped back.
        Assert.Equal(HttpStatusCode.Forbidden, (await voru.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "accepted" })).StatusCode);
        var tartu = await ClientWithKey("place-representative", "ee-tartu");
        Assert.Equal(HttpStatusCode.OK, (await tartu.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tartu.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "requested" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await voru.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "active" })).StatusCode);

        // The mentor now carries a mentorship: the ranking says so.
        var ranking = await _http.GetJsonAsync("/api/places/ee-lag-vorumaa/mentors?limit=50");
        var tartuNow = ranking["mentors"]!.AsArray().Single(m => m!["placeId"]!.GetValue<string>() == "ee-tartu")!;
        Assert.Contains("already mentoring 1 place", tartuNow["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bad_request_lists_every_bad_field()
    {
        var editor = await ClientWithKey("editor");
        var response = await editor.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "xx-none", menteePlaceId = "ee-voru", themes = new[] { "Gardening" }, plannedDays = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("themes", errors.Select(e => e.Key));
        Assert.Contains("plannedDays", errors.Select(e => e.Key));
        var unknown = await editor.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "xx-none", menteePlaceId = "ee-voru" });
        Assert.Contains("mentorPlaceId", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PatchAsJsonAsync("/api/mentorships/m-none", new { status = "active" })).StatusCode);
    }
}
