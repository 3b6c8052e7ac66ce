using System.Net;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Places;

[Collection(ReadOnlyCatalogue.Name)]
public sealed class NearbyTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Nearby_places_are_ordered_by_distance_on_the_sphere()
    {
        var json = (await _http.GetJsonAsync("/api/places/ee-tartu/nearby?km=200")).AsArray();
        var elva = json.Single(n => n!["id"]!.GetValue<string>() == "ee-elva");
        // Tartu-Elva: about 25 km apart as GeoNames places them.
        Assert.InRange(elva!["distanceKm"]!.GetValue<double>(), 24, 26);
        Assert.DoesNotContain(json, n => n!["id"]!.GetValue<string>() == "ee-tartu");
        Assert.DoesNotContain(json, n => n!["country"]!.GetValue<string>() == "PL");
    }

    [Theory]
    [InlineData("/api/places/ee-tartu/nearby?km=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/places/ee-tartu/nearby?km=99999", HttpStatusCode.BadRequest)]
    [InlineData("/api/places/ee-tartu/nearby?km=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/places/ee-tartu/nearby?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/places/lt-dreverna/nearby", HttpStatusCode.BadRequest)]
    [InlineData("/api/places/xx-nowhere/nearby", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_a_clear_problem(string url, HttpStatusCode expected)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"title\"", body);
        HttpExtensions.AssertNoInternals(body);
    }
}
