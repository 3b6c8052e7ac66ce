using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FrontrunnerAtlas.Tests.Resilience;

/// <summary>A host on its own Redis, which the test kills and starts again.</summary>
public sealed class OwnRedisApp : AtlasApp
{
    public RedisServer Redis { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = Redis.Address,
        ["Cache:RetryAfterFailure"] = "00:00:01",
        ["Search:PollSeconds"] = "0.5",
    };

    public override async Task InitializeAsync()
    {
        await Redis.StartAsync();
        await base.InitializeAsync();
    }
}

/// <summary>Load while parts of the system fail: Redis dies, the index is deleted. No request may fail.</summary>
public sealed class FaultTests(OwnRedisApp app) : IClassFixture<OwnRedisApp>
{
    private static readonly string[] Urls =
    [
        "/collections/places/items?limit=50", "/api/search?q=energy", "/api/search?q=kuldiga&theme=SpatialPlanning",
        "/odata/Places?$select=Name&$top=5", "/api/places/ee-voru/mentors?limit=3", "/collections/practices/items?theme=Energy",
    ];

    private static async Task<ConcurrentBag<string>> LoadAsync(HttpClient http, Func<Task> meanwhile)
    {
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var i = w;
            while (!stop.IsCancellationRequested)
            {
                var url = Urls[i++ % Urls.Length];
                var response = await http.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();
        await Task.Delay(300);
        await meanwhile();
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(workers);
        return failures;
    }

    [Fact]
    public async Task Redis_killed_under_load_fails_no_request_and_is_used_again_when_back()
    {
        var http = app.CreateClient();
        Assert.Equal("Healthy", (await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>());
        var failures = await LoadAsync(http, async () =>
        {
            await app.Redis.KillAsync();
            await Task.Delay(1500);
        });
        Assert.Empty(failures);
        var degraded = await http.GetJsonAsync("/health");
        Assert.Equal("Degraded", degraded["parts"]!["cache"]!["status"]!.GetValue<string>());
        Assert.Equal("Degraded", degraded["status"]!.GetValue<string>());

        await app.Redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>() != "Healthy" && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal("Healthy", (await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>());
        // And the cache is written to Redis again once the client has reconnected (within seconds).
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(app.Redis.Address);
        var keys = new List<StackExchange.Redis.RedisKey>();
        for (var i = 1; keys.Count == 0 && DateTime.UtcNow < deadline.AddSeconds(10); i++)
        {
            await http.GetAsync($"/collections/places/items?limit=3&offset={i}");
            keys = redis.GetServer(app.Redis.Address).Keys(pattern: "atlas:*").Take(5).ToList();
            if (keys.Count == 0) await Task.Delay(250);
        }
        Assert.NotEmpty(keys);
    }

    [Fact]
    public async Task The_index_deleted_while_running_is_rebuilt_and_no_request_fails()
    {
        var http = app.CreateClient();
        var failures = await LoadAsync(http, async () =>
        {
            Directory.Delete(app.IndexPath, recursive: true);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!File.Exists(Path.Combine(app.IndexPath, "current")) && DateTime.UtcNow < deadline) await Task.Delay(100);
        });
        Assert.Empty(failures);
        Assert.True(File.Exists(Path.Combine(app.IndexPath, "current")), "the index was not rebuilt");
        var json = await http.GetJsonAsync("/api/search?q=tartu&type=place");
        Assert.Contains("ee-tartu", json["hits"]!.AsArray().Strings("id"));
    }
}

/// <summary>A host on its own PostgreSQL cluster, which the test stops and starts under load.</summary>
public sealed class OwnPostgresApp : AtlasApp
{
    public PostgresServer Postgres { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:PollSeconds"] = "0.5" };

    protected override async Task<string> CreateDatabaseAsync(string name)
    {
        await Postgres.InitAsync();
        await using (var conn = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand("CREATE DATABASE atlas", conn).ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Database = "atlas" }.ConnectionString;
        await using var db = TestDatabase.Context(cs);
        await db.Database.MigrateAsync();
        await new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(TestDatabase.DataFolder));
        return cs;
    }

    protected override bool OwnsDatabase => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
    }
}

public sealed class DatabaseRestartTests(OwnPostgresApp app) : IClassFixture<OwnPostgresApp>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await app.Postgres.DisposeAsync();

    [Fact]
    public async Task PostgreSQL_restarted_under_load_is_503_with_Retry_After_then_recovers_and_keeps_every_acknowledged_write()
    {
        var http = app.CreateClient();
        await using (var db = app.Db())
        {
            var output = new StringWriter();
            await KeysCommand.RunAsync(db, ["create", "--role", "reviewer"], output);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.ToString().Trim().Split('\n').Last().Trim());
        }
        NpgsqlConnection.ClearAllPools();

        var acknowledged = new ConcurrentBag<string>();
        var bad = new ConcurrentBag<string>();
        var unavailable = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"restart-tag-{i}";
                var response = await http.PostAsJsonAsync("/api/catalogue/import", new { tags = new[] { new { id, label = $"Tag {i}" } } });
                if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add(id);
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref unavailable);
                    if (response.Headers.RetryAfter is null) bad.Add("503 without Retry-After");
                }
                else bad.Add($"write: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        });
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await http.GetAsync("/odata/Places?$top=3&$select=Id");
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                    bad.Add($"read: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        });

        await Task.Delay(500);
        await app.Postgres.StopAsync();
        await Task.Delay(1500);
        await app.Postgres.StartAsync();
        // Recovery without restarting the service.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await http.GetAsync("/health")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(200);
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(writer, reader);

        Assert.Empty(bad);
        Assert.True(unavailable > 0, "the outage was never seen");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/odata/Places?$top=1")).StatusCode);
        // A fresh, unpooled connection: this test's own idle connections died with the restart.
        await using var check = TestDatabase.Context(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        var stored = await check.Tags.Where(t => t.Id.StartsWith("restart-tag-")).Select(t => t.Id).ToListAsync();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, id => Assert.Contains(id, stored));
    }
}
