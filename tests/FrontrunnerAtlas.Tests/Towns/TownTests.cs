using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Towns;

/// <summary>GET /api/towns/{geonamesId}: the town, its nearest published places on the spheroid, their practices.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class TownTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task A_town_in_the_catalogue_lists_its_place_first_with_its_practices()
    {
        var tartu = await _http.GetJsonAsync("/api/towns/588335");
        Assert.Equal("Tartu", tartu["name"]!.GetValue<string>());
        Assert.Equal("PPLA", tartu["featureCode"]!.GetValue<string>());
        Assert.Equal("18", tartu["admin1Code"]!.GetValue<string>());
        Assert.Equal("ee-tartu", tartu["placeId"]!.GetValue<string>());
        var near = tartu["nearestPlaces"]!.AsArray();
        Assert.Equal(5, near.Count);
        var place = near.Single(p => p!["id"]!.GetValue<string>() == "ee-tartu")!;
        Assert.Equal(0, place["distanceKm"]!.GetValue<double>());
        Assert.Equal("frontrunner", place["role"]!.GetValue<string>());
        var practices = place["practices"]!.AsArray();
        Assert.Contains("p01-tartu-bike-sharing", practices.Strings("id"));
        Assert.Equal("Tartu bike-sharing system", practices.Single(p => p!["id"]!.GetValue<string>() == "p01-tartu-bike-sharing")!["title"]!.GetValue<string>());
        Assert.Equal(["mobility"], practices.Single(p => p!["id"]!.GetValue<string>() == "p01-tartu-bike-sharing")!["themes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task A_town_outside_the_catalogue_gets_the_nearest_places_with_distances_on_the_earth()
    {
        // Tõrva (58.00278 N, 25.935 E) is in no catalogue record; Valga and Viljandi are its neighbours.
        var torva = await _http.GetJsonAsync("/api/towns/588204?places=10");
        Assert.Null(torva["placeId"]);
        var near = torva["nearestPlaces"]!.AsArray();
        Assert.Equal(10, near.Count);
        var distances = near.Select(p => p!["distanceKm"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order(), distances);
        var places = HttpExtensions.ReadFile("places.json").EnumerateArray()
            .Where(p => p.GetProperty("latitude").ValueKind == System.Text.Json.JsonValueKind.Number)
            .ToDictionary(p => p.GetProperty("id").GetString()!, p => (Lat: p.GetProperty("latitude").GetDouble(), Lon: p.GetProperty("longitude").GetDouble()));
        // Nearer than every place left out, and each distance within 0.5 % of the great circle (sphere and spheroid differ by less).
        var farthest = distances[^1];
        foreach (var (id, point) in places)
        {
            var circle = GreatCircleKm(58.00278, 25.935, point.Lat, point.Lon);
            if (near.FirstOrDefault(p => p!["id"]!.GetValue<string>() == id) is { } listed)
                Assert.InRange(listed["distanceKm"]!.GetValue<double>(), circle * 0.995 - 0.1, circle * 1.005 + 0.1);
            else
                Assert.True(circle >= farthest * 0.995, $"{id} at {circle:F1} km is nearer than the listed {farthest} km");
        }
        // Valga and the LAG area that borrows Valga's point, both about 25 km away.
        Assert.Equal(["ee-lag-valgamaa", "ee-valga"], near.Take(2).Select(p => p!["id"]!.GetValue<string>()));
        Assert.InRange(distances[0], 24, 27);
    }

    private static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * 6371.0088 * Math.Asin(Math.Sqrt(a));
    }

    [Fact]
    public async Task Places_sets_how_many_nearest_places()
    {
        Assert.Empty((await _http.GetJsonAsync("/api/towns/588204?places=0"))["nearestPlaces"]!.AsArray());
        Assert.Equal(45, (await _http.GetJsonAsync("/api/towns/588204?places=50"))["nearestPlaces"]!.AsArray().Count); // every place with a point
    }

    [Theory]
    [InlineData("/api/towns/1", HttpStatusCode.NotFound, null)]
    [InlineData("/api/towns/588", HttpStatusCode.NotFound, null)]
    [InlineData("/api/towns/tartu", HttpStatusCode.BadRequest, "geonamesId")]
    [InlineData("/api/towns/-588335", HttpStatusCode.BadRequest, "geonamesId")]
    [InlineData("/api/towns/99999999999999999999", HttpStatusCode.BadRequest, "geonamesId")]
    [InlineData("/api/towns/588335?places=51", HttpStatusCode.BadRequest, "places")]
    [InlineData("/api/towns/588335?places=-1", HttpStatusCode.BadRequest, "places")]
    [InlineData("/api/towns/588335?limit=3", HttpStatusCode.BadRequest, "limit")]
    public async Task Unknown_towns_are_404_and_bad_input_400_problems(string url, HttpStatusCode expected, string? parameter)
    {
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        var problem = JsonNode.Parse(body)!;
        if (parameter is not null) Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        else Assert.Equal("No such town", problem["title"]!.GetValue<string>());
        HttpExtensions.AssertNoInternals(body);
    }
}
