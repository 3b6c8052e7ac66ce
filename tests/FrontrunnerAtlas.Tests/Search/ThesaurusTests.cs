using FrontrunnerAtlas.Api.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>The thesaurus file, its validation, and what its expansion does to a search (in process, no database).</summary>
public sealed class ThesaurusTests
{
    private static readonly Thesaurus Shipped = Thesaurus.Default();

    [Fact]
    public void The_shipped_thesaurus_loads_with_every_required_language()
    {
        Assert.True(Shipped.Concepts.Count >= 200, $"{Shipped.Concepts.Count} concepts");
        Assert.All(Shipped.Concepts, c => Assert.All(Thesaurus.RequiredLanguages, l => Assert.False(string.IsNullOrWhiteSpace(c.PrefLabel[l]), $"{c.Id} {l}")));
        Assert.All(Shipped.Concepts, c => Assert.Contains(c.Group, Thesaurus.Groups));
        // Every group of the brief has concepts.
        Assert.All(Thesaurus.Groups, g => Assert.Contains(Shipped.Concepts, c => c.Group == g));
    }

    [Theory]
    // Inflected forms meet the label after their language's analysis.
    [InlineData("kaupunkipyörä", "bike-sharing", "kaupunkipyörä")]
    [InlineData("kaupunkipyörät", "bike-sharing", "kaupunkipyörä")]
    [InlineData("rowery miejskie", "bike-sharing", "rower miejski")]
    [InlineData("rowerów miejskich", "bike-sharing", "rower miejski")]
    [InlineData("velosipēdu koplietošana", "bike-sharing", "velosipēdu koplietošana")]
    [InlineData("rattaringluse", "bike-sharing", "rattaringlus")]
    [InlineData("savivaldybės", "municipality", "savivaldybė")]
    [InlineData("district heating", "district-heating", "district heating")]
    // Typed without diacritics: the folded label still meets it.
    [InlineData("kaupunkipyora", "bike-sharing", "bike sharing")]
    public void A_label_in_any_language_finds_its_concept(string text, string concept, string label)
    {
        var found = Shipped.Match(text);
        Assert.Contains(found, f => f.Concept.Id == concept && f.Label == label);
    }

    [Theory]
    [InlineData("zzqxv")]
    [InlineData("Valga")]
    public void Other_words_find_no_concept(string text) => Assert.Empty(Shipped.Match(text));

    private const string Good = """{"id":"bike-sharing","group":"mobility","prefLabel":{"en":"bike sharing","et":"rattaringlus","lv":"velosipēdu koplietošana","lt":"dviračių dalijimasis","fi":"kaupunkipyörä","pl":"rower miejski"}}""";

    [Theory]
    [InlineData("""[{"id":"bikes","group":"mobility","prefLabel":{"en":"bike sharing","et":"rattaringlus","lv":"velosipēdu koplietošana","fi":"kaupunkipyörä","pl":"rower miejski"}}]""", "concept 'bikes'", "lt")]
    [InlineData("""[{"id":"bikes","group":"sport","prefLabel":{"en":"bike sharing","et":"rattaringlus","lv":"velosipēdu koplietošana","lt":"dviračių dalijimasis","fi":"kaupunkipyörä","pl":"rower miejski"}}]""", "concept 'bikes'", "group")]
    [InlineData("[" + Good + "," + Good + "]", "concept 'bike-sharing'", "twice")]
    [InlineData("""[{"id":"bikes","group":"mobility","prefLabel":{"en":"bike sharing","et":"rattaringlus","lv":"velosipēdu koplietošana","lt":"dviračių dalijimasis","fi":"kaupunkipyörä","pl":"rower miejski","xx":"bikes"}}]""", "concept 'bikes'", "'xx'")]
    [InlineData("""[{"id":"bikes","group":"mobility","prefLabel":{"en":"the","et":"rattaringlus","lv":"velosipēdu koplietošana","lt":"dviračių dalijimasis","fi":"kaupunkipyörä","pl":"rower miejski"}}]""", "concept 'bikes'", "no searchable word")]
    [InlineData("""{"concepts":[]}""", "thesaurus.json", "array")]
    public void A_bad_file_is_a_clear_error_naming_the_concept(string json, string names, string says)
    {
        var ex = Assert.Throws<ThesaurusException>(() => Thesaurus.Parse(json, "thesaurus.json"));
        Assert.Contains(names, ex.Message);
        Assert.Contains(says, ex.Message);
    }

    [Fact]
    public void A_file_named_in_the_settings_that_is_missing_is_an_error()
    {
        var ex = Assert.Throws<ThesaurusException>(() => Thesaurus.LoadFile("/nonexistent/concepts.json"));
        Assert.Contains("/nonexistent/concepts.json", ex.Message);
    }

    private static readonly SearchRecord[] Records =
    [
        // Written in Estonian with the Estonian word.
        SearchCorpus.Record("practice", "p-et", "Rattaringlus Tartus", localText: "Tartu rattaringlus on populaarne.", language: "et"),
        // Written in Finnish only: found from Estonian through the concept.
        SearchCorpus.Record("practice", "p-fi", "Kaupunkipyörät Turussa", localText: "Kaupunkipyörät ovat suosittuja.", language: "fi"),
        SearchCorpus.Record("practice", "p-other", "Keskväljak", localText: "Valga uus keskväljak.", language: "et"),
    ];

    [Fact]
    public void Original_language_matches_rank_above_expanded_ones_and_say_their_concept()
    {
        using var corpus = new Corpus(Records);
        var on = corpus.Search(Shipped, "rattaringlus");
        Assert.Equal(["p-et", "p-fi"], on.Hits.Select(h => h.Id));
        Assert.True(on.Hits[0].Score > on.Hits[1].Score);
        Assert.All(on.Hits, h => Assert.Equal([new ConceptRef("bike-sharing", "rattaringlus")], h.Concepts));
        // The Finnish word found in the Finnish text is highlighted.
        Assert.Contains("<mark>", string.Join(' ', on.Hits[1].Highlights));

        var off = corpus.Search(null, "rattaringlus");
        Assert.Equal(["p-et"], off.Hits.Select(h => h.Id));
        Assert.Empty(off.Hits[0].Concepts);

        Assert.Empty(corpus.Search(Shipped, "zzqxv").Hits);
    }

    [Theory]
    [InlineData("valga")]
    [InlineData("tartu populaarne")]
    [InlineData("\"tartu rattaringlus\"")]
    public void A_query_without_concepts_ranks_as_before(string query)
    {
        using var corpus = new Corpus(Records);
        var on = corpus.Search(Shipped, query);
        var off = corpus.Search(null, query);
        Assert.Equal(off.Hits.Select(h => (h.Id, h.Score)), on.Hits.Select(h => (h.Id, h.Score)));
        Assert.All(on.Hits, h => Assert.Empty(h.Concepts));
    }

    private static readonly List<string> EstonianStem = AtlasAnalyzers.Terms(AtlasAnalyzers.For("et"), "text_et", "rattaringlus");

    [Fact]
    public void A_concept_expands_only_into_labels_the_index_holds_and_follows_the_index_when_it_changes()
    {
        using var corpus = new Corpus(Records);
        var bikes = Shipped.Concepts.Single(c => c.Id == "bike-sharing");
        using (var lease = corpus.Index.Acquire())
        {
            var e = Thesaurus.Expansion(bikes, lease.Searcher.IndexReader)!;
            // Estonian and Finnish labels occur in the texts; the Polish, Latvian, German... labels occur nowhere.
            Assert.Contains(e.LabelTerms, l => l.Field == "text_et" && l.Tokens.SequenceEqual(EstonianStem));
            Assert.Contains(e.LabelTerms, l => l.Field == "text_fi");
            Assert.DoesNotContain(e.LabelTerms, l => l.Field is "text_pl" or "text_lv" or "text_lt" or "text_de");
            Assert.All(e.LabelTerms, l => Assert.All(l.Tokens, t => Assert.True(lease.Searcher.IndexReader.DocFreq(new Lucene.Net.Index.Term(l.Field, t)) > 0, $"{l.Field}:{t}")));
            Assert.Equal(e.LabelTerms.Count, e.LabelTerms.Select(l => l.Field + " " + string.Join(' ', l.Tokens)).Distinct().Count());
            // A concept none of whose labels occur has no expansion at all.
            Assert.Null(Thesaurus.Expansion(Shipped.Concepts.Single(c => c.Id == "district-heating"), lease.Searcher.IndexReader));
        }
        Assert.DoesNotContain(corpus.Search(Shipped, "rattaringlus").Hits, h => h.Id == "p-pl");

        // A Polish practice arrives: the next reader expands into the Polish label, and the hit says its concept.
        corpus.Index.Apply([SearchCorpus.Record("practice", "p-pl", "Rower miejski w Gdańsku", localText: "Rower miejski jest popularny.", language: "pl")], [], 1, "thesaurus");
        var after = corpus.Search(Shipped, "rattaringlus");
        Assert.Equal("p-et", after.Hits[0].Id);
        var polish = Assert.Single(after.Hits, h => h.Id == "p-pl");
        Assert.Equal([new ConceptRef("bike-sharing", "rattaringlus")], polish.Concepts);
        using (var lease = corpus.Index.Acquire())
            Assert.Contains(Thesaurus.Expansion(bikes, lease.Searcher.IndexReader)!.LabelTerms, l => l.Field == "text_pl");
    }

    [Fact]
    public void A_label_that_is_the_typed_words_is_not_searched_twice_but_its_hits_still_name_the_concept()
    {
        using var corpus = new Corpus(Records);
        using var lease = corpus.Index.Acquire();
        var reader = lease.Searcher.IndexReader;
        var matched = new List<MatchedConcept>();
        var query = QueryBuilder.Build(QueryLanguage.Parse("rattaringlus"), new MatchTerms(), QueryBuilder.FieldsIn(reader), Shipped, reader, 0.25f, matched).ToString();
        // Once as typed, not again as the Estonian label; the Finnish label is the expansion.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(query, $"text_et:{EstonianStem[0]}\\b"));
        Assert.Contains("text_fi:", query);
        Assert.Equal("bike-sharing", Assert.Single(matched).Concept.Id);
        // The Estonian practice, found through the words as typed, still says which concept it is about.
        var hit = corpus.Search(Shipped, "rattaringlus").Hits.Single(h => h.Id == "p-et");
        Assert.Equal([new ConceptRef("bike-sharing", "rattaringlus")], hit.Concepts);
    }

    private sealed class Corpus : IDisposable
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), "atlas-test-corpus", Guid.NewGuid().ToString("N"));
        private readonly SearchIndex _index;
        public SearchIndex Index => _index;

        public Corpus(SearchRecord[] records)
        {
            _index = new SearchIndex(Microsoft.Extensions.Options.Options.Create(new SearchOptions { IndexPath = _path }), NullLogger<SearchIndex>.Instance);
            _index.RebuildAsync(add => add(records), 0, "thesaurus").GetAwaiter().GetResult();
        }

        public SearchResponse Search(Thesaurus? thesaurus, string q) =>
            new SearchService(_index, Microsoft.Extensions.Options.Options.Create(new SearchOptions()), thesaurus).Search(SearchCorpus.Request(q));

        public void Dispose()
        {
            _index.Dispose();
            try { Directory.Delete(_path, true); } catch (IOException) { }
        }
    }
}
