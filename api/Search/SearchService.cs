using FrontrunnerAtlas.Api.Infrastructure;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Search;

public sealed record SearchRequest(
    string? Query, IReadOnlyList<string> Types, IReadOnlyList<string> Themes, IReadOnlyList<string> Tags,
    IReadOnlyList<string> Roles, IReadOnlyList<string> Countries, IReadOnlyList<string> Initiatives,
    BoundingBox? Bbox, int Page, int Size);

public sealed record SearchHit(string Id, string Type, string Title, string? PlaceId, float Score, IReadOnlyList<string> Highlights,
    double? Latitude, double? Longitude, IReadOnlyList<ConceptRef> Concepts);

public sealed record SearchFacets(
    IReadOnlyDictionary<string, int> Themes, IReadOnlyDictionary<string, int> Tags, IReadOnlyDictionary<string, int> Roles,
    IReadOnlyDictionary<string, int> Countries, IReadOnlyDictionary<string, int> Initiatives, IReadOnlyDictionary<string, int> Types);

public sealed record SearchResponse(int Total, int Page, int Size, bool Fuzzy, string? DidYouMean, IReadOnlyList<SearchHit> Hits, SearchFacets Facets);

public sealed record Suggestion(string Id, string Type, string Title, string? PlaceId);

/// <summary>Runs searches on the current index: query language, filters, facets, highlights, typo tolerance.</summary>
public sealed class SearchService(SearchIndex index, IOptions<SearchOptions> options, Thesaurus? thesaurus = null)
{

    public SearchResponse Search(SearchRequest request)
    {
        var o = options.Value;
        var clauses = QueryLanguage.Parse(request.Query, o.MaxQueryLength, o.MaxClauses);
        using var lease = index.Acquire();
        var searcher = lease.Searcher;
        var filter = Filter(request);

        var terms = new MatchTerms();
        var matched = new List<MatchedConcept>();
        var (total, top, facets) = Run(searcher, QueryBuilder.Build(clauses, terms, QueryBuilder.FieldsIn(searcher.IndexReader), thesaurus, searcher.IndexReader, o.ExpansionBoost, matched),
            filter, request.Page * request.Size);
        var fuzzy = false;
        string? didYouMean = null;
        if (total == 0 && clauses.Any(c => c.Kind == ClauseKind.Word && !c.Excluded))
        {
            var fuzzyTerms = new MatchTerms();
            var fuzzyQuery = QueryBuilder.BuildFuzzy(clauses, searcher.IndexReader, fuzzyTerms, out didYouMean);
            if (fuzzyQuery is not null)
            {
                (total, top, facets) = Run(searcher, fuzzyQuery, filter, request.Page * request.Size);
                fuzzy = total > 0;
                terms = fuzzyTerms;
                matched.Clear();
                if (!fuzzy) didYouMean = null;
            }
        }

        var hits = new List<SearchHit>();
        var page = top.Skip((request.Page - 1) * request.Size).Take(request.Size).ToList();
        var concepts = ConceptHits.Of(searcher, matched, page.Select(sd => sd.Doc));
        foreach (var sd in page)
        {
            var doc = HitRecord.Of(searcher, sd.Doc);
            var (title, language) = (doc.Title, doc.Language);
            var highlights = new[]
                {
                    Highlighter.Fragment(doc.Summary, "en", terms),
                    Highlighter.Fragment(doc.Local, language, terms),
                }
                .Where(h => h is not null).Cast<string>().ToList();
            if (highlights.Count == 0 && Highlighter.Fragment(title, language, terms) is { } t) highlights.Add(t);
            hits.Add(new SearchHit(doc.Id, doc.Type, title, doc.PlaceId, sd.Score, highlights,
                doc.Latitude, doc.Longitude, concepts.GetValueOrDefault(sd.Doc, [])));
        }
        return new SearchResponse(total, request.Page, request.Size, fuzzy, didYouMean, hits, new SearchFacets(
            facets[F.Theme], facets[F.Tag], facets[F.Role], facets[F.Country], facets[F.Initiative], facets[F.TypeFacet]));
    }

    /// <summary>Ids of one type matching a query, best first: what OData's $search hands to PostgreSQL.</summary>
    public List<string> MatchIds(string type, string query)
    {
        var o = options.Value;
        var clauses = QueryLanguage.Parse(query, o.MaxQueryLength, o.MaxClauses);
        using var lease = index.Acquire();
        var filter = new BooleanQuery { { new TermQuery(new Term(F.Type, type)), Occur.MUST } };
        var terms = new MatchTerms();
        var (total, top, _) = Run(lease.Searcher, QueryBuilder.Build(clauses, terms, QueryBuilder.FieldsIn(lease.Searcher.IndexReader), thesaurus, lease.Searcher.IndexReader, o.ExpansionBoost),
            filter, o.MaxODataMatches);
        if (total == 0 && clauses.Any(c => c.Kind == ClauseKind.Word && !c.Excluded)
            && QueryBuilder.BuildFuzzy(clauses, lease.Searcher.IndexReader, terms, out _) is { } fuzzy)
            (_, top, _) = Run(lease.Searcher, fuzzy, filter, o.MaxODataMatches);
        return top.Select(sd => HitRecord.Of(lease.Searcher, sd.Doc).Id).ToList();
    }

    /// <summary>
    /// MoreLikeThis over the practices of frontrunners: how close each place's practice texts are to a text
    /// describing what a follower wants, as place id → similarity in 0..1 (1 for the closest place).
    /// </summary>
    public Dictionary<string, double> SimilarPlaces(string wantText, string? excludePlaceId)
    {
        if (string.IsNullOrWhiteSpace(wantText)) return [];
        using var lease = index.Acquire();
        var mlt = new Lucene.Net.Queries.Mlt.MoreLikeThis(lease.Searcher.IndexReader)
        {
            Analyzer = AtlasAnalyzers.PerField(),
            FieldNames = [AtlasAnalyzers.TextField("en")],
            MinTermFreq = 1,
            MinDocFreq = 1,
            MaxQueryTerms = 30,
        };
        var like = mlt.Like(new StringReader(wantText), AtlasAnalyzers.TextField("en"));
        var filter = new BooleanQuery
        {
            { new TermQuery(new Term(F.Type, SearchSource.Practice)), Occur.MUST },
            { new TermQuery(new Term(F.Role, "frontrunner")), Occur.MUST },
        };
        var best = new Dictionary<string, double>();
        // The place of each hit from the field cache of its segment (built once per segment), not from the stored
        // document: loading 2,000 stored practices (their texts decompressed) cost more than the search itself.
        var leaves = lease.Searcher.IndexReader.Leaves;
        var term = new Lucene.Net.Util.BytesRef();
        foreach (var sd in lease.Searcher.Search(new FilteredQuery(like, new QueryWrapperFilter(filter)), 2000).ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(sd.Doc, leaves)];
            var places = FieldCache.DEFAULT.GetTerms((AtomicReader)leaf.Reader, F.PlaceId, false);
            places.Get(sd.Doc - leaf.DocBase, term);
            if (term.Length == 0) continue;
            var place = term.Utf8ToString();
            if (place == excludePlaceId) continue;
            best[place] = Math.Max(best.GetValueOrDefault(place), sd.Score);
        }
        var top = best.Count == 0 ? 1 : best.Values.Max();
        return best.ToDictionary(kv => kv.Key, kv => kv.Value / top);
    }

    /// <summary>Places and practice titles starting with what was typed (folded: "parn" finds Pärnu).</summary>
    public List<Suggestion> Suggest(string? text, int limit = 8)
    {
        var tokens = string.IsNullOrWhiteSpace(text) ? [] : AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, F.TitleFolded, text.Length > 100 ? text[..100] : text);
        if (tokens.Count == 0) return [];
        using var lease = index.Acquire();
        var result = new List<Suggestion>();
        var typed = string.Join(' ', tokens);
        // Networks too: a planner types a network's name ("smart villages") as often as a town's.
        foreach (var type in new[] { SearchSource.Place, SearchSource.Initiative, SearchSource.Practice })
        {
            var q = new BooleanQuery { { new TermQuery(new Term(F.Type, type)), Occur.MUST } };
            foreach (var t in tokens.Take(tokens.Count - 1)) q.Add(new TermQuery(new Term(F.TitleFolded, t)), Occur.MUST);
            q.Add(new PrefixQuery(new Term(F.TitleFolded, tokens[^1])), Occur.MUST);
            foreach (var sd in lease.Searcher.Search(q, limit * 4).ScoreDocs)
            {
                var doc = HitRecord.Of(lease.Searcher, sd.Doc);
                result.Add(new Suggestion(doc.Id, type, doc.Title, doc.PlaceId));
            }
        }
        // Titles that start with what was typed first ("par" → Pärnu before "Järva Arengu Partnerid"),
        // then places, networks, practices (few networks, many practices: a network is not crowded out), then shorter titles.
        return result
            .OrderByDescending(s => string.Join(' ', AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, F.TitleFolded, s.Title)).StartsWith(typed, StringComparison.Ordinal))
            .ThenBy(s => s.Type switch { SearchSource.Place => 0, SearchSource.Initiative => 1, _ => 2 })
            .ThenBy(s => s.Title.Length)
            .Take(limit).ToList();
    }

    private static (int Total, ScoreDoc[] Top, Dictionary<string, Dictionary<string, int>> Facets) Run(
        IndexSearcher searcher, Query query, Query? filter, int want)
    {
        var final = BitsFilter.Apply(query, filter);
        var top = TopScoreDocCollector.Create(Math.Max(1, want), true);
        var collector = new FacetingCollector(top);
        searcher.Search(final, collector);
        return (top.TotalHits, top.GetTopDocs().ScoreDocs, collector.Results());
    }

    private static Query? Filter(SearchRequest r)
    {
        var all = new BooleanQuery();
        void AnyOf(string field, IReadOnlyList<string> values)
        {
            if (values.Count == 0) return;
            var any = new BooleanQuery();
            foreach (var v in values) any.Add(new TermQuery(new Term(field, v)), Occur.SHOULD);
            all.Add(any, Occur.MUST);
        }
        AnyOf(F.Type, r.Types);
        AnyOf(F.Theme, r.Themes);
        AnyOf(F.Tag, r.Tags);
        AnyOf(F.Role, r.Roles);
        AnyOf(F.Country, r.Countries);
        AnyOf(F.Initiative, r.Initiatives);
        if (r.Bbox is { } b)
        {
            all.Add(NumericRangeQuery.NewDoubleRange(F.Lat, b.MinLat, b.MaxLat, true, true), Occur.MUST);
            all.Add(NumericRangeQuery.NewDoubleRange(F.Lon, b.MinLon, b.MaxLon, true, true), Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : all;
    }
}

/// <summary>Which of the concepts a query met each hit of a page matches.</summary>
internal static class ConceptHits
{
    /// <summary>
    /// One scorer per (concept, segment), advanced through the page's hits in document order: a scorer per hit
    /// and concept cost a term-dictionary lookup per label each time, a large share of an expanded query's time.
    /// </summary>
    public static Dictionary<int, IReadOnlyList<ConceptRef>> Of(IndexSearcher searcher, List<MatchedConcept> matched, IEnumerable<int> docs)
    {
        var result = new Dictionary<int, IReadOnlyList<ConceptRef>>();
        if (matched.Count == 0) return result;
        var sorted = docs.Order().ToList();
        var leaves = searcher.IndexReader.Leaves;
        foreach (var m in matched.DistinctBy(m => m.Concept.Id))
        {
            var weight = searcher.CreateNormalizedWeight(m.Labels);
            Scorer? scorer = null;
            var leafIndex = -1;
            foreach (var doc in sorted)
            {
                var i = ReaderUtil.SubIndex(doc, leaves);
                var leaf = leaves[i];
                if (i != leafIndex)
                {
                    leafIndex = i;
                    scorer = weight.GetScorer(leaf, leaf.AtomicReader.LiveDocs);
                }
                if (scorer is null) continue;
                var local = doc - leaf.DocBase;
                var at = scorer.DocID;
                if (at < local) at = scorer.Advance(local);
                if (at != local) continue;
                if (!result.TryGetValue(doc, out var list)) result[doc] = list = new List<ConceptRef>();
                ((List<ConceptRef>)list).Add(m.Concept);
            }
        }
        return result;
    }
}
