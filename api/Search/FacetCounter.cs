using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// Facet values of one segment in plain arrays, every facet field in one numbering (field d's ordinal o is slot
/// Offsets[d] + o) and one list per document (CSR layout: Starts[doc]..Starts[doc + 1] in Slots), built once when
/// a segment is first searched and kept for the segment's life. Counting a hit is one short loop of array reads,
/// on whatever thread searches, instead of walking memory-mapped doc values of six fields on every query.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    public required int[] Starts { get; init; }
    public required int[] Slots { get; init; }
    public required int[] Offsets { get; init; }
    public required string[][] Labels { get; init; }
    public int SlotCount => Offsets[^1];

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Build(reader));

    private static SegmentFacets Build(AtomicReader reader)
    {
        var dims = F.Facets.Length;
        var values = new SortedSetDocValues?[dims];
        var labels = new string[dims][];
        var offsets = new int[dims + 1];
        var bytes = new Lucene.Net.Util.BytesRef();
        for (var d = 0; d < dims; d++)
        {
            var dv = values[d] = reader.GetSortedSetDocValues(F.Facets[d]);
            labels[d] = new string[dv?.ValueCount ?? 0];
            for (var o = 0; o < labels[d].Length; o++)
            {
                dv!.LookupOrd(o, bytes);
                labels[d][o] = bytes.Utf8ToString();
            }
            offsets[d + 1] = offsets[d] + labels[d].Length;
        }
        var starts = new int[reader.MaxDoc + 1];
        var slots = new List<int>(reader.MaxDoc * 4);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            starts[doc] = slots.Count;
            for (var d = 0; d < dims; d++)
            {
                if (values[d] is not { } dv) continue;
                dv.SetDocument(doc);
                long ord;
                while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) slots.Add(offsets[d] + (int)ord);
            }
        }
        starts[reader.MaxDoc] = slots.Count;
        return new SegmentFacets { Starts = starts, Slots = [.. slots], Offsets = offsets, Labels = labels };
    }
}

/// <summary>Collects the top hits and, in the same pass, counts facet values over every hit.</summary>
internal sealed class FacetingCollector(ICollector inner) : ICollector
{
    private readonly Dictionary<string, int>[] _totals = F.Facets.Select(_ => new Dictionary<string, int>()).ToArray();
    private SegmentFacets? _segment;
    private int[] _counts = [];
    private int[] _starts = [];
    private int[] _slots = [];

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        inner.SetNextReader(context);
        var segment = _segment = SegmentFacets.For(context.AtomicReader);
        (_starts, _slots, _counts) = (segment.Starts, segment.Slots, new int[segment.SlotCount]);
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        var (slots, counts) = (_slots, _counts);
        for (int i = _starts[doc], end = _starts[doc + 1]; i < end; i++) counts[slots[i]]++;
    }

    /// <summary>Counts per facet field, value → number of hits, largest first.</summary>
    public Dictionary<string, Dictionary<string, int>> Results()
    {
        Flush();
        _segment = null;
        var result = new Dictionary<string, Dictionary<string, int>>();
        for (var d = 0; d < F.Facets.Length; d++)
            result[F.Facets[d]] = _totals[d].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(kv => kv.Key, kv => kv.Value);
        return result;
    }

    private void Flush()
    {
        if (_segment is not { } s) return;
        for (var d = 0; d < s.Labels.Length; d++)
            for (var o = 0; o < s.Labels[d].Length; o++)
                if (_counts[s.Offsets[d] + o] is var n and > 0)
                    _totals[d][s.Labels[d][o]] = _totals[d].GetValueOrDefault(s.Labels[d][o]) + n;
        _counts = [];
    }
}
