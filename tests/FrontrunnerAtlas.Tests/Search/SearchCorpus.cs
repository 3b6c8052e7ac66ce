using FrontrunnerAtlas.Api.Search;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>
/// A few records in the shape of the catalogue's, indexed in process with the service's own documents,
/// analyzers and <see cref="SearchService"/>: no database, no HTTP. One instance per test class.
/// </summary>
public sealed class SearchCorpus : IDisposable
{
    public static readonly SearchOptions Options = new();

    public static SearchRecord Record(string type, string id, string title, string? summary = null,
        string? localTitle = null, string? localText = null, string? language = null, string? placeId = null,
        string? placeName = null, double? lat = null, double? lon = null, string[]? themes = null, string[]? tags = null,
        string? role = null, string? country = null, string[]? initiatives = null) =>
        new(type, id, title, summary, null, localTitle, localText, language, placeId, placeName, null, lat, lon,
            themes ?? [], tags ?? [], role is null ? [] : [role], country is null ? [] : [country], initiatives ?? []);

    public static readonly SearchRecord[] Records =
    [
        Record("place", "lv-kuldiga", "Kuldīga", "A town in western Latvia with an old town on the UNESCO list.", localTitle: "Kuldīga",
            language: "lv", placeId: "lv-kuldiga", placeName: "Kuldīga", lat: 56.97, lon: 21.96, themes: ["spatial_planning"],
            tags: ["heritage"], role: "frontrunner", country: "LV", initiatives: ["lli-431-smart-planning"]),
        Record("practice", "p-tartu-bikes", "Bike-sharing system", "Tartu runs a bike-sharing system with electric bikes.",
            "Rattaringlus", "Tartu linnas on rattaringlust kasutanud tuhanded elanikud.", "et", "ee-tartu", "Tartu", 58.38, 26.72,
            ["mobility", "energy"], ["bike"], "frontrunner", "EE", ["estonian-smart-cities-club"]),
        Record("practice", "p-valga-square", "New central square", "Valga rebuilt its central square next to the border with Valka.",
            localText: "Valga uus keskväljak", language: "et", placeId: "ee-valga", placeName: "Valga", lat: 57.78, lon: 26.05,
            themes: ["spatial_planning"], role: "follower", country: "EE"),
        Record("practice", "p-elva-square", "New central square", "Elva opened a new central square by the lake.",
            language: "et", placeId: "ee-elva", placeName: "Elva", lat: 58.22, lon: 26.42, themes: ["spatial_planning"], role: "peer", country: "EE"),
        Record("practice", "p-ostroleka-planning", "Integrated planning of frontrunner cities", "How frontrunner cities plan energy and space together.",
            "Planowanie zintegrowane", "Doświadczenia miast prekursorów w planowaniu przestrzennym.", "pl", "pl-ostroleka", "Ostrołęka", 53.08, 21.57,
            ["energy", "spatial_planning"], ["planning"], "follower", "PL"),
        Record("practice", "p-kretinga-streets", "Renewed streets of Kretinga", "The town renewed its central streets.",
            localText: "Kretingos miesto gatvių atnaujinimas", language: "lt", placeId: "lt-kretinga", placeName: "Kretinga", lat: 55.89, lon: 21.24,
            themes: ["spatial_planning"], tags: ["heritage"], role: "frontrunner", country: "LT"),
        Record("practice", "p-salo-monitoring", "Monitoring the climate programme", "Salo monitors its environmental programme every year.",
            localText: "Ympäristöohjelman seurannan kehittäminen", language: "fi", placeId: "fi-salo", placeName: "Salo", lat: 60.39, lon: 23.13,
            themes: ["energy"], role: "frontrunner", country: "FI"),
        Record("event", "e-tartu-club", "Smart cities club meeting", "The club meets in Tartu.", language: "et", placeId: "ee-tartu",
            placeName: "Tartu", lat: 58.38, lon: 26.72, themes: ["energy"], role: "frontrunner", country: "EE",
            initiatives: ["estonian-smart-cities-club"]),
    ];

    private readonly string _path = Path.Combine(Path.GetTempPath(), "atlas-test-corpus", Guid.NewGuid().ToString("N"));

    public SearchIndex Index { get; }
    public SearchService Service { get; }

    public SearchCorpus()
    {
        Index = new SearchIndex(Microsoft.Extensions.Options.Options.Create(new SearchOptions { IndexPath = _path }), NullLogger<SearchIndex>.Instance);
        Index.RebuildAsync(add => add(Records), 0, "corpus").GetAwaiter().GetResult();
        Service = new SearchService(Index, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public static SearchRequest Request(string? q, int size = 20, string[]? types = null, string[]? countries = null) =>
        new(q, types ?? [], [], [], [], countries ?? [], [], null, 1, size);

    public SearchResponse Search(string? q, int size = 20) => Service.Search(Request(q, size));

    public List<string> Ids(string? q) => Search(q, 50).Hits.Select(h => h.Id).ToList();

    /// <summary>
    /// An index in memory with one segment per batch (a commit after each, no merging), then the records of the
    /// given keys deleted: for counting over several segments and deletions.
    /// </summary>
    public static DirectoryReader Segments(SearchRecord[][] batches, params string[] deletedKeys)
    {
        var dir = new RAMDirectory();
        var config = new IndexWriterConfig(AtlasAnalyzers.Version, AtlasAnalyzers.PerField()) { MergePolicy = NoMergePolicy.COMPOUND_FILES };
        using (var writer = new IndexWriter(dir, config))
        {
            foreach (var batch in batches)
            {
                foreach (var r in batch) writer.AddDocument(r.ToDocument());
                writer.Commit();
            }
            foreach (var key in deletedKeys) writer.DeleteDocuments(new Term(F.Key, key));
            writer.Commit();
        }
        return DirectoryReader.Open(dir);
    }

    public void Dispose()
    {
        Index.Dispose();
        try { System.IO.Directory.Delete(_path, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}
