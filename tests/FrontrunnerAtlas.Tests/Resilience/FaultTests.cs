using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>One answered request: when it was sent and answered (Stopwatch ticks), and whether the breaker had Redis cut off at either time.</summary>
    private sealed record Answer(string Url, long Sent, long Answered, HttpStatusCode Status, string? Failure, bool BreakerOpen);

    /// <summary>
    /// Four clients request url(0), url(1), ... until <paramref name="meanwhile"/> (which sees the answers so far)
    /// has done its harm and half a second more has passed.
    /// </summary>
    private async Task<List<Answer>> LoadAsync(HttpClient http, Func<int, string> url, Func<IReadOnlyCollection<Answer>, Task> meanwhile)
    {
        var breaker = app.Services.GetRequiredService<ResilientDistributedCache>();
        var answers = new ConcurrentQueue<Answer>();
        var next = -1;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var u = url(Interlocked.Increment(ref next));
                var sent = Stopwatch.GetTimestamp();
                var openAtSend = !breaker.IsAvailable;
                var response = await http.GetAsync(u);
                var failure = response.StatusCode == HttpStatusCode.OK ? null : await response.Content.ReadAsStringAsync();
                answers.Enqueue(new Answer(u, sent, Stopwatch.GetTimestamp(), response.StatusCode, failure, openAtSend || !breaker.IsAvailable));
            }
        })).ToList();
        await Task.Delay(300);
        await meanwhile(answers);
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(workers);
        return [.. answers];
    }

    private static void AssertAllAnswered(IEnumerable<Answer> answers) =>
        Assert.Empty(answers.Where(a => a.Status != HttpStatusCode.OK).Select(a => $"{a.Url}: {(int)a.Status} {a.Failure}"));

    private static async Task<string> CacheHealthAsync(HttpClient http) =>
        (await http.GetJsonAsync("/health"))["parts"]!["cache"]!["status"]!.GetValue<string>();

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Redis_killed_under_load_fails_no_request_and_is_used_again_when_back()
    {
        var http = app.CreateClient();
        Assert.Equal("Healthy", await CacheHealthAsync(http));
        // Almost every URL is new to the cache (an offset, a skip or a search word of its own), so requests miss the
        // in-memory level and ask Redis: they cannot be served from memory alone.
        string Fresh(int i) => (i % 6) switch
        {
            0 => $"/collections/places/items?limit=50&offset={i}",
            1 => $"/api/search?q=energy%20w{i}",
            2 => $"/api/search?q=kuldiga%20w{i}&theme=SpatialPlanning",
            3 => $"/odata/Places?$select=Name&$top=5&$skip={i}",
            4 => $"/api/places/ee-voru/mentors?limit={1 + i % 10}",
            _ => $"/collections/practices/items?theme=Energy&offset={i}",
        };

        long down = 0, restarted = 0;
        var answers = await LoadAsync(http, Fresh, async sofar =>
        {
            await app.Redis.KillAsync();
            // Down for sure: a connection to its port is refused.
            using (var probe = new TcpClient())
                await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, app.Redis.Port));
            down = Stopwatch.GetTimestamp();
            // Not a fixed time: as long as it takes for requests sent after that to be answered, some of them
            // while the service's circuit breaker had Redis cut off.
            await WaitUntilAsync(() => Task.FromResult(
                    sofar.Count(a => a.Sent > down) >= 20 && sofar.Any(a => a.Sent > down && a.BreakerOpen)),
                TimeSpan.FromSeconds(30), "20 requests answered with Redis down");
            Assert.Equal("Degraded", await CacheHealthAsync(http));
            restarted = Stopwatch.GetTimestamp();
            await app.Redis.StartAsync();
        });

        AssertAllAnswered(answers);
        var duringOutage = answers.Where(a => a.Sent > down && a.Answered < restarted).ToList();
        Assert.True(duringOutage.Count >= 20, $"only {duringOutage.Count} requests were answered while Redis was down");
        Assert.Contains(duringOutage, a => a.BreakerOpen);
        Assert.Contains(duringOutage, a => a.Url.StartsWith("/api/search"));
        Assert.Contains(duringOutage, a => a.Url.StartsWith("/collections/places"));

        // Back: healthy, and answers are written to Redis again once the client has reconnected (within seconds).
        // The restarted Redis started empty: the key of a new URL in it was written after its return.
        await WaitUntilAsync(async () => await CacheHealthAsync(http) == "Healthy", TimeSpan.FromSeconds(10), "the cache is healthy again");
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(app.Redis.Address);
        var server = redis.GetServer(app.Redis.Address);
        var i = 0;
        var before = server.Keys(pattern: "*").Count();
        await WaitUntilAsync(async () =>
        {
            var url = $"/collections/places/items?limit=3&offset={100_000 + i++}";
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
            return server.Keys(pattern: "*").Count() > before;
        }, TimeSpan.FromSeconds(20), "an answer is written to Redis");
    }

    [Fact]
    public async Task The_index_deleted_while_running_is_rebuilt_and_no_request_fails()
    {
        var http = app.CreateClient();
        var answers = await LoadAsync(http, i => Urls[i % Urls.Length], async _ =>
        {
            // The service may write a new file between the listing and the last rmdir (as under rm -rf): delete again.
            for (var attempt = 1; ; attempt++)
            {
                try { Directory.Delete(app.IndexPath, recursive: true); break; }
                catch (DirectoryNotFoundException) { break; }
                catch (IOException) when (attempt < 20) { await Task.Delay(50); }
            }
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!File.Exists(Path.Combine(app.IndexPath, "current")) && DateTime.UtcNow < deadline) await Task.Delay(100);
        });
        AssertAllAnswered(answers);
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
        // Down until a write has met the outage (not a fixed time: on a loaded machine a write can take longer).
        var down = Stopwatch.StartNew();
        while (Volatile.Read(ref unavailable) == 0 && down.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
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
