using System.Diagnostics;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Towns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// `./atlas bench towns`: the gazetteer loaded by the real loader, then one query mix answered three ways: by
/// PostgreSQL alone (pg_trgm and unaccent: a GIN trigram index on an immutable unaccent wrapper, the same tiers
/// in one statement), by the in-memory Lucene index the service uses, and over HTTP by the service itself.
/// </summary>
internal static class TownsBench
{
    // Exact names, prefixes, words, typos, diacritics left out, and a few with a country filter.
    private static readonly (string Q, string? Country)[] Mix =
    [
        ("torva", null), ("koscierzyna", null), ("tartu", null), ("warszwa", null), ("warszawa", null), ("frankfrt", null),
        ("par", null), ("s", null), ("saint etienne", null), ("am main", null), ("tallin", null), ("voru", null),
        ("kuldiga", null), ("parnu", "EE"), ("ostroleka", null), ("bydgosz", "PL"), ("gdansk", null), ("krakow", null),
        ("lisbn", null), ("san", "IT"), ("zurich", "CH"), ("ventspils", null), ("leipzg", "DE"), ("valga", "EE"),
    ];

    private const string TrigramSql = """
        SELECT geo_names_id FROM towns
        WHERE (bench_fold(name) LIKE bench_fold(@q) || '%' OR bench_fold(name) LIKE '% ' || bench_fold(@q) || '%' OR bench_fold(name) % bench_fold(@q))
          AND (@country::text IS NULL OR country = @country)
        ORDER BY CASE WHEN bench_fold(name) = bench_fold(@q) THEN 0 WHEN bench_fold(name) LIKE bench_fold(@q) || '%' THEN 1
                      WHEN bench_fold(name) LIKE '% ' || bench_fold(@q) || '%' THEN 2 ELSE 3 END,
                 similarity(bench_fold(name), bench_fold(@q)) DESC, population DESC NULLS LAST, geo_names_id
        LIMIT 10
        """;

    public static async Task RunAsync(string server, string repo, int rounds)
    {
        const string database = "atlas_bench_towns";
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, CommandTimeout = 600 }.ConnectionString;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<AtlasDbContext>();
        AtlasDbContext.Configure(options, cs);
        await using (var db = new AtlasDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(Path.Combine(repo, "data")));
            var clock = Stopwatch.StartNew();
            await new TownsLoader(db, Console.Out).LoadAsync(Path.Combine(repo, TownsLoader.DefaultFile));
            Console.WriteLine($"towns import (first load, binary COPY + merge + ANALYZE): {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            var again = await new TownsLoader(db).LoadAsync(Path.Combine(repo, TownsLoader.DefaultFile));
            Console.WriteLine($"towns import again (skipped: {again.Skipped}): {clock.Elapsed.TotalSeconds:F2} s");
        }

        // 1. PostgreSQL alone: pg_trgm + unaccent.
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var build = Stopwatch.StartNew();
        foreach (var sql in new[]
                 {
                     "CREATE EXTENSION IF NOT EXISTS pg_trgm", "CREATE EXTENSION IF NOT EXISTS unaccent",
                     // unaccent() is only STABLE (its dictionary could change); an index needs an IMMUTABLE wrapper.
                     "CREATE FUNCTION bench_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$",
                     "CREATE INDEX ix_bench_towns_trgm ON towns USING gin (bench_fold(name) gin_trgm_ops)", "ANALYZE towns",
                 })
            await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
        Console.WriteLine($"pg_trgm GIN index on bench_fold(name): built in {build.Elapsed.TotalSeconds:F1} s");
        async Task<List<long>> Sql(string q, string? country)
        {
            await using var cmd = new NpgsqlCommand(TrigramSql, conn);
            cmd.Parameters.AddWithValue("q", q);
            cmd.Parameters.Add(new NpgsqlParameter("country", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)country ?? DBNull.Value });
            var ids = new List<long>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
            return ids;
        }

        // 2. The service's index, in-process.
        var index = new TownIndex(new DatabaseConnection(cs), Options.Create(new TownsOptions()), NullLogger<TownIndex>.Instance);
        build.Restart();
        await index.FindAsync("tartu", null, 10, CancellationToken.None);
        Console.WriteLine($"Lucene town index (RAMDirectory) built from the table: {build.Elapsed.TotalSeconds:F1} s");
        async Task<IReadOnlyList<long>> Lucene(string q, string? country) =>
            (await index.FindAsync(TownNames.Fold(q), country is null ? null : new HashSet<string> { country }, 10, CancellationToken.None))
            .Towns.Select(t => t.GeonamesId).ToList();

        foreach (var (q, country) in Mix)
        {
            var (a, b) = (await Sql(q, country), await Lucene(q, country));
            Console.WriteLine($"  {q,-14} {country ?? "",-2}  first: pg_trgm {Name(a)}, Lucene {Name(b)}");
        }
        string Name(IReadOnlyList<long> ids) => ids.Count == 0 ? "-" : ids[0].ToString();

        // 3. HTTP: the service on Kestrel (its own process), /api/towns with the rows from PostgreSQL.
        using var service = await BenchSupport.StartServiceAsync(repo, 5191, new Dictionary<string, string>
        {
            ["ConnectionStrings__Atlas"] = cs,
            ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "atlas-bench-towns-index"),
            ["Protection__ReadPermits"] = "1000000000",
        });
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5191") };
        async Task<byte[]> Http(string q, string? country)
        {
            using var response = await http.GetAsync($"/api/towns?q={Uri.EscapeDataString(q)}" + (country is null ? "" : $"&country={country}"));
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        }

        // The three answer each query one after the other, so that a busy machine slows all three alike.
        var (sqlTimes, luceneTimes, httpTimes) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = -3; round < rounds; round++) // three rounds of warm-up: JIT, plans, pages in memory
            foreach (var (q, c) in Mix)
            {
                var t = Stopwatch.GetTimestamp();
                await Sql(q, c);
                var sqlMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                t = Stopwatch.GetTimestamp();
                await Lucene(q, c);
                var luceneMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                t = Stopwatch.GetTimestamp();
                await Http(q, c);
                var httpMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (round < 0) continue;
                sqlTimes.Add(sqlMs);
                luceneTimes.Add(luceneMs);
                httpTimes.Add(httpMs);
            }
        // Per query, the median of each: where the time goes.
        for (var i = 0; i < Mix.Length; i++)
        {
            double Median(List<double> all) => all.Where((_, k) => k % Mix.Length == i).Order().ElementAt(rounds / 2);
            Console.WriteLine($"  {Mix[i].Q,-14} {Mix[i].Country ?? "",-2}  median: SQL {Median(sqlTimes),6:F2} ms  Lucene {Median(luceneTimes),6:F2} ms  HTTP {Median(httpTimes),6:F2} ms");
        }
        BenchSupport.Report("SQL pg_trgm+unaccent (one statement, ids)", sqlTimes);
        BenchSupport.Report("Lucene TownIndex (in-process, rows from memory)", luceneTimes);
        BenchSupport.Report("HTTP /api/towns (Kestrel, loopback, JSON)", httpTimes);
        service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
    }
}
