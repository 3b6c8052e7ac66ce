using FrontrunnerAtlas.Api.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>The facet counts next to the search results: every hit counted once, across segments, largest first.</summary>
public sealed class FacetCounterTests
{
    private static readonly SearchRecord[] All = SearchCorpus.Records;

    private static (int Total, int Collected, Dictionary<string, Dictionary<string, int>> Facets) Count(IndexReader reader, Query query, int top = 1)
    {
        var inner = TopScoreDocCollector.Create(top, true);
        var collector = new FacetingCollector(inner);
        new IndexSearcher(reader).Search(query, collector);
        return (inner.TotalHits, inner.GetTopDocs().ScoreDocs.Length, collector.Results());
    }

    // "value=count, ..." in the order the facet lists them.
    private static string Listed(Dictionary<string, int> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}"));

    private static void AssertWholeCorpus(Dictionary<string, Dictionary<string, int>> facets)
    {
        Assert.Equal("spatial_planning=5, energy=4, mobility=1", Listed(facets[F.Theme]));
        // Ties in ordinal order of the value.
        Assert.Equal("EE=4, FI=1, LT=1, LV=1, PL=1", Listed(facets[F.Country]));
        Assert.Equal("practice=6, event=1, place=1", Listed(facets[F.TypeFacet]));
        Assert.Equal("frontrunner=5, follower=2, peer=1", Listed(facets[F.Role]));
        Assert.Equal("heritage=2, bike=1, planning=1", Listed(facets[F.Tag]));
        Assert.Equal("estonian-smart-cities-club=2, lli-431-smart-planning=1", Listed(facets[F.Initiative]));
    }

    [Fact]
    public void Counts_every_value_over_every_hit_not_only_the_collected_page()
    {
        using var reader = SearchCorpus.Segments([All]);
        var (total, collected, facets) = Count(reader, new MatchAllDocsQuery(), top: 3);
        Assert.Equal(8, total);
        Assert.Equal(3, collected);
        Assert.Equal(F.Facets, facets.Keys);
        AssertWholeCorpus(facets);
    }

    [Fact]
    public void Counts_from_several_segments_add_up()
    {
        using var reader = SearchCorpus.Segments([All[..3], All[3..6], All[6..]]);
        Assert.Equal(3, reader.Leaves.Count);
        AssertWholeCorpus(Count(reader, new MatchAllDocsQuery()).Facets);
    }

    [Fact]
    public void A_segment_without_any_value_of_a_facet_counts_nothing_for_it()
    {
        // Valga, Elva and Salo have no tags and no networks: their segment has no doc values for those facets.
        var bare = All.Where(r => r.Tags.Count == 0 && r.Initiatives.Count == 0).ToArray();
        Assert.Equal(3, bare.Length);
        using var reader = SearchCorpus.Segments([bare, All.Except(bare).ToArray()]);
        Assert.Equal(2, reader.Leaves.Count);
        AssertWholeCorpus(Count(reader, new MatchAllDocsQuery()).Facets);
        var onlyBare = Count(reader, new TermQuery(new Term(F.Role, "peer"))).Facets;
        Assert.Empty(onlyBare[F.Tag]);
        Assert.Equal("spatial_planning=1", Listed(onlyBare[F.Theme]));
    }

    [Fact]
    public void Only_hits_are_counted_and_values_without_hits_are_left_out()
    {
        using var reader = SearchCorpus.Segments([All[..4], All[4..]]);
        var (total, _, facets) = Count(reader, new TermQuery(new Term(F.Country, "EE")));
        Assert.Equal(4, total);
        Assert.Equal("energy=2, spatial_planning=2, mobility=1", Listed(facets[F.Theme]));
        Assert.Equal("EE=4", Listed(facets[F.Country]));
        Assert.Equal("frontrunner=2, follower=1, peer=1", Listed(facets[F.Role]));
        Assert.Equal("bike=1", Listed(facets[F.Tag]));
    }

    [Fact]
    public void Deleted_documents_are_not_counted()
    {
        using var reader = SearchCorpus.Segments([All], "practice:p-valga-square", "place:lv-kuldiga");
        var (total, _, facets) = Count(reader, new MatchAllDocsQuery());
        Assert.Equal(6, total);
        Assert.Equal("energy=4, spatial_planning=3, mobility=1", Listed(facets[F.Theme]));
        Assert.Equal("practice=5, event=1", Listed(facets[F.TypeFacet]));
        Assert.Equal("EE=3, FI=1, LT=1, PL=1", Listed(facets[F.Country]));
    }

    [Fact]
    public void No_hits_give_every_facet_empty()
    {
        using var reader = SearchCorpus.Segments([All[..4], All[4..]]);
        var (total, _, facets) = Count(reader, new TermQuery(new Term(F.Country, "SE")));
        Assert.Equal(0, total);
        Assert.Equal(F.Facets, facets.Keys);
        Assert.All(facets.Values, counts => Assert.Empty(counts));
    }

    [Fact]
    public void The_search_service_reports_the_same_counts_for_a_query()
    {
        using var corpus = new SearchCorpus();
        var facets = corpus.Search("square", size: 1).Facets;
        Assert.Equal(new Dictionary<string, int> { ["practice"] = 2 }, facets.Types);
        Assert.Equal(new Dictionary<string, int> { ["follower"] = 1, ["peer"] = 1 }, facets.Roles);
        Assert.Equal(new Dictionary<string, int> { ["spatial_planning"] = 2 }, facets.Themes);
    }
}
