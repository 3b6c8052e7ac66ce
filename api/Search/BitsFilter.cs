using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// The filters of a search (type, theme, country, bbox, …) as one bit set per segment, handed to the query as the
/// documents it may match. Lucene's QueryWrapperFilter has no random access, so FilteredQuery leap-frogged a second
/// scorer beside the query (advancing the query's disjunction at every filter hit) and rebuilt the bbox's numeric
/// ranges on every search; a bit set pushed down lets each term skip what the filter excludes as it reads its postings.
/// The sets of recent filters are kept per segment (a filter comes back with every page and every word typed).
/// </summary>
internal sealed class BitsFilter(Query query) : Filter
{
    private const int MaxCachedPerSegment = 256; // 1 bit per document each: 12.5 KB per 100,000 documents
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FixedBitSet>> Cache = new();
    private readonly string _key = query.ToString();

    /// <summary>The query restricted to the filter's documents, the filter applied first (as accepted documents).</summary>
    public static Query Apply(Query query, Query? filter) =>
        filter is null ? query : new FilteredQuery(query, new BitsFilter(filter), PushDown.Instance);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var reader = context.AtomicReader;
        var sets = Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FixedBitSet>());
        if (!sets.TryGetValue(_key, out var bits))
        {
            // Computed without deletions (they change without a new core): the live documents are applied below.
            bits = new FixedBitSet(reader.MaxDoc);
            if (new QueryWrapperFilter(query).GetDocIdSet(context, null)?.GetIterator() is { } it)
                bits.Or(it);
            if (sets.Count >= MaxCachedPerSegment) sets.Clear();
            sets[_key] = bits;
        }
        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }

    public override string ToString() => $"BitsFilter({_key})";

    /// <summary>Always hand the bits down: the default strategy leap-frogs when the first match is past document 100.</summary>
    private sealed class PushDown : FilteredQuery.RandomAccessFilterStrategy
    {
        public static readonly PushDown Instance = new();
        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) => true;
    }
}
