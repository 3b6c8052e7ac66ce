using System.Net;
using FrontrunnerAtlas.Tests.Infrastructure;
using FrontrunnerAtlas.Tests.Resilience;
using StackExchange.Redis;

namespace FrontrunnerAtlas.Tests.Infrastructure;

[Collection(ReadOnlyCatalogue.Name)]
public sealed class HealthTests(ReadOnlyApp app)
{
    [Fact]
    public async Task Healthy_when_the_database_answers_and_migrations_are_applied()
    {
        var json = await app.CreateClient().GetJsonAsync("/health");
        Assert.Equal("Healthy", json["status"]!.GetValue<string>());
        Assert.Equal("Healthy", json["parts"]!["database"]!["status"]!.GetValue<string>());
        if (TestDatabase.Redis is not null) Assert.Equal("Healthy", json["parts"]!["cache"]!["status"]!.GetValue<string>());
    }
}

public sealed class UnmigratedApp : AtlasApp
{
    protected override Task<string> CreateDatabaseAsync(string name) => TestDatabase.CreateEmptyAsync(name);
}

public sealed class UnmigratedHealthTests(UnmigratedApp app) : IClassFixture<UnmigratedApp>
{
    [Fact]
    public async Task Unhealthy_503_when_migrations_are_missing()
    {
        var json = await app.CreateClient().GetJsonAsync("/health", HttpStatusCode.ServiceUnavailable);
        Assert.Contains("migration", json["parts"]!["database"]!["description"]!.GetValue<string>());
    }
}

public sealed class NoDatabaseApp : AtlasApp
{
    // A port nothing listens on: the database is down.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Atlas"] = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2",
    };
}

public sealed class NoDatabaseTests(NoDatabaseApp app) : IClassFixture<NoDatabaseApp>
{
    [Fact]
    public async Task Health_is_503_and_queries_are_503_with_retry_after_not_500()
    {
        var http = app.CreateClient();
        await http.GetJsonAsync("/health", HttpStatusCode.ServiceUnavailable);
        var response = await http.GetAsync("/odata/Places");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        HttpExtensions.AssertNoInternals(await response.Content.ReadAsStringAsync());
        response = await http.GetAsync("/collections/places/items");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}

public sealed class RedisDownApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1" };
}

public sealed class RedisDownTests(RedisDownApp app) : IClassFixture<RedisDownApp>
{
    [Fact]
    public async Task Without_Redis_the_service_is_degraded_not_down()
    {
        var json = await app.CreateClient().GetJsonAsync("/health");
        Assert.Equal("Degraded", json["status"]!.GetValue<string>());
        Assert.Equal("Degraded", json["parts"]!["cache"]!["status"]!.GetValue<string>());
        // Said plainly, without the address of the Redis it tried.
        Assert.DoesNotContain("127.0.0.1", json["parts"]!["cache"]!["description"]!.GetValue<string>());
        await app.CreateClient().GetJsonAsync("/odata/Places?$top=1");
    }
}

/// <summary>The cache's health is read on the cache's own Redis connection.</summary>
public sealed class CacheHealthTests(OwnRedisApp app) : IClassFixture<OwnRedisApp>
{
    [Fact]
    public async Task Health_probes_open_no_Redis_connections_of_their_own()
    {
        var http = app.CreateClient();
        await http.GetJsonAsync("/collections/places/items?limit=2"); // the cache connects
        Assert.Equal("Healthy", (await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.Redis.Address + ",allowAdmin=true"); // INFO is an admin command
        long Accepted() => long.Parse(redis.GetServer(app.Redis.Address).Info("stats").SelectMany(g => g)
            .First(p => p.Key == "total_connections_received").Value);
        var before = Accepted();
        for (var i = 0; i < 10; i++)
            Assert.Equal("Healthy", (await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>());
        Assert.Equal(before, Accepted());
    }
}
