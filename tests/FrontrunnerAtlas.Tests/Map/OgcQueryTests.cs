using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>Queryables, properties=, sortby=, datetime=, extents and links of OGC API - Features, as a client sees them.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class OgcQueryTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private static readonly string[] CollectionIds = ["places", "practices", "events"];

    [Theory]
    [InlineData("places", "Places")]
    [InlineData("practices", "Practices")]
    [InlineData("events", "Events")]
    public async Task Queryables_are_a_JSON_Schema_per_collection_and_every_one_sorts(string id, string title)
    {
        var collection = await _http.GetJsonAsync($"/collections/{id}");
        var link = collection["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "http://www.opengis.net/def/rel/ogc/1.0/queryables");
        Assert.Equal("application/schema+json", link!["type"]!.GetValue<string>());

        var response = await _http.GetAsync(new Uri(link["href"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.Equal(link["href"]!.GetValue<string>(), schema["$id"]!.GetValue<string>());
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.Equal(title, schema["title"]!.GetValue<string>());
        var properties = schema["properties"]!.AsObject();
        Assert.Equal("geometry-point", properties["geometry"]!["format"]!.GetValue<string>());

        // Every queryable but the geometry is a feature property that sortby takes, both ways.
        foreach (var (name, p) in properties.Where(p => p.Key != "geometry"))
        {
            Assert.Contains(p!["type"]!.GetValue<string>(), new[] { "string", "integer", "boolean" });
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/collections/{id}/items?limit=3&sortby={name}")).StatusCode);
            var first = await _http.GetJsonAsync($"/collections/{id}/items?limit=1&sortby=-{name}");
            Assert.True(first["features"]![0]!["properties"]!.AsObject().ContainsKey(name), $"{id}: {name} is not a feature property");
        }
        var conformance = await _http.GetJsonAsync("/conformance");
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables", conformance["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/collections/gardens/queryables")).StatusCode);
    }

    [Fact]
    public async Task Queryables_say_types_formats_and_enums()
    {
        var places = (await _http.GetJsonAsync("/collections/places/queryables"))["properties"]!;
        Assert.Equal(["frontrunner", "follower", "peer"], places["role"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("village_area", places["kind"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("integer", places["population"]!["type"]!.GetValue<string>());
        var events = (await _http.GetJsonAsync("/collections/events/queryables"))["properties"]!;
        Assert.Equal("date", events["startDate"]!["format"]!.GetValue<string>());
        Assert.Equal("boolean", events["virtual"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Properties_trims_each_feature_to_the_names_asked_for()
    {
        var trimmed = await _http.GetJsonAsync("/collections/places/items?limit=20&properties=name,role");
        Assert.Equal(20, trimmed["features"]!.AsArray().Count);
        Assert.All(trimmed["features"]!.AsArray(), f =>
        {
            Assert.Equal(["name", "role"], f!["properties"]!.AsObject().Select(p => p.Key).Order());
            Assert.NotNull(f["id"]);
            Assert.NotNull(f["geometry"]);
        });
        // The same page without properties= is a different cache entry: all properties again.
        var full = await _http.GetJsonAsync("/collections/places/items?limit=20");
        Assert.True(full["features"]![0]!["properties"]!.AsObject().Count > 5);
        var events = await _http.GetJsonAsync("/collections/events/items?properties=startDate&limit=100");
        Assert.All(events["features"]!.AsArray(), f => Assert.Equal(["startDate"], f!["properties"]!.AsObject().Select(p => p.Key)));

        var bad = await _http.GetAsync("/collections/places/items?properties=name,height,colour");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var detail = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains("'height'", detail);
        Assert.Contains("'colour'", detail);
        Assert.DoesNotContain("'name'", detail);
    }

    [Fact]
    public async Task Sortby_orders_both_ways_with_nulls_last_and_pages_stay_stable()
    {
        static List<int?> Populations(JsonNode json) =>
            json["features"]!.AsArray().Select(f => f!["properties"]!["population"]?.GetValue<int>()).ToList();

        var descending = Populations(await _http.GetJsonAsync("/collections/places/items?limit=1000&sortby=-population"));
        var ascending = Populations(await _http.GetJsonAsync("/collections/places/items?limit=1000&sortby=%2Bpopulation"));
        await using var db = app.Db();
        Assert.Equal(db.Places.Count(), descending.Count);
        var known = db.Places.Where(p => p.Population != null).Select(p => p.Population!.Value).ToList();
        Assert.True(known.Count < descending.Count, "the catalogue should have places without a population");
        Assert.Equal(known.OrderDescending().Cast<int?>().Concat(Enumerable.Repeat<int?>(null, descending.Count - known.Count)), descending);
        Assert.Equal(known.Order().Cast<int?>().Concat(Enumerable.Repeat<int?>(null, ascending.Count - known.Count)), ascending);

        // Two keys, and paging through a sorted collection sees every place once.
        var seen = new List<string>();
        for (var offset = 0; offset < descending.Count; offset += 9)
        {
            var page = await _http.GetJsonAsync($"/collections/places/items?limit=9&offset={offset}&sortby=role,-population");
            seen.AddRange(page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        }
        Assert.Equal(descending.Count, seen.Distinct().Count());

        var events = await _http.GetJsonAsync("/collections/events/items?limit=100&sortby=-startDate");
        var starts = events["features"]!.AsArray().Select(f => f!["properties"]!["startDate"]?.GetValue<string>()).ToList();
        Assert.Equal("2023-03-23", starts[0]);
        Assert.Equal(starts.Where(s => s is not null).OrderDescending(StringComparer.Ordinal), starts.TakeWhile(s => s is not null));
        Assert.All(starts.SkipWhile(s => s is not null), Assert.Null);
    }

    [Theory]
    // data/events.json: e11 runs 2022-10-12 to 2022-10-13, the other dated events are one day each.
    [InlineData("2022-10-12", "e11-smart-planning-final-conference")]
    [InlineData("2022-10-13T10:00:00Z", "e11-smart-planning-final-conference")]
    [InlineData("2022-10-13T00:30:00%2B02:00", "e11-smart-planning-final-conference")] // 2022-10-12 22:30 UTC
    [InlineData("2022-10-14", "")]
    [InlineData("2022-01-01/2022-12-31", "e08-smart-cities-club-meeting-8,e11-smart-planning-final-conference")]
    [InlineData("2022-10-13/2022-12-31", "e11-smart-planning-final-conference")]
    [InlineData("../2018-12-31", "e01-smart-cities-club-opening-meeting,e02-smart-cities-club-meeting-2")]
    [InlineData("2022-10-14T00:00:00Z/..", "e09-smart-cities-club-meeting-9")]
    [InlineData("2020-02-01/2020-03-12", "e05-smart-cities-club-meeting-5,multiply-poland-first-networking-meeting")]
    [InlineData("2021-11-09/", "e08-smart-cities-club-meeting-8,e09-smart-cities-club-meeting-9,e10-forum-first-working-day,e11-smart-planning-final-conference")]
    public async Task Datetime_finds_the_events_whose_days_overlap_it(string datetime, string expected)
    {
        var json = await _http.GetJsonAsync($"/collections/events/items?limit=100&datetime={datetime}");
        var ids = json["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), ids);
        Assert.Equal(ids.Count, json["numberMatched"]!.GetValue<int>());

        // The same against the catalogue file itself.
        var from = datetime.Contains('/') ? datetime.Split('/')[0] : datetime;
        var to = datetime.Contains('/') ? datetime.Split('/')[1] : datetime;
        static DateOnly? Day(string s) => s is "" or ".." ? null : DateOnly.FromDateTime(DateTimeOffset.Parse(Uri.UnescapeDataString(s)).UtcDateTime);
        var expectedFromFile = HttpExtensions.ReadFile("events.json").EnumerateArray()
            .Where(e => e.TryGetProperty("startDate", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String)
            .Where(e =>
            {
                var start = DateOnly.Parse(e.GetProperty("startDate").GetString()!);
                var end = e.TryGetProperty("endDate", out var x) && x.ValueKind == System.Text.Json.JsonValueKind.String ? DateOnly.Parse(x.GetString()!) : start;
                return (Day(to) is not { } t || start <= t) && (Day(from) is not { } f || end >= f);
            })
            .Select(e => e.GetProperty("id").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(expectedFromFile, ids);
    }

    [Fact]
    public async Task Extents_come_from_the_data_and_hold_every_feature()
    {
        foreach (var id in CollectionIds)
        {
            var extent = (await _http.GetJsonAsync($"/collections/{id}"))["extent"]!;
            var box = extent["spatial"]!["bbox"]![0]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
            var items = await _http.GetJsonAsync($"/collections/{id}/items?limit=10000");
            var points = items["features"]!.AsArray().Where(f => f!["geometry"] is not null)
                .Select(f => f!["geometry"]!["coordinates"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray()).ToList();
            Assert.NotEmpty(points);
            Assert.All(points, p =>
            {
                Assert.InRange(p[0], box[0], box[2]);
                Assert.InRange(p[1], box[1], box[3]);
            });
            // Tight: each side touches a feature (within the 6 decimals written), unlike the old fixed (-25,34)-(45,72).
            Assert.Equal(points.Min(p => p[0]), box[0], 0.000002);
            Assert.Equal(points.Min(p => p[1]), box[1], 0.000002);
            Assert.Equal(points.Max(p => p[0]), box[2], 0.000002);
            Assert.Equal(points.Max(p => p[1]), box[3], 0.000002);
            Assert.Equal(id == "events", extent["temporal"] is not null);
        }
        var interval = (await _http.GetJsonAsync("/collections/events"))["extent"]!["temporal"]!["interval"]![0]!.AsArray();
        Assert.Equal("2018-09-13T00:00:00Z", interval[0]!.GetValue<string>());
        Assert.Equal("2023-03-23T23:59:59Z", interval[1]!.GetValue<string>());
        var listed = await _http.GetJsonAsync("/collections");
        Assert.Equal((await _http.GetJsonAsync("/collections/places"))["extent"]!.ToJsonString(),
            listed["collections"]![0]!["extent"]!.ToJsonString());
    }

    [Theory]
    [InlineData("/?f=json")]
    [InlineData("/collections")]
    [InlineData("/collections/events")]
    [InlineData("/collections/places/queryables")]
    [InlineData("/collections/places/items?limit=5&offset=5")]
    [InlineData("/collections/places/items/ee-tartu")]
    public async Task A_foreign_Host_header_never_reaches_a_link(string url)
    {
        var own = (await _http.GetJsonAsync("/collections"))["links"]![0]!["href"]!.GetValue<string>()[..^"/collections".Length];
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body);
        var json = JsonNode.Parse(body)!;
        var hrefs = (json["links"]?.AsArray() ?? []).Select(l => l!["href"]!.GetValue<string>())
            .Concat((json["collections"]?.AsArray() ?? []).SelectMany(c => c!["links"]!.AsArray().Select(l => l!["href"]!.GetValue<string>())))
            .Concat(json["$id"] is { } id ? [id.GetValue<string>()] : []).ToList();
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, h => Assert.StartsWith(own + "/", h));
    }
}

/// <summary>The same API with Map:PublicBaseUrl set, as behind a proxy.</summary>
public sealed class PublicBaseUrlApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Map:PublicBaseUrl"] = "https://atlas.example.org/maps/" };
}

public sealed class PublicBaseUrlTests(PublicBaseUrlApp app) : IClassFixture<PublicBaseUrlApp>
{
    [Fact]
    public async Task Every_link_is_built_on_the_configured_public_base_url()
    {
        var http = app.CreateClient();
        foreach (var url in new[] { "/?f=json", "/collections", "/collections/places/items?limit=5&offset=5", "/collections/places/items/ee-tartu" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Host = "evil.example";
            var json = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
            Assert.DoesNotContain("evil.example", json.ToJsonString());
            Assert.All(json["links"]!.AsArray(), l => Assert.StartsWith("https://atlas.example.org/maps/", l!["href"]!.GetValue<string>()));
        }
        var page = await http.GetJsonAsync("/collections/places/items?limit=5&offset=5");
        Assert.Contains(page["links"]!.AsArray(), l => l!["href"]!.GetValue<string>() == "https://atlas.example.org/maps/collections/places/items?limit=5&offset=10");
    }
}
