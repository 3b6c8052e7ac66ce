using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>OGC API - Features on the real catalogue: what a map client or QGIS sees.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class FeaturesTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Collections_lists_places_practices_and_events_with_items_links()
    {
        var json = await _http.GetJsonAsync("/collections");
        var ids = json["collections"]!.AsArray().Strings("id");
        Assert.Equal(["places", "practices", "events"], ids);
        Assert.All(json["collections"]!.AsArray(), c =>
            Assert.Contains(c!["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "items"));
        var conformance = await _http.GetJsonAsync("/conformance");
        Assert.Contains(conformance["conformsTo"]!.AsArray(), c => c!.GetValue<string>().EndsWith("/conf/geojson"));
    }

    [Fact]
    public async Task Bbox_returns_exactly_the_places_inside_it_as_GeoJSON()
    {
        // Around the Gulf of Riga: Estonian and Latvian places, not Lithuanian, Polish or Finnish ones.
        var response = await _http.GetAsync("/collections/places/items?bbox=21,56.8,27.5,59.6&limit=1000");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", json["type"]!.GetValue<string>());
        var features = json["features"]!.AsArray();
        Assert.All(features, f =>
        {
            var c = f!["geometry"]!["coordinates"]!.AsArray();
            Assert.InRange(c[0]!.GetValue<double>(), 21, 27.5);
            Assert.InRange(c[1]!.GetValue<double>(), 56.8, 59.6);
        });
        var ids = features.Select(f => f!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("ee-tartu", ids);
        Assert.Contains("lv-ventspils", ids);
        Assert.DoesNotContain("lt-kretinga", ids);
        Assert.DoesNotContain("fi-salo", ids);
        Assert.DoesNotContain("lt-dreverna", ids); // no coordinates: never inside a box

        await using var db = app.Db();
        var expected = db.Places.Count(p => p.Latitude >= 56.8 && p.Latitude <= 59.6 && p.Longitude >= 21 && p.Longitude <= 27.5);
        Assert.Equal(expected, features.Count);
        Assert.Equal(expected, json["numberMatched"]!.GetValue<int>());
    }

    [Fact]
    public async Task Place_features_carry_role_and_practice_counts_per_theme()
    {
        var tartu = await _http.GetJsonAsync("/collections/places/items/ee-tartu");
        Assert.Equal("Feature", tartu["type"]!.GetValue<string>());
        Assert.Equal([26.72509, 58.38062], tartu["geometry"]!["coordinates"]!.AsArray().Select(n => n!.GetValue<double>()));
        var p = tartu["properties"]!;
        Assert.Equal("frontrunner", p["role"]!.GetValue<string>());
        await using var db = app.Db();
        Assert.Equal(db.Practices.Count(x => x.PlaceId == "ee-tartu"), p["practiceCount"]!.GetValue<int>());
        Assert.Equal(db.Practices.Count(x => x.PlaceId == "ee-tartu" && x.Themes.Contains(FrontrunnerAtlas.Api.Catalogue.Theme.Mobility)),
            p["practiceCountByTheme"]!["mobility"]!.GetValue<int>());

        var dreverna = await _http.GetJsonAsync("/collections/places/items/lt-dreverna");
        Assert.Null(dreverna["geometry"]);
    }

    [Fact]
    public async Task Paging_with_limit_and_offset_follows_next_links_through_every_item()
    {
        var seen = new List<string>();
        string? next = "/collections/places/items?limit=7";
        while (next is not null)
        {
            var json = await _http.GetJsonAsync(next);
            seen.AddRange(json["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
            next = json["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();
            if (next is not null) next = new Uri(next).PathAndQuery;
        }
        Assert.Equal(46, seen.Count);
        Assert.Equal(46, seen.Distinct().Count());
    }

    [Fact]
    public async Task Practices_and_events_sit_at_their_places()
    {
        var practices = await _http.GetJsonAsync("/collections/practices/items?bbox=21.4,57.3,21.7,57.5&limit=100");
        Assert.NotEmpty(practices["features"]!.AsArray());
        Assert.All(practices["features"]!.AsArray(), f => Assert.Equal("lv-ventspils", f!["properties"]!["placeId"]!.GetValue<string>()));
        var energy = await _http.GetJsonAsync("/collections/practices/items?theme=energy&limit=100");
        Assert.All(energy["features"]!.AsArray(), f => Assert.Contains("energy", f!["properties"]!["themes"]!.AsArray().Select(t => t!.GetValue<string>())));
        var events = await _http.GetJsonAsync("/collections/events/items?country=EE&limit=100");
        Assert.Contains(events["features"]!.AsArray(), f => f!["properties"]!["hostPlaceId"]!.GetValue<string>() == "ee-paide");
    }

    [Theory]
    [InlineData("/collections/places/items?bbox=1,2,3", "four numbers")]
    [InlineData("/collections/places/items?bbox=a,b,c,d", "not a number")]
    [InlineData("/collections/places/items?bbox=10,60,20,50", "minLat")]
    [InlineData("/collections/places/items?bbox=10,50,200,60", "longitudes")]
    [InlineData("/collections/places/items?bbox=10,-95,20,60", "latitudes")]
    [InlineData("/collections/places/items?bbox=NaN,50,20,60", "not a number")]
    [InlineData("/collections/places/items?limit=0", "limit")]
    [InlineData("/collections/places/items?limit=100000", "limit")]
    [InlineData("/collections/places/items?offset=-5", "offset")]
    [InlineData("/collections/places/items?role=leader", "role")]
    [InlineData("/collections/practices/items?theme=Gardening", "theme")]
    // OGC API - Features Part 1: a parameter the API does not define is a 400, named (and never a cache entry of its own).
    [InlineData("/collections/places/items?cachebuster=123", "'cachebuster'")]
    [InlineData("/collections/places/items?limit=5&f=json", "'f'")]
    [InlineData("/collections/events/items?bbox=21,56,28,60&datetime=garbage", "datetime")]
    // sortby, properties and datetime (see OgcQueryTests): unknown names and malformed values are named.
    [InlineData("/collections/places/items?sortby=height", "'height'")]
    [InlineData("/collections/places/items?sortby=name,-height", "'-height'")]
    [InlineData("/collections/practices/items?sortby=themes", "'themes'")]
    [InlineData("/collections/places/items?sortby=name,-name", "twice")]
    [InlineData("/collections/places/items?datetime=2022-10-12", "temporal")]
    [InlineData("/collections/practices/items?datetime=2022-10-12", "temporal")]
    [InlineData("/collections/events/items?datetime=garbage", "datetime")]
    [InlineData("/collections/events/items?datetime=2022-13-45", "datetime")]
    [InlineData("/collections/events/items?datetime=2022-10-12T10:00:00", "datetime")]
    [InlineData("/collections/events/items?datetime=../..", "datetime")]
    [InlineData("/collections/events/items?datetime=2023-01-01/2022-01-01", "datetime")]
    [InlineData("/collections/events/items?datetime=2022-01-01/2022-02-01/2022-03-01", "datetime")]
    [InlineData("/collections/places/items?properties=name,height", "'height'")]
    public async Task Bad_parameters_are_a_400_problem_that_says_what_is_wrong(string url, string mention)
    {
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(mention, JsonNode.Parse(body)!["detail"]!.GetValue<string>());
        HttpExtensions.AssertNoInternals(body);
    }

    [Fact]
    public async Task Unknown_collections_and_items_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/collections/gardens/items")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/collections/places/items/xx-nowhere")).StatusCode);
    }
}
