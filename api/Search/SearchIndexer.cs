using System.Diagnostics;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// Keeps the index in step with PostgreSQL. Triggers write every change of a searchable table to the change
/// log search_changes and NOTIFY atlas_changes; this service LISTENs (and polls as a safety net) and applies
/// the changes after the index's recorded position. That works across instances: a write made by another
/// service on the same database reaches this index too. Being the one listener, it also tells the rest of the
/// service (the cache keys) which catalogue version is current: CatalogueVersion.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndex index, IOptions<SearchOptions> options,
    DatabaseConnection database, CatalogueVersion version, ILogger<SearchIndexer> log) : BackgroundService, IHealthCheck
{
    public const string Channel = "atlas_changes";
    private const int BatchSize = 5000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _lastError;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Bring the index up to date before the service answers, so the first search sees the catalogue.
        try { await SyncAsync(cancellationToken); }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            _lastError = "The database was not reachable at start; retrying.";
            log.LogWarning(ex, "Search index not synchronised at start");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(database.ConnectionString);
                await conn.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn)) await listen.ExecuteNonQueryAsync(stoppingToken);
                await SyncAsync(stoppingToken); // anything missed while not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await conn.WaitAsync(poll, stoppingToken))
                    {
                        // Let a burst of changes (an import) settle into one batch.
                        await Task.Delay(50, stoppingToken);
                        while (await conn.WaitAsync(TimeSpan.FromMilliseconds(1), stoppingToken)) { }
                    }
                    await SyncAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                _lastError = "Lost the database connection; reconnecting.";
                log.LogWarning(ex, "Search index listener failed; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); } catch (OperationCanceledException) { }
            }
        }
    }

    /// <summary>Opens or rebuilds the index as needed, then applies every logged change not yet in it.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AtlasDbContext>();
            var database = await DatabaseIdentityAsync(db, ct);
            var maxId = await MaxChangeIdAsync(db, ct);
            // A deleted index keeps answering from its open files until the rebuild is swapped in.
            var needsBuild = !index.FilesPresent
                             || !index.IsReady && !index.TryOpen(database)
                             || index.Database != database
                             || index.LastChangeId > maxId
                             || maxId - index.LastChangeId > options.Value.RebuildThreshold;
            if (needsBuild) await RebuildAsync(db, maxId, database, ct);
            while (true)
            {
                var changes = await db.Database
                    .SqlQuery<ChangeRow>($"SELECT id, entity, entity_id FROM search_changes WHERE id > {index.LastChangeId} ORDER BY id LIMIT {BatchSize}")
                    .ToListAsync(ct);
                if (changes.Count == 0) break;
                await ApplyAsync(db, changes, database, ct);
            }
            // Only now: searches under the new version see the changes.
            version.Set(database, index.LastChangeId);
            _lastError = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forces a full rebuild (build aside, then swap).</summary>
    public async Task RebuildNowAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AtlasDbContext>();
            var identity = await DatabaseIdentityAsync(db, ct);
            await RebuildAsync(db, await MaxChangeIdAsync(db, ct), identity, ct);
            version.Set(identity, index.LastChangeId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RebuildAsync(AtlasDbContext db, long maxId, string database, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        await index.RebuildAsync(async write =>
        {
            foreach (var type in SearchSource.Types)
            {
                // Read the next batch from PostgreSQL while the current one is analysed and indexed.
                var next = SearchSource.LoadAsync(db, type, null, null, BatchSize, ct);
                while (next is not null)
                {
                    var batch = await next;
                    next = batch.Count == BatchSize ? SearchSource.LoadAsync(db, type, null, batch[^1].Id, BatchSize, ct) : null;
                    await write(batch);
                    count += batch.Count;
                }
            }
        }, maxId, database);
        log.LogInformation("Search index rebuilt: {Count} documents in {Seconds:F1} s", count, clock.Elapsed.TotalSeconds);
    }

    private sealed record ChangeRow(long Id, string Entity, string EntityId);

    private async Task ApplyAsync(AtlasDbContext db, List<ChangeRow> changes, string database, CancellationToken ct)
    {
        var ids = changes.GroupBy(c => c.Entity).ToDictionary(g => g.Key, g => g.Select(c => c.EntityId).Distinct().ToList());
        List<string> Ids(string entity) => ids.TryGetValue(entity, out var list) ? list : [];
        var places = Ids("places");
        var initiatives = Ids("initiatives");
        var touched = new Dictionary<string, HashSet<string>>
        {
            [SearchSource.Place] = [.. places],
            [SearchSource.Initiative] = [.. initiatives],
            [SearchSource.Practice] = [.. Ids("practices")],
            [SearchSource.Event] = [.. Ids("events")],
        };
        // A place or initiative also lives in the documents of its practices and events (names, facets).
        if (places.Count + initiatives.Count > 0)
        {
            touched[SearchSource.Practice].UnionWith(await db.Practices.Where(p => places.Contains(p.PlaceId!) || initiatives.Contains(p.InitiativeId!)).Select(p => p.Id).ToListAsync(ct));
            touched[SearchSource.Event].UnionWith(await db.Events.Where(e => places.Contains(e.HostPlaceId!) || initiatives.Contains(e.InitiativeId!)).Select(e => e.Id).ToListAsync(ct));
        }
        var upserts = new List<SearchRecord>();
        var deletes = new List<string>();
        foreach (var (type, set) in touched)
        {
            if (set.Count == 0) continue;
            var records = await SearchSource.LoadAsync(db, type, set, null, int.MaxValue, ct);
            upserts.AddRange(records);
            // Gone from the database, or no longer public (a practice back in draft): out of the index.
            deletes.AddRange(set.Except(records.Select(r => r.Id)).Select(id => $"{type}:{id}"));
        }
        index.Apply(upserts, deletes, changes[^1].Id, database);
        log.LogDebug("Search index: {Upserts} updated, {Deletes} removed up to change {Id}", upserts.Count, deletes.Count, changes[^1].Id);
    }

    private static async Task<long> MaxChangeIdAsync(AtlasDbContext db, CancellationToken ct) =>
        await db.Database.SqlQuery<long>($"SELECT coalesce(max(id), 0) AS \"Value\" FROM search_changes").SingleAsync(ct);

    // A recreated database starts its change log again at 1: the oid tells it apart from the old one.
    private static async Task<string> DatabaseIdentityAsync(AtlasDbContext db, CancellationToken ct) =>
        await db.Database.SqlQuery<string>($"SELECT current_database() || ':' || oid::text AS \"Value\" FROM pg_database WHERE datname = current_database()").SingleAsync(ct);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(!index.IsReady
            ? HealthCheckResult.Degraded(_lastError ?? "The search index is being built.")
            : _lastError is not null
                ? HealthCheckResult.Degraded($"{_lastError} Searching the last indexed state ({index.DocumentCount} documents).")
                : HealthCheckResult.Healthy($"{index.DocumentCount} documents, up to change {index.LastChangeId}."));
}
