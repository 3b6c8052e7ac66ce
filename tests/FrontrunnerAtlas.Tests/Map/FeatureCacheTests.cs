using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Map;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>The map layer's cache as a client meets it: one answer serves every spelling of the same request.</summary>
public sealed class FeatureCacheTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _http = app.CreateClient();

    // The SQL that computes a page of places (not the change-log polling the search indexer does meanwhile).
    private int PlaceQueries() => app.Sql.Statements.Count(s => s.Contains("FROM places"));

    [Fact]
    public async Task Reordered_and_respelled_parameters_share_one_cache_entry()
    {
        app.Sql.Clear();
        var first = await _http.GetJsonAsync("/collections/places/items?bbox=20.5,55.5,28.5,60&role=frontrunner&limit=40");
        Assert.True(PlaceQueries() > 0, "the first request must be computed in PostgreSQL");
        Assert.NotEmpty(first["features"]!.AsArray());

        app.Sql.Clear();
        string[] sameRequest =
        [
            "/collections/places/items?limit=40&role=frontrunner&bbox=20.5,55.5,28.5,60",
            "/collections/places/items?role=Frontrunner&limit=040&bbox=20.50,55.5,28.5,60.0",
            "/collections/places/items?BBOX=20.5,55.5,28.5,60&ROLE=FRONTRUNNER&offset=0&limit=40",
        ];
        foreach (var url in sameRequest)
        {
            var again = await _http.GetJsonAsync(url);
            Assert.Equal(first["numberMatched"]!.GetValue<int>(), again["numberMatched"]!.GetValue<int>());
            Assert.Equal(first["features"]!.ToJsonString(), again["features"]!.ToJsonString());
            // The whole answer is the entry's: links in one spelling, whichever request filled the cache.
            var self = again["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "self")!["href"]!.GetValue<string>();
            Assert.EndsWith("/collections/places/items?bbox=20.5,55.5,28.5,60&limit=40&offset=0&role=frontrunner", self);
        }
        Assert.Equal(0, PlaceQueries());
    }

    [Fact]
    public async Task An_answer_still_comes_to_a_waiting_request_when_the_request_that_started_it_gives_up()
    {
        // MapLibre gives up tiles it no longer needs; HybridCache lets the one computation of a key go on for the other
        // callers of that key, so it must not use the scoped services of the request that started it.
        var cache = app.Services.GetRequiredService<Api.Infrastructure.AtlasCache>();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var key = Guid.NewGuid().ToString("N");
        Func<IServiceProvider, CancellationToken, Task<int>> count = async (services, token) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(token);
            return await services.GetRequiredService<Api.Infrastructure.AtlasDbContext>().Places.CountAsync(token);
        };
        using var givesUp = new CancellationTokenSource();
        var first = cache.GetOrCreateAsync("test", key, count, givesUp.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = cache.GetOrCreateAsync("test", key, count, CancellationToken.None);
        givesUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();
        await using var db = app.Db();
        Assert.Equal(await db.Places.CountAsync(), await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Links_ignore_the_host_of_the_request_while_the_features_come_from_one_entry()
    {
        var first = await _http.GetJsonAsync("/collections/events/items?limit=3");
        app.Sql.Clear();
        var request = new HttpRequestMessage(HttpMethod.Get, "/collections/events/items?limit=3");
        request.Headers.Host = "maps.example.org";
        var response = await _http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        // Links come from Map:PublicBaseUrl or the server's own address, never from a client's Host header.
        Assert.Equal(first["links"]!.ToJsonString(), json["links"]!.ToJsonString());
        Assert.DoesNotContain("maps.example.org", json.ToJsonString());
        Assert.DoesNotContain(app.Sql.Statements, s => s.Contains("FROM events"));
    }

    [Fact]
    public async Task A_place_feature_keeps_the_shape_the_web_map_reads()
    {
        var page = await _http.GetJsonAsync("/collections/places/items?bbox=26.6,58.3,26.8,58.45");
        Assert.Equal(["type", "numberMatched", "numberReturned", "timeStamp", "links", "features"], page.AsObject().Select(p => p.Key));
        var tartu = page["features"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "ee-tartu")!;
        Assert.Equal(["type", "id", "geometry", "properties"], tartu.AsObject().Select(p => p.Key));
        Assert.Equal("Point", tartu["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal([26.72509, 58.38062], tartu["geometry"]!["coordinates"]!.AsArray().Select(n => n!.GetValue<double>()));
        var properties = tartu["properties"]!.AsObject();
        Assert.Equal(["name", "localName", "kind", "country", "population", "role", "practiceCount", "integratedCount", "practiceCountByTheme"],
            properties.Select(p => p.Key));
        Assert.Equal(["energy", "mobility", "spatial_planning"], properties["practiceCountByTheme"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Tartu", properties["name"]!.GetValue<string>());

        var practice = (await _http.GetJsonAsync("/collections/practices/items?limit=1"))["features"]![0]!["properties"]!;
        Assert.IsType<JsonArray>(practice["themes"]);
        Assert.IsType<JsonArray>(practice["tags"]);
        var item = await _http.GetJsonAsync("/collections/places/items/ee-tartu");
        Assert.Equal(["type", "id", "geometry", "properties", "links"], item.AsObject().Select(p => p.Key));
    }
}

/// <summary>A host without Redis whose memory cache may hold 2,000 bytes in all, and no answer over 20,000 bytes.</summary>
public sealed class TinyCacheApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = "",
        ["Cache:MemoryLimitBytes"] = "2000",
        ["Cache:MaxEntryBytes"] = "20000",
    };
}

/// <summary>The memory level is bounded in bytes: what does not fit is computed again, what fits is kept.</summary>
public sealed class MemoryLimitTests(TinyCacheApp app) : IClassFixture<TinyCacheApp>
{
    private async Task<bool> ComputedAsync(HttpClient http, string url)
    {
        app.Sql.Clear();
        await http.GetJsonAsync(url);
        return app.Sql.Statements.Any(s => s.Contains("FROM places"));
    }

    [Fact]
    public async Task A_layer_over_the_memory_limit_is_not_kept_and_a_small_answer_is()
    {
        var http = app.CreateClient();
        const string layer = "/collections/places/items?limit=46"; // every place: tens of kilobytes
        Assert.True(await ComputedAsync(http, layer));
        Assert.True(await ComputedAsync(http, layer), "a layer larger than Cache:MemoryLimitBytes must not be kept");

        const string one = "/collections/places/items?bbox=26.6,58.3,26.8,58.45&limit=1"; // Tartu alone
        Assert.True(await ComputedAsync(http, one));
        Assert.False(await ComputedAsync(http, one), "an answer within the limit is served from memory");
    }

    [Fact]
    public async Task A_layer_too_large_for_an_entry_is_not_compressed_in_advance_and_still_travels_compressed()
    {
        using var encodings = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), LayerBody.MeterName, LayerBody.EncodingsCounter);
        var request = new HttpRequestMessage(HttpMethod.Get, "/collections/places/items?limit=46"); // tens of kilobytes, over Cache:MaxEntryBytes
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding)); // by the compression middleware
        Assert.Null(response.Headers.ETag);
        Assert.Equal(0, encodings.GetMeasurementSnapshot().EvaluateAsCounter());

        await ComputedAsync(app.CreateClient(), "/collections/places/items?bbox=26.6,58.3,26.8,58.45&limit=2"); // small: kept, so encoded
        Assert.Equal(1, encodings.GetMeasurementSnapshot().EvaluateAsCounter());
    }
}
