using System.Diagnostics;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Towns;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static FrontrunnerAtlas.Bench.BenchSupport;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// `./atlas bench mentors`: a synthetic catalogue (10,000 places by default) and the real gazetteer, then two reads
/// of issue 11, uncached (the service runs with its cache off, and every request asks something new): the mentors of
/// a town (`/api/towns/{id}/mentors`) next to one SQL statement that ranks the same frontrunners (matching practices,
/// then distance), and the town label tiles (`/tiles/towns/z/x/y.mvt`) next to the same ST_AsMVT statement.
/// </summary>
internal static class MentorsBench
{
    private static readonly string[] Themes = ["energy", "mobility", "spatial_planning"];

    // The floor of a mentor answer: the town's row, then the frontrunners with their matching published practices
    // counted and their spheroid distance, relevance first, as the service ranks them (without the finer components).
    private static readonly string MentorSql = $"""
        SELECT name, country, population, longitude, latitude FROM towns WHERE geo_names_id = @id;
        SELECT p.id, p.name, count(x.id) FILTER (WHERE x.themes && ARRAY[@theme]::theme[]) AS matching,
               ST_Distance(p.location::geography, (SELECT location FROM towns WHERE geo_names_id = @id)::geography) / 1000.0 AS km
        FROM {CuratedSql.Places} p LEFT JOIN {CuratedSql.Practices} x ON x.place_id = p.id
        WHERE p.role = 'frontrunner'
        GROUP BY p.id, p.name, p.location
        ORDER BY count(x.id) FILTER (WHERE x.themes && ARRAY[@theme]::theme[]) > 0 DESC, matching DESC, km NULLS LAST, p.id
        LIMIT 10
        """;

    public static async Task RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench.");
        var places = Arg(args, "--places", 10_000);
        var practices = Arg(args, "--practices", 100_000);
        var rounds = Arg(args, "--rounds", 300);
        var repo = FindRepo();
        const string database = "atlas_bench_mentors";
        Console.WriteLine($"Mentors and town tiles: {places:N0} synthetic places, {practices:N0} practices, the gazetteer; {rounds} rounds; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

        var clock = Stopwatch.StartNew();
        var cs = await CreateSyntheticAsync(server, database, places, practices, async db =>
        {
            await new TownsLoader(db).LoadAsync(Path.Combine(repo, TownsLoader.DefaultFile));
            Console.WriteLine($"gazetteer loaded; {await db.Places.CountAsync(p => p.Role == PlaceRole.Frontrunner):N0} frontrunners");
        });

        // Towns spread over the gazetteer (every k-th by id), each asked once: no answer can come from a cache.
        await using var source = NpgsqlDataSource.Create(cs);
        var towns = new List<(long Id, double Lon, double Lat)>();
        await using (var cmd = source.CreateCommand("SELECT geo_names_id, longitude, latitude FROM towns ORDER BY geo_names_id"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) towns.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
        var step = Math.Max(1, towns.Count / (rounds + 40));
        var sample = towns.Where((_, i) => i % step == 0).Take(rounds + 40).ToList();

        const int port = 5192;
        using var service = await StartServiceAsync(repo, port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Atlas"] = cs,
            ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "atlas-bench-mentors-index"),
            // One client on purpose: no rate limit here.
            ["Protection__ReadPermits"] = "1000000000", ["Protection__MapPermits"] = "1000000000", ["Protection__SearchPermits"] = "1000000000",
            ["Cache__Enabled"] = "false",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // The text-similarity component needs the search index, which the service builds at start: wait for it.
        clock.Restart();
        while (!(await http.GetAsync("/api/search?q=energy")).IsSuccessStatusCode) await Task.Delay(500);
        Console.WriteLine($"search index built by the service: {clock.Elapsed.TotalSeconds:F1} s");

        // 1. Mentors for a town. The first 40 towns warm up (JIT, plans, pages), the rest are measured.
        List<double> api = [], sql = [];
        for (var i = 0; i < sample.Count; i++)
        {
            var (id, _, _) = sample[i];
            var theme = Themes[i % Themes.Length];
            var h = await TimeGetAsync(http, $"/api/towns/{id}/mentors?themes={theme}&limit=10");
            var s = await TimeSqlAsync(source, MentorSql, new Dictionary<string, object> { ["id"] = id, ["theme"] = theme });
            if (i < 40) continue;
            api.Add(h);
            sql.Add(s);
        }
        Report("HTTP /api/towns/{id}/mentors (uncached, a new town each time)", api);
        Report("SQL  the town, then frontrunners by matching practices and distance", sql);
        Console.WriteLine($"ratio mentors: p50 {Percentile(api, 50) / Percentile(sql, 50):F2}x, p95 {Percentile(api, 95) / Percentile(sql, 95):F2}x");

        // 2. Town label tiles: the tile under each sampled town at the zooms where labels show, each tile once.
        var tiles = sample.SelectMany(t => new[] { 6, 8, 10, 12 }.Select(z => Tile(z, t.Lon, t.Lat))).Distinct().ToList();
        List<double> tileApi = [], tileSql = [];
        var bytes = 0L;
        for (var i = 0; i < tiles.Count; i++)
        {
            var (z, x, y) = tiles[i];
            var h = await TimeGetAsync(http, $"/tiles/towns/{z}/{x}/{y}.mvt");
            var s = await TimeSqlAsync(source, TownTiles.Sql, new Dictionary<string, object> { ["z"] = z, ["x"] = x, ["y"] = y, ["min"] = TownTiles.MinPopulation(z), ["max"] = new TownsOptions().TileMaxTowns });
            if (i < 40) continue;
            tileApi.Add(h);
            tileSql.Add(s);
        }
        foreach (var (z, x, y) in tiles.Take(200)) bytes += (await http.GetByteArrayAsync($"/tiles/towns/{z}/{x}/{y}.mvt")).Length;
        Report($"HTTP /tiles/towns/z/x/y.mvt (uncached, {tiles.Count} different tiles, z 6-12)", tileApi);
        Report("SQL  the same ST_AsMVT statement", tileSql);
        Console.WriteLine($"ratio tiles: p50 {Percentile(tileApi, 50) / Percentile(tileSql, 50):F2}x, p95 {Percentile(tileApi, 95) / Percentile(tileSql, 95):F2}x; mean tile {bytes / 200.0 / 1024:F1} KiB");
        Console.WriteLine($"service memory after the run: RSS {Rss(service)}");
        service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
    }

    /// <summary>The web-mercator tile (XYZ) that holds a point at zoom z.</summary>
    private static (int Z, int X, int Y) Tile(int z, double lon, double lat)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var r = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n);
        return (z, Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }
}
