using System.Diagnostics;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>The index follows PostgreSQL: changes by anyone, on any instance, and damage to the index itself.</summary>
public sealed class IndexSyncTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private static async Task<JsonNode> Search(HttpClient http, string q) =>
        await http.GetJsonAsync("/api/search?size=50&q=" + Uri.EscapeDataString(q));

    private static async Task<TimeSpan> WaitUntilFound(HttpClient http, string q, string id, bool present = true)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var ids = (await Search(http, q))["hits"]!.AsArray().Strings("id");
            if (ids.Contains(id) == present) return clock.Elapsed;
            await Task.Delay(25);
        }
        var health = await http.GetStringAsync("/health");
        throw new Xunit.Sdk.XunitException($"'{q}' {(present ? "never found" : "still finds")} {id}; health: {health}");
    }

    [Fact]
    public async Task A_change_made_in_the_database_is_searchable_on_two_instances()
    {
        await using var second = new PeerHost(app.ConnectionString);
        await second.InitializeAsync();
        var first = app.CreateClient();
        var other = second.CreateClient();
        // Both instances warm (JIT, searchers) before the write, so the wait measures synchronisation only.
        await Search(first, "warmup");
        await Search(other, "warmup");

        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync("UPDATE practices SET summary = summary || ' Geothermal pilot.' WHERE id = 'p06-valga-new-central-square'");
        var waits = await Task.WhenAll(
            WaitUntilFound(first, "geothermal", "p06-valga-new-central-square"),
            WaitUntilFound(other, "geothermal", "p06-valga-new-central-square"));
        var (a, b) = (waits[0], waits[1]);
        Assert.True(a < TimeSpan.FromSeconds(2) && b < TimeSpan.FromSeconds(2), $"took {a} and {b}");

        // A renamed place reaches its practices' documents too.
        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync("UPDATE places SET name = 'Valga Townhall' WHERE id = 'ee-valga'");
        await WaitUntilFound(other, "place:townhall", "p06-valga-new-central-square");

        // A practice put back in draft leaves the public index.
        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync("UPDATE practices SET status = 'draft' WHERE id = 'p06-valga-new-central-square'");
        await WaitUntilFound(first, "geothermal", "p06-valga-new-central-square", present: false);
    }

    [Fact]
    public async Task A_deleted_or_corrupt_index_is_rebuilt_at_start_and_an_old_one_catches_up()
    {
        var path = Path.Combine(Path.GetTempPath(), "atlas-test-index", Guid.NewGuid().ToString("N"));
        await using (var host = new PeerHost(app.ConnectionString, path))
        {
            await host.InitializeAsync();
            Assert.Contains("ee-tartu", (await Search(host.CreateClient(), "tartu"))["hits"]!.AsArray().Strings("id"));
        }

        // Older than the database: a change made while no instance runs is applied at the next start.
        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync("UPDATE places SET note = note || ' Hydrogen buses.' WHERE id = 'ee-elva'");
        await using (var host = new PeerHost(app.ConnectionString, path))
        {
            await host.InitializeAsync();
            Assert.Contains("ee-elva", (await Search(host.CreateClient(), "hydrogen"))["hits"]!.AsArray().Strings("id"));
        }

        // Corrupt: every file of the live generation overwritten with garbage.
        foreach (var file in Directory.GetFiles(path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith("current")))
            await File.WriteAllBytesAsync(file, [1, 2, 3, 4, 5]);
        await using (var host = new PeerHost(app.ConnectionString, path))
        {
            await host.InitializeAsync();
            Assert.Contains("ee-elva", (await Search(host.CreateClient(), "hydrogen"))["hits"]!.AsArray().Strings("id"));
        }

        // Missing.
        Directory.Delete(path, recursive: true);
        await using (var host = new PeerHost(app.ConnectionString, path))
        {
            await host.InitializeAsync();
            var json = await Search(host.CreateClient(), "tartu");
            Assert.Contains("ee-tartu", json["hits"]!.AsArray().Strings("id"));
            var health = await host.CreateClient().GetJsonAsync("/health");
            Assert.Equal("Healthy", health["parts"]!["index"]!["status"]!.GetValue<string>());
        }
    }
}
