using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Globalization;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Map;
using FrontrunnerAtlas.Api.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Search benchmark: a synthetic multilingual catalogue in a real PostgreSQL, the index built from it,
// then a mix of queries with facets timed in-process (raw Lucene through SearchService) and over HTTP
// against the real service on Kestrel. Run with `./atlas bench search [--practices N] [--places N]`.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var server = Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench.");
if (args.FirstOrDefault() == "towns")
{
    await TownsBench.RunAsync(server, FindRepo(), Arg("--rounds", 50));
    return;
}
var practices = Arg("--practices", 100_000);
var places = Arg("--places", 2_000);
var rounds = Arg("--rounds", 20);
var repo = FindRepo();
var database = "atlas_bench";
var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, Timeout = 60, CommandTimeout = 600 }.ConnectionString;
var indexPath = Path.Combine(Path.GetTempPath(), "atlas-bench-index");

Console.WriteLine($"Search benchmark: {practices:N0} synthetic practices, {places:N0} places; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

// 1. Catalogue.
await Exec(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
await Exec(server, $"CREATE DATABASE {database}");
var options = new DbContextOptionsBuilder<AtlasDbContext>();
AtlasDbContext.Configure(options, cs);
var clock = Stopwatch.StartNew();
await using (var db = new AtlasDbContext(options.Options))
{
    await db.Database.MigrateAsync();
    await new CatalogueImporter(db).ImportAsync(SyntheticCatalogue.Generate(places, practices, seed: 2026));
}
Console.WriteLine($"import into PostgreSQL: {clock.Elapsed.TotalSeconds:F1} s");
// A service starts on a settled database, not in the wake of a bulk import.
clock.Restart();
await Exec(cs, "VACUUM ANALYZE");
Console.WriteLine($"VACUUM ANALYZE: {clock.Elapsed.TotalSeconds:F1} s");

// 2. Index build, in-process.
var builder = Host.CreateApplicationBuilder();
builder.Configuration["ConnectionStrings:Atlas"] = cs;
builder.Configuration["Search:IndexPath"] = indexPath;
builder.Logging.ClearProviders();
builder.Services.AddAtlasInfrastructure(builder.Configuration).AddSearch(builder.Configuration);
using var host = builder.Build();
var indexer = host.Services.GetRequiredService<SearchIndexer>();
// The import's garbage (100,000 tracked entities) is not the rebuild's to pay for.
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var index = host.Services.GetRequiredService<SearchIndex>();
if (Directory.Exists(indexPath)) Directory.Delete(indexPath, true);
clock.Restart();
await indexer.SyncAsync(CancellationToken.None);
var build = clock.Elapsed;
Console.WriteLine($"index build (full, from PostgreSQL): {build.TotalSeconds:F1} s, {index.DocumentCount:N0} documents, {DirSize(indexPath) / 1e6:F0} MB on disk");

// 3. Query mix.
string[] words = ["energy", "mobility", "cycling network", "\"district heating\"", "solar*", "renov*", "retrofit -bus", "green corridor",
    "energia", "linn koostöö", "miasto", "klimaneutral", "enrgy", "title:solar", "participatory budget", "kommune", "mobilitet",
    "data platform", "central square", "energiatehokkuus"];
var requests = new List<SearchRequest>();
var r = new Random(7);
foreach (var w in words)
{
    requests.Add(new SearchRequest(w, [], [], [], [], [], [], null, 1, 20));
    requests.Add(new SearchRequest(w, ["practice"], [r.Next(2) == 0 ? "Energy" : "Mobility"], [], [], [], [], null, 1, 20));
    string[] country = [new[] { "DE", "PL", "EE" }[r.Next(3)]];
    requests.Add(new SearchRequest(w, [], [], [], [], country, [], new BoundingBox(-10, 35, 30, 65), 1, 20));
}
var search = host.Services.GetRequiredService<SearchService>();
// Warm-up to steady state, as a running service is: tiered JIT, facet arrays, OS page cache.
for (var round = 0; round < 5; round++) foreach (var q in requests) search.Search(q);
var raw = new List<double>();
for (var round = 0; round < rounds; round++)
    foreach (var q in requests)
    {
        var t = Stopwatch.GetTimestamp();
        search.Search(q);
        raw.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
Report("raw Lucene (SearchService, in-process)", raw);

// 4. The same mix over HTTP against the real service on Kestrel (its own process, on the index just built):
// once with the cache off (the search itself), once as shipped (first asking: a cache miss; asked again: a hit).
var port = 5190;
var urls = requests.Select(Url).ToList();
index.Dispose(); // release the index folder's write lock for the service
List<double> overHttp = [];
foreach (var cacheOn in new[] { false, true })
{
    clock.Restart();
    await using var service = await BenchService.StartAsync(repo, port, new Dictionary<string, string>
    {
        ["ConnectionStrings__Atlas"] = cs,
        ["Search__IndexPath"] = indexPath,
        ["Protection__SearchPermits"] = "1000000000", // one client on purpose: no rate limit here
        ["Cache__Enabled"] = cacheOn ? "true" : "false",
    });
    var http = service.Http;
    Console.WriteLine($"service start to healthy (index reopened, cache {(cacheOn ? "on" : "off")}): {clock.Elapsed.TotalSeconds:F1} s");
    for (var round = 0; round < 5; round++) foreach (var u in urls) (await http.GetAsync($"{u}&warm={round}")).EnsureSuccessStatusCode();
    async Task<List<double>> TimeHttp(Func<string, int, string> url)
    {
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
            foreach (var u in urls)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url(u, round));
                await response.Content.ReadAsByteArrayAsync();
                times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        return times;
    }
    if (!cacheOn)
    {
        overHttp = await TimeHttp((u, round) => $"{u}&round={round}");
        Report("HTTP /api/search, cache off (Kestrel, loopback, JSON)", overHttp);
    }
    else
    {
        // A parameter the endpoint ignores makes each request new to the cache.
        Report("HTTP /api/search, cache on, first asking (miss)", await TimeHttp((u, round) => $"{u}&round={round}"));
        Report("HTTP /api/search, cache on, asked again (hit)", await TimeHttp((u, _) => u));
    }
    Console.WriteLine($"service memory after the run (cache {(cacheOn ? "on" : "off")}): RSS {service.ResidentMemory()}");
}
Console.WriteLine($"HTTP p95 (cache off) / raw p95: {Percentile(overHttp, 95) / Percentile(raw, 95):F2}x");
return;

string Url(SearchRequest q)
{
    var parts = new List<string> { "q=" + Uri.EscapeDataString(q.Query ?? ""), "size=20" };
    parts.AddRange(q.Types.Select(t => "type=" + t));
    parts.AddRange(q.Themes.Select(t => "theme=" + t));
    parts.AddRange(q.Countries.Select(c => "country=" + c));
    if (q.Bbox is { } b) parts.Add("bbox=" + b);
    return "/api/search?" + string.Join('&', parts);
}

static void Report(string name, List<double> ms) =>
    Console.WriteLine($"{name}: n={ms.Count} p50={Percentile(ms, 50):F2} ms p95={Percentile(ms, 95):F2} ms p99={Percentile(ms, 99):F2} ms mean={ms.Average():F2} ms");

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static async Task Exec(string cs, string sql)
{
    var b = new NpgsqlConnectionStringBuilder(cs);
    if (!sql.StartsWith("VACUUM")) b.Database = "postgres";
    await using var conn = new NpgsqlConnection(b.ConnectionString);
    await conn.OpenAsync();
    await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
}

static long DirSize(string path) => Directory.GetFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

static string FindRepo()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "FrontrunnerAtlas.sln"))) return d.FullName;
    throw new InvalidOperationException("Repository not found.");
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
