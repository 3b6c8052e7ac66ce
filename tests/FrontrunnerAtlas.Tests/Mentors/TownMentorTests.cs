using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Mentors;

/// <summary>A planner from a town that is not in the catalogue finds its mentors from the gazetteer.</summary>
public sealed class TownMentorTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private const long Torva = 588204; // Tõrva, Estonia: 3,112 inhabitants, not a catalogue place
    private const long Voru = 587450;  // Võru: the catalogue place ee-voru

    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Torva_gets_ranked_mentors_measured_from_its_own_point()
    {
        var json = await _http.GetJsonAsync($"/api/towns/{Torva}/mentors?themes=mobility,energy&limit=50");
        Assert.Equal(Torva, json["geonamesId"]!.GetValue<long>());
        Assert.Equal("Tõrva", json["name"]!.GetValue<string>());
        Assert.Null(json["placeId"]);
        var mentors = json["mentors"]!.AsArray().Select(m => m!).ToList();
        await using var db = app.Db();
        var frontrunners = db.Places.Where(p => p.Role == FrontrunnerAtlas.Api.Catalogue.PlaceRole.Frontrunner).ToDictionary(p => p.Id);
        Assert.Equal(frontrunners.Keys.Order(), mentors.Select(m => m["placeId"]!.GetValue<string>()).Order());
        var matching = mentors.Select(m => m["matchingPractices"]!.GetValue<int>()).ToList();
        Assert.Equal(matching.OrderDescending(), matching);
        foreach (var m in mentors)
        {
            var p = frontrunners[m["placeId"]!.GetValue<string>()];
            var expected = Geodesic.Kilometres(25.935, 58.00278, p.Location!.X, p.Location.Y);
            Assert.InRange(m["distanceKm"]!.GetValue<double>(), expected * 0.99 - 0.1, expected * 1.01 + 0.1);
        }
        // Tartu (about 75 km away, in Estonia, with mobility and energy practices) is named with true reasons.
        var tartu = mentors.Single(m => m["placeId"]!.GetValue<string>() == "ee-tartu");
        var reasons = tartu["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains("both in Estonia", reasons);
        Assert.Contains(reasons, r => r.Contains("covering"));
        Assert.DoesNotContain(reasons, r => r.StartsWith("similar size")); // 3,112 and Tartu's ~90,000 are not alike
    }

    [Fact]
    public async Task A_town_that_is_a_catalogue_place_is_asked_as_that_place()
    {
        var town = await _http.GetJsonAsync($"/api/towns/{Voru}/mentors?limit=10");
        var place = await _http.GetJsonAsync("/api/places/ee-voru/mentors?limit=10");
        Assert.Equal("ee-voru", town["placeId"]!.GetValue<string>());
        Assert.Equal(place["mentors"]!.AsArray().Strings("placeId"), town["mentors"]!.AsArray().Strings("placeId"));
        Assert.Equal("stored", town["interests"]!["source"]!.GetValue<string>());
    }
}
