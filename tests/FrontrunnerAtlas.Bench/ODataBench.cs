using System.Diagnostics;
using System.Globalization;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static FrontrunnerAtlas.Bench.BenchSupport;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// OData benchmark: the queries researchers send ($filter + $expand + $count, an $apply groupby, geo.distance within
/// 50 km) over HTTP against the real service, each next to the same question asked in SQL through Npgsql in the same
/// run (the floor the OData layer adds to: parse, translate, serialize, HTTP). Run with
/// `./atlas bench odata [--practices N] [--places N] [--rounds N]`.
/// </summary>
internal static class ODataBench
{
    private sealed record Pair(string Name, Func<int, string> Url, Func<int, (string Sql, Dictionary<string, object> Args)> Sql);

    public static async Task RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench.");
        var practices = Arg(args, "--practices", 100_000);
        var places = Arg(args, "--places", 10_000);
        var rounds = Arg(args, "--rounds", 200);
        var repo = FindRepo();
        const string database = "atlas_bench_odata";
        Console.WriteLine($"OData benchmark: {practices:N0} synthetic practices, {places:N0} places; {rounds} rounds; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

        List<(string Country, double Lon, double Lat)> anchors = [];
        var cs = await CreateSyntheticAsync(server, database, places, practices, async db =>
            // Questions asked of real spots of the catalogue: one place per country, in a fixed order.
            anchors = (await db.Places.Where(p => p.Location != null).OrderBy(p => p.Id).Select(p => new { p.Country, p.Location!.X, p.Location.Y }).ToListAsync())
                .GroupBy(p => p.Country).Select(g => (g.Key, g.First().X, g.First().Y)).ToList());
        Console.WriteLine($"{anchors.Count} countries");
        var clock = Stopwatch.StartNew();

        string Country(int i) => anchors[i % anchors.Count].Country;
        string Point(int i) => string.Create(CultureInfo.InvariantCulture, $"POINT({anchors[i % anchors.Count].Lon} {anchors[i % anchors.Count].Lat})");
        var pairs = new List<Pair>
        {
            new("$filter + $expand + $count, top 50",
                i => $"/odata/Practices?$filter=Place/Country eq '{Country(i)}' and IsIntegrated eq true&$expand=Place($select=Id,Name,Country)&$count=true&$top=50",
                i => ($"""
                    SELECT count(*) FROM {CuratedSql.Practices} p JOIN {CuratedSql.Places} pl ON pl.id = p.place_id
                     WHERE pl.country = @c AND p.is_integrated;
                    SELECT p.*, pl.id, pl.name, pl.country FROM {CuratedSql.Practices} p JOIN {CuratedSql.Places} pl ON pl.id = p.place_id
                     WHERE pl.country = @c AND p.is_integrated ORDER BY p.id LIMIT 50
                    """, new() { ["c"] = Country(i) })),
            new("$apply groupby((Place/Country), aggregate($count))",
                _ => "/odata/Practices?$apply=groupby((Place/Country),aggregate($count as N))",
                _ => ($"SELECT pl.country, count(*) FROM {CuratedSql.Practices} p LEFT JOIN {CuratedSql.Places} pl ON pl.id = p.place_id GROUP BY pl.country", [])),
            new("geo.distance le 50 km (places)",
                i => $"/odata/Places?$filter=geo.distance(Location, geography'SRID=4326;{Point(i)}') le 50000&$select=Id,Name,Country",
                i => ($"SELECT id, name, country FROM {CuratedSql.Places} pl WHERE ST_DWithin(pl.location::geography, ST_GeomFromText(@p, 4326)::geography, 50000) ORDER BY id LIMIT 201",
                    new() { ["p"] = Point(i) })),
            // Through the navigation; a page is 200 rows, and the SQL reads the same page (+1 row that says there is a next one).
            new("geo.distance le 50 km through Place/Location (practices)",
                i => $"/odata/Practices?$filter=geo.distance(Place/Location, geography'SRID=4326;{Point(i)}') le 50000&$select=Id,Title",
                i => ($"""
                    SELECT p.id, p.title FROM {CuratedSql.Practices} p JOIN {CuratedSql.Places} pl ON pl.id = p.place_id
                     WHERE ST_DWithin(pl.location::geography, ST_GeomFromText(@p, 4326)::geography, 50000) ORDER BY p.id LIMIT 201
                    """, new() { ["p"] = Point(i) })),
        };

        const int port = 5191;
        using var service = await StartServiceAsync(repo, port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Atlas"] = cs,
            ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "atlas-bench-odata-index"),
            ["Protection__ODataPermits"] = "1000000000", // one client on purpose: no rate limit here
            ["Protection__SearchPermits"] = "1000000000",
            ["Cache__Enabled"] = "false",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // The service builds its search index at start; wait for it, so that the build does not share the cores with the run.
        clock.Restart();
        while (!(await http.GetAsync("/api/search?q=energy")).IsSuccessStatusCode) await Task.Delay(500);
        Console.WriteLine($"search index built by the service: {clock.Elapsed.TotalSeconds:F1} s");
        await using var source = NpgsqlDataSource.Create(cs);

        foreach (var pair in pairs)
        {
            var probe = await http.GetAsync(pair.Url(0));
            if (!probe.IsSuccessStatusCode)
            {
                Console.WriteLine($"{pair.Name}: the service answers {(int)probe.StatusCode}: {await probe.Content.ReadAsStringAsync()}");
                continue;
            }
            // Warm-up to steady state (tiered JIT, plan caches, page cache), then alternate the two sides round by
            // round so that both see the same machine.
            for (var i = 0; i < 20; i++) { await TimeGetAsync(http, pair.Url(i)); await TimeSqlAsync(source, pair.Sql(i).Sql, pair.Sql(i).Args); }
            List<double> odata = [], sql = [];
            for (var i = 0; i < rounds; i++)
            {
                odata.Add(await TimeGetAsync(http, pair.Url(i)));
                sql.Add(await TimeSqlAsync(source, pair.Sql(i).Sql, pair.Sql(i).Args));
            }
            Report($"OData  {pair.Name}", odata);
            Report($"SQL    {pair.Name}", sql);
            Console.WriteLine($"ratio  {pair.Name}: p50 {Percentile(odata, 50) / Percentile(sql, 50):F2}x, p95 {Percentile(odata, 95) / Percentile(sql, 95):F2}x");
        }
        Console.WriteLine($"service memory after the run: RSS {Rss(service)}");
        service.Kill(entireProcessTree: true);
        await service.WaitForExitAsync();
    }
}
