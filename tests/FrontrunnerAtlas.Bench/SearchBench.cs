using System.Diagnostics;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Map;
using FrontrunnerAtlas.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using static FrontrunnerAtlas.Bench.BenchSupport;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// Search benchmark: a synthetic multilingual catalogue in a real PostgreSQL, the index built from it, then a mix of
/// queries with facets timed in-process (raw Lucene through SearchService) and over HTTP against the real service on
/// Kestrel. Run with `./atlas bench search [--practices N] [--places N] [--rounds N]`.
/// </summary>
internal static class SearchBench
{
    public static async Task RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench.");
        var practices = Arg(args, "--practices", 100_000);
        var places = Arg(args, "--places", 2_000);
        var rounds = Arg(args, "--rounds", 20);
        var repo = FindRepo();
        var hunspell = HunspellStemmers.Apply(args);
        var database = "atlas_bench";
        var indexPath = Path.Combine(Path.GetTempPath(), "atlas-bench-index");

        Console.WriteLine($"Search benchmark: {practices:N0} synthetic practices, {places:N0} places; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

        // 1. Catalogue.
        var cs = await CreateSyntheticAsync(server, database, places, practices);
        var clock = Stopwatch.StartNew();

        // 2. Index build, in-process.
        using var host = IndexHost(cs, indexPath);
        var indexer = host.Services.GetRequiredService<SearchIndexer>();
        // The import's garbage (100,000 tracked entities) is not the rebuild's to pay for.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var index = host.Services.GetRequiredService<SearchIndex>();
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
            requests.Add(new SearchRequest(w, ["practice"], [r.Next(2) == 0 ? "energy" : "mobility"], [], [], [], [], null, 1, 20));
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
        if (args.Contains("--per-query")) PerQuery(host, requests, words, rounds);

        if (hunspell.Count > 0)
        {
            // The service has only its built-in stemmers: it would search this index with other terms than it holds.
            Console.WriteLine("--hunspell: raw Lucene only (the service does not ship Hunspell stemming)");
            return;
        }

        // 4. The same mix over HTTP against the real service on Kestrel (its own process, on the index just built):
        // once with the cache off (the search itself), once as shipped (first asking: a cache miss; asked again: a hit).
        var port = Arg(args, "--port", 5190); // another checkout may run this benchmark at the same time
        var api = Path.Combine(repo, "api", "bin", "Release", "net10.0", "FrontrunnerAtlas.Api.dll");
        var urls = requests.Select(Url).ToList();
        index.Dispose(); // release the index folder's write lock for the service
        List<double> overHttp = [];
        foreach (var cacheOn in new[] { false, true })
        {
            using var service = await StartServiceAsync(repo, port, new Dictionary<string, string>
            {
                ["ConnectionStrings__Atlas"] = cs,
                ["Search__IndexPath"] = indexPath,
                ["Protection__SearchPermits"] = "1000000000", // one client on purpose: no rate limit here
                ["Cache__Enabled"] = cacheOn ? "true" : "false",
            });
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            for (var round = 0; round < 5; round++) foreach (var u in urls) (await http.GetAsync(Sized(u, 100 - round))).EnsureSuccessStatusCode();
            // /api/search refuses parameters it does not know, so a request new to the cache differs in its page size
            // (warm-up: 96-100 hits; measured misses: 10, 11, 12, … one size per round, never a size asked before).
            static string Sized(string u, int size) => u.Replace("size=20", $"size={size}");
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
                overHttp = await TimeHttp((u, _) => u);
                Report("HTTP /api/search, cache off (Kestrel, loopback, JSON)", overHttp);
            }
            else
            {
                Report("HTTP /api/search, cache on, first asking (miss)", await TimeHttp((u, round) => Sized(u, 10 + round)));
                Report("HTTP /api/search, cache on, asked again (hit)", await TimeHttp((u, _) => u));
            }
            Console.WriteLine($"service memory after the run (cache {(cacheOn ? "on" : "off")}): RSS {Rss(service)}");
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
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
    }

    /// <summary>
    /// The thesaurus's own cost, query string by query string: the same requests with it off and on, interleaved
    /// round by round in one process, so both see the same machine load (the shared machine changes from minute to minute).
    /// </summary>
    private static void PerQuery(IHost host, List<SearchRequest> requests, string[] words, int rounds)
    {
        var index = host.Services.GetRequiredService<SearchIndex>();
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>();
        var off = new SearchService(index, options, Thesaurus.Empty);
        var on = host.Services.GetRequiredService<SearchService>();
        var times = words.ToDictionary(w => w, _ => (Off: new List<double>(), On: new List<double>()));
        for (var round = 0; round < rounds; round++)
            foreach (var q in requests)
            {
                var t = Stopwatch.GetTimestamp();
                off.Search(q);
                times[q.Query!].Off.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
                on.Search(q);
                times[q.Query!].On.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        Console.WriteLine("| query | thesaurus off p50 / p95 | on p50 / p95 |");
        Console.WriteLine("|---|---|---|");
        foreach (var (w, (o, n)) in times)
            Console.WriteLine($"| {w} | {Percentile(o, 50):F2} / {Percentile(o, 95):F2} ms | {Percentile(n, 50):F2} / {Percentile(n, 95):F2} ms |");
        Report("raw Lucene, thesaurus off (interleaved)", times.Values.SelectMany(v => v.Off).ToList());
        Report("raw Lucene, thesaurus on (interleaved)", times.Values.SelectMany(v => v.On).ToList());
    }

    private static long DirSize(string path) => Directory.GetFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}
