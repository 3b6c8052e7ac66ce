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
        var order = mentors.Select(m => (Matching: m!["matchingPractices"]!.GetValue<int>(), Score: m["score"]!.GetValue<double>())).ToList();
        Assert.Equal(order.OrderByDescending(o => o.Matching).ThenByDescending(o => o.Score), order);
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

    [Theory]
    [InlineData("ee-voru")]
    [InlineData("pl-ostroleka")]
    public async Task Mentors_with_matching_practices_come_first_and_every_reason_is_true(string follower)
    {
        var json = await _http.GetJsonAsync($"/api/places/{follower}/mentors?limit=50");
        var mentors = json["mentors"]!.AsArray().Select(m => m!).ToList();
        var matching = mentors.Select(m => m["matchingPractices"]!.GetValue<int>()).ToList();
        Assert.Contains(matching, n => n > 0);
        Assert.Equal(matching.OrderDescending(), matching);

        await using var db = app.Db();
        var me = db.Places.Single(p => p.Id == follower);
        var places = db.Places.ToDictionary(p => p.Id);
        foreach (var m in mentors)
        {
            var reasons = m["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            var mentor = places[m["placeId"]!.GetValue<string>()];
            Assert.Equal(FrontrunnerAtlas.Api.Catalogue.PlaceRole.Frontrunner, mentor.Role);
            // "N practices covering …" counts the practices shown; "no practice yet" only when none matches.
            Assert.Equal(matching[mentors.IndexOf(m)] == 0, reasons[0].StartsWith("no practice yet"));
            // Distances on the spheroid, to 1% of an independent geodesic computation (Vincenty on WGS 84).
            var km = m["distanceKm"]!.GetValue<double>();
            var expected = Geodesic.Kilometres(me.Location!.X, me.Location.Y, mentor.Location!.X, mentor.Location.Y);
            Assert.InRange(km, expected * 0.99 - 0.1, expected * 1.01 + 0.1);
            if (reasons.Any(r => r.StartsWith("similar size")))
                Assert.True(Math.Max(me.Population!.Value, mentor.Population!.Value) <= 3 * Math.Min(me.Population.Value, mentor.Population.Value),
                    $"{mentor.Name} is called similar in size: {me.Population} and {mentor.Population}");
        }
        if (follower == "pl-ostroleka")
        {
            // Seen before: frontrunners without a single practice ranked above Tartu with four.
            var ids = mentors.Select(m => m["placeId"]!.GetValue<string>()).ToList();
            foreach (var empty in mentors.Where(m => m["matchingPractices"]!.GetValue<int>() == 0))
                Assert.True(ids.IndexOf("ee-tartu") < ids.IndexOf(empty["placeId"]!.GetValue<string>()));
        }
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
    // The same rules for a town of the gazetteer (TownMentorTests)
    [InlineData("/api/towns/999999999/mentors?themes=energy", HttpStatusCode.NotFound, "/api/towns?q=")]
    [InlineData("/api/towns/tartu/mentors?themes=energy", HttpStatusCode.BadRequest, "GeoNames id")]
    [InlineData("/api/towns/588204/mentors", HttpStatusCode.BadRequest, "themes=")]
    [InlineData("/api/towns/588204/mentors?themes=gardening", HttpStatusCode.BadRequest, "gardening")]
    [InlineData("/api/towns/588204/mentors?themes=energy&radius=5", HttpStatusCode.BadRequest, "radius")]
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
    public async Task A_second_open_request_is_a_409_a_follower_is_no_mentor_and_the_mentor_answers_with_a_message()
    {
        var valga = await ClientWithKey("place-representative", "ee-valga");
        var request = new { mentorPlaceId = "lv-ventspils", menteePlaceId = "ee-valga", themes = new[] { "energy" }, message = "May we visit your district heating?" };
        var first = await valga.PostAsJsonAsync("/api/mentorships", request);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        // Pressing "Send the request" again, or twice at once: one request, the others are told which.
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => valga.PostAsJsonAsync("/api/mentorships", request)));
        foreach (var response in again)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(id, problem["existingId"]!.GetValue<string>());
        }
        await using (var db = app.Db())
            Assert.Equal(1, db.Mentorships.Count(m => m.MentorPlaceId == "lv-ventspils" && m.MenteePlaceId == "ee-valga"));

        // A follower is not asked as a mentor.
        var follower = await valga.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "ee-voru", menteePlaceId = "ee-valga" });
        Assert.Equal(HttpStatusCode.BadRequest, follower.StatusCode);
        Assert.Contains("only frontrunners are asked as mentors", await follower.Content.ReadAsStringAsync());

        // The mentor declines with a message; both places see the request, the messages and the history.
        var ventspils = await ClientWithKey("place-representative", "lv-ventspils");
        var declined = await ventspils.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "declined", message = "Not this year, sorry: ask us again in spring." });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        foreach (var place in new[] { "ee-valga", "lv-ventspils" })
        {
            var panel = await _http.GetJsonAsync($"/api/places/{place}/mentorships");
            var side = place == "ee-valga" ? "asMentee" : "asMentor";
            var m = panel[side]!.AsArray().Single(x => x!["id"]!.GetValue<string>() == id)!;
            Assert.Equal("declined", m["status"]!.GetValue<string>());
            var history = m["history"]!.AsArray();
            Assert.Equal(["requested", "declined"], history.Strings("status"));
            Assert.Equal(["mentee", "mentor"], history.Strings("by"));
            Assert.Equal("May we visit your district heating?", history[0]!["message"]!.GetValue<string>());
            Assert.Equal("Not this year, sorry: ask us again in spring.", history[1]!["message"]!.GetValue<string>());
        }
        var odata = await _http.GetJsonAsync($"/odata/Mentorships('{id}')?$expand=Updates($orderby=At;$select=Status,By,Message)");
        Assert.Equal(["Requested", "Declined"], odata["Updates"]!.AsArray().Strings("Status"));
        Assert.Equal(["Requested", "Declined"], (await _http.GetJsonAsync($"/odata/Mentorships('{id}')/Updates?$orderby=At"))["value"]!.AsArray().Strings("Status"));

        // Declined is closed: asking again is a new request.
        Assert.Equal(HttpStatusCode.Created, (await valga.PostAsJsonAsync("/api/mentorships", request)).StatusCode);
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

/// <summary>Vincenty's inverse formula on WGS 84: an independent check of PostGIS's spheroid distances.</summary>
internal static class Geodesic
{
    public static double Kilometres(double lon1, double lat1, double lon2, double lat2)
    {
        const double a = 6378137, f = 1 / 298.257223563, b = a * (1 - f);
        double Rad(double d) => d * Math.PI / 180;
        var l = Rad(lon2 - lon1);
        var u1 = Math.Atan((1 - f) * Math.Tan(Rad(lat1)));
        var u2 = Math.Atan((1 - f) * Math.Tan(Rad(lat2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        double lambda = l, sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
        for (var i = 0; ; i++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0) return 0;
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            var c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            var previous = lambda;
            lambda = l + (1 - c) * f * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-12 || i > 200) break;
        }
        var uSq = cos2Alpha * (a * a - b * b) / (b * b);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return b * bigA * (sigma - deltaSigma) / 1000;
    }
}
