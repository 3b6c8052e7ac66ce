using System.Text.Json;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Search;
using static FrontrunnerAtlas.Bench.BenchSupport;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// Recall of the search for planners asking in their own languages, with the thesaurus off and on:
/// `./atlas bench recall [--places N] [--practices N] [--per-topic N]`.
///
/// Seed catalogue: the labelled queries of recall/seed.json (the practices each query should find, written by hand
/// from the practices' texts), over the real data/ imported into PostgreSQL and indexed as the service indexes it.
/// Synthetic catalogue (Bogus, SyntheticCatalogue): every title is "&lt;adjective&gt; &lt;topic&gt; in &lt;place&gt;" with one of
/// ten English topics, so the practices a query "&lt;topic in language L&gt; &lt;place name&gt;" should find are known from the
/// generated titles: those whose title holds the topic and whose place has that name. The topic in each language is
/// recall/synthetic.json; the places are the first with a practice of the topic, in generated order.
///
/// recall@k of a query is the share of its expected practices among the first k hits, out of min(k, expected):
/// a query with 12 right answers that shows 5 of them in its first 5 scores 1.
/// </summary>
internal static class RecallBench
{
    private static readonly string[] Languages = ["en", "et", "lv", "lt", "fi", "pl"];

    private sealed record Labelled(string Language, string Query, HashSet<string> Expect);

    public static async Task RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench.");
        var repo = FindRepo();
        // Before the thesaurus: its labels are analysed with the stemmers of that moment.
        HunspellStemmers.Apply(args);
        var here = Path.Combine(repo, "tests", "FrontrunnerAtlas.Bench", "recall");
        var thesaurus = Thesaurus.Default();
        Console.WriteLine($"Recall benchmark: thesaurus of {thesaurus.Concepts.Count} concepts; languages {string.Join(", ", Languages)}");

        // Seed catalogue.
        var seed = CatalogueImporter.ReadFolder(Path.Combine(repo, "data"));
        var seedQueries = new List<Labelled>();
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(here, "seed.json"))))
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var expect = item.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
                foreach (var missing in expect.Where(id => seed.Practices.All(p => p.Id != id)))
                    throw new InvalidOperationException($"recall/seed.json expects '{missing}', which is not a practice of data/.");
                foreach (var l in Languages) seedQueries.Add(new Labelled(l, item.GetProperty("queries").GetProperty(l).GetString()!, expect));
            }
        await MeasureAsync("seed catalogue", server, "atlas_recall_seed", seed, seedQueries, thesaurus);

        // Synthetic catalogue.
        var places = Arg(args, "--places", 300);
        var practices = Arg(args, "--practices", 3000);
        var perTopic = Arg(args, "--per-topic", 2);
        var synthetic = SyntheticCatalogue.Generate(places, practices, seed: 2026);
        var nameOf = synthetic.Places.ToDictionary(p => p.Id!, p => p.Name!);
        var synQueries = new List<Labelled>();
        using (var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(here, "synthetic.json"))))
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                var topic = item.GetProperty("topic").GetString()!;
                var withTopic = synthetic.Practices.Where(p => p.Title!.Contains($" {topic} in ", StringComparison.Ordinal)).ToList();
                foreach (var name in withTopic.Select(p => nameOf[p.PlaceId!]).Distinct().Take(perTopic))
                {
                    var expect = withTopic.Where(p => nameOf[p.PlaceId!] == name).Select(p => p.Id!).ToHashSet();
                    foreach (var l in Languages) synQueries.Add(new Labelled(l, $"{item.GetProperty("queries").GetProperty(l).GetString()} {name}", expect));
                }
            }
        await MeasureAsync($"synthetic catalogue ({places:N0} places, {practices:N0} practices, seed 2026)", server, "atlas_recall_synthetic", synthetic, synQueries, thesaurus);
    }

    private static async Task MeasureAsync(string name, string server, string database, CatalogueBundle bundle, List<Labelled> queries, Thesaurus thesaurus)
    {
        var cs = await CreateCatalogueAsync(server, database, bundle);
        var indexPath = Path.Combine(Path.GetTempPath(), "atlas-recall-index-" + database);
        using var host = await BuildIndexAsync(cs, indexPath);
        var index = host.Services.GetService(typeof(SearchIndex)) as SearchIndex ?? throw new InvalidOperationException("no index");
        var options = Microsoft.Extensions.Options.Options.Create(new SearchOptions());
        Console.WriteLine();
        Console.WriteLine($"{name}: {queries.Count} queries ({queries.Count / Languages.Length} per language)");
        Console.WriteLine("| language | queries | recall@5 off | recall@10 off | recall@5 on | recall@10 on |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var misses = new List<string>();
        foreach (var language in Languages.Append("all"))
        {
            var mine = queries.Where(q => language == "all" || q.Language == language).ToList();
            var row = new List<double>();
            foreach (var t in new[] { null, thesaurus })
            {
                var service = new SearchService(index, options, t);
                double at5 = 0, at10 = 0;
                foreach (var q in mine)
                {
                    var ids = service.Search(new SearchRequest(q.Query, [SearchSource.Practice], [], [], [], [], [], null, 1, 10)).Hits.Select(h => h.Id).ToList();
                    double Recall(int k) => ids.Take(k).Count(q.Expect.Contains) / (double)Math.Min(k, q.Expect.Count);
                    at5 += Recall(5);
                    at10 += Recall(10);
                    if (t is not null && language != "all" && Recall(5) < 1) misses.Add($"  {q.Language} \"{q.Query}\": recall@5 {Recall(5):F2} (expects {string.Join(", ", q.Expect.Take(3))}{(q.Expect.Count > 3 ? ", …" : "")})");
                }
                row.Add(at5 / mine.Count);
                row.Add(at10 / mine.Count);
            }
            Console.WriteLine($"| {language} | {mine.Count} | {row[0]:F2} | {row[1]:F2} | {row[2]:F2} | {row[3]:F2} |");
        }
        if (misses.Count > 0)
        {
            Console.WriteLine("with the thesaurus on, below 1 at 5:");
            foreach (var m in misses) Console.WriteLine(m);
        }
        index.Dispose();
        try { Directory.Delete(indexPath, true); } catch (IOException) { }
    }
}
