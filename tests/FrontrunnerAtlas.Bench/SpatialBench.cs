using System.Diagnostics;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// `./atlas bench odata`: OData's geo.distance le 50 km, over HTTP against the real service, next to the SQL that EF
/// Core sends for it run through Npgsql in this process, request by request in the same run (10,000 synthetic
/// places and 100,000 practices by default). Goal (issue 10): p95 at most 10 ms and at most 1.5x the SQL's.
/// </summary>
internal static class SpatialBench
{
    // The statements EF Core sends for the two OData queries below (copied from its command log, parameters as it
    // types them: the point as geography, the page size plus one that tells OData whether a next page exists).
    private const string PlacesSql = """
        SELECT p.id, p.name, p.population
        FROM places AS p
        WHERE p.status = 'published'::publication_status AND ST_DWithin(p.location::geography, @Value, @Value1)
        ORDER BY (SELECT 1) DESC, p.id
        LIMIT @TypedProperty3
        """;

    private const string PracticesSql = """
        SELECT p.id, p.title
        FROM practices AS p
        LEFT JOIN (
            SELECT p0.id, p0.location
            FROM places AS p0
            WHERE p0.status = 'published'::publication_status
        ) AS p1 ON p.place_id = p1.id
        WHERE p.status = 'published'::publication_status AND ST_DWithin(p1.location::geography, @Value, @Value1)
        ORDER BY (SELECT 1) DESC, p.id
        LIMIT @TypedProperty3
        """;

    private const int Metres = 50_000;
    private const int PageSize = 200;

    public static async Task RunAsync(string server, string[] args)
    {
        var places = BenchKit.Arg(args, "--places", 10_000);
        var practices = BenchKit.Arg(args, "--practices", 100_000);
        var rounds = BenchKit.Arg(args, "--rounds", 20);
        Console.WriteLine($"OData spatial benchmark: {places:N0} synthetic places, {practices:N0} practices; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        var cs = await BenchKit.ImportAsync(server, "atlas_bench_odata", places, practices);

        var builder = new NpgsqlDataSourceBuilder(cs);
        builder.UseNetTopologySuite(geographyAsDefault: true);
        await using var sql = builder.Build();
        // 50 centres spread over the catalogue: the points of every n-th place, so each query is near real places.
        var centres = new List<Point>();
        await using (var cmd = sql.CreateCommand("SELECT longitude, latitude FROM places WHERE location IS NOT NULL ORDER BY id"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            for (var i = 0; await reader.ReadAsync(); i++)
                if (i % Math.Max(1, places / 50) == 0) centres.Add(new Point(reader.GetDouble(0), reader.GetDouble(1)) { SRID = 4326 });

        using var service = await BenchKit.StartServiceAsync(BenchKit.FindRepo(), 5191, new Dictionary<string, string>
        {
            ["ConnectionStrings__Atlas"] = cs,
            ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "atlas-bench-odata-index"),
            ["Protection__ODataPermits"] = "1000000000", // one client on purpose: no rate limit here
            ["Protection__SearchPermits"] = "1000000000",
            ["OData__PageSize"] = PageSize.ToString(),
        });
        // The service builds its search index at start; the run waits for it, so the build does not share the cores.
        var clock = Stopwatch.StartNew();
        while (!(await service.Http.GetAsync("/api/search?q=energy")).IsSuccessStatusCode) await Task.Delay(500);
        Console.WriteLine($"search index built by the service: {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (name, set, property, statement) in new[]
                 {
                     ("places within 50 km", "Places", "Location", PlacesSql),
                     ("practices within 50 km of their place", "Practices", "Place/Location", PracticesSql),
                 })
        {
            string Url(Point c) =>
                $"/odata/{set}?$filter=geo.distance({property}, geography'SRID=4326;POINT({c.X} {c.Y})') le {Metres}&$select=Id,{(set == "Places" ? "Name,Population" : "Title")}";
            var (http, raw, rows) = (new List<double>(), new List<double>(), 0L);
            // Warm-up rounds first (tiered JIT, plans, page cache), then both timed one after the other per centre.
            for (var round = -5; round < rounds; round++)
                foreach (var centre in centres)
                {
                    var t = Stopwatch.GetTimestamp();
                    var count = await RunSqlAsync(sql, statement, centre);
                    var sqlMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    t = Stopwatch.GetTimestamp();
                    using var response = await service.Http.GetAsync(Url(centre));
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                    var httpMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    if (round < 0) continue;
                    raw.Add(sqlMs);
                    http.Add(httpMs);
                    rows += count;
                }
            Console.WriteLine($"{name}: {rows / (double)raw.Count:F0} rows per answer on average (pages of {PageSize})");
            BenchKit.Report($"  SQL through Npgsql", raw);
            BenchKit.Report($"  OData over HTTP (Kestrel, loopback, JSON)", http);
            Console.WriteLine($"  OData / SQL: p50 {BenchKit.Percentile(http, 50) / BenchKit.Percentile(raw, 50):F2}x, p95 {BenchKit.Percentile(http, 95) / BenchKit.Percentile(raw, 95):F2}x");
        }
    }

    private static async Task<int> RunSqlAsync(NpgsqlDataSource source, string statement, Point centre)
    {
        await using var cmd = source.CreateCommand(statement);
        cmd.Parameters.Add(new NpgsqlParameter("Value", NpgsqlDbType.Geography) { Value = centre });
        cmd.Parameters.Add(new NpgsqlParameter("Value1", (double)Metres));
        cmd.Parameters.Add(new NpgsqlParameter("TypedProperty3", PageSize + 1));
        await using var reader = await cmd.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
            count++;
        }
        return count;
    }
}
