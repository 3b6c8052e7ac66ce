using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using StackExchange.Redis;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>A host whose log the test reads, with room for a query of 2,000 characters.</summary>
public sealed class LoggedApp : AtlasApp
{
    public FakeLoggerProvider Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:MaxQueryLength"] = "2500" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }
}

/// <summary>Search cache keys as Redis holds them: short whatever the query, one per distinct request.</summary>
public sealed class CacheKeyTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private readonly HttpClient _http = app.CreateClient();

    /// <summary>This host's search entries in the shared Redis (its database's name is in every key).</summary>
    private async Task<List<string>> SearchKeysAsync(Func<string, bool> which, int atLeast)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.Redis!);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<string>();
        // Written to Redis right after the answer: allow a moment.
        for (var i = 0; i < 40; i++)
        {
            keys = server.Keys(pattern: $"atlas:search:{database}:*").Select(k => k.ToString()).Where(which).ToList();
            if (keys.Count >= atLeast) break;
            await Task.Delay(50);
        }
        return keys;
    }

    [Fact]
    public async Task A_query_of_2000_characters_is_cached_under_a_short_key_without_an_error_in_the_log()
    {
        var q = string.Join(' ', Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 99)));
        Assert.Equal(1999, q.Length);
        var url = "/api/search?q=" + Uri.EscapeDataString(q) + "&type=practice";
        var first = await _http.GetJsonAsync(url);
        var second = await _http.GetJsonAsync(url);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());

        // HybridCache says 'fail' (Error) for a key over 1,024 characters and then caches nothing.
        Assert.DoesNotContain(app.Logs.Collector.GetSnapshot(), e => e.Level >= LogLevel.Error);
        if (TestDatabase.Redis is null) return;
        var key = Assert.Single(await SearchKeysAsync(k => k.Contains("sha256:"), 1));
        Assert.True(key.Length < 300, $"key of {key.Length} characters: {key}");
    }

    [Fact]
    public async Task The_same_search_written_differently_is_one_entry()
    {
        await _http.GetJsonAsync("/api/search?q=bike&theme=Energy,Mobility&country=ee&size=5");
        await _http.GetJsonAsync("/api/search?size=05&country=EE&theme=mobility&theme=energy&q=bike");
        await _http.GetJsonAsync("/api/search?Q=bike&THEME=Mobility,Energy&COUNTRY=Ee&page=1&size=5");
        if (TestDatabase.Redis is null) return;
        Assert.NotEmpty(await SearchKeysAsync(k => k.Contains(":q=bike&"), 1));
        await Task.Delay(300); // a second entry, were there one, would be written by now
        Assert.Single(await SearchKeysAsync(k => k.Contains(":q=bike&"), 1));
    }

    [Theory]
    [InlineData("/api/search?q=tartu&lang=et", "lang")]
    [InlineData("/api/search?q=tartu&_=1700000000", "_")]
    public async Task An_unknown_search_parameter_is_a_400_that_names_it(string url, string parameter)
    {
        var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Contains($"'{parameter}'", problem["detail"]!.GetValue<string>());
    }
}
