using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// Facet ordinals of one segment held in plain arrays (doc → ordinals, CSR layout), built once when a segment
/// is first searched and kept for the segment's life. Counting from them costs a few array reads per hit and
/// runs on whatever thread searches, unlike walking memory-mapped doc values on every query.
/// </summary>
internal sealed class SegmentFacets
{
    private static readonly ConditionalWeakTable<object, SegmentFacets> Cache = new();

    public required int[][] Starts { get; init; }
    public required int[][] Ordinals { get; init; }
    public required string[][] Labels { get; init; }

    public static SegmentFacets For(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => Build(reader));

    private static SegmentFacets Build(AtomicReader reader)
    {
        var dims = F.Facets.Length;
        var starts = new int[dims][];
        var ordinals = new int[dims][];
        var labels = new string[dims][];
        for (var d = 0; d < dims; d++)
        {
            var dv = reader.GetSortedSetDocValues(F.Facets[d]);
            if (dv is null)
            {
                starts[d] = new int[reader.MaxDoc + 1];
                ordinals[d] = [];
                labels[d] = [];
                continue;
            }
            labels[d] = new string[dv.ValueCount];
            var bytes = new Lucene.Net.Util.BytesRef();
            for (var o = 0; o < dv.ValueCount; o++)
            {
                dv.LookupOrd(o, bytes);
                labels[d][o] = bytes.Utf8ToString();
            }
            var s = new int[reader.MaxDoc + 1];
            var list = new List<int>(reader.MaxDoc);
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                s[doc] = list.Count;
                dv.SetDocument(doc);
                long ord;
                while ((ord = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) list.Add((int)ord);
            }
            s[reader.MaxDoc] = list.Count;
            starts[d] = s;
            ordinals[d] = [.. list];
        }
        return new SegmentFacets { Starts = starts, Ordinals = ordinals, Labels = labels };
    }
}

/// <summary>Collects the top hits and, in the same pass, counts facet values over every hit.</summary>
internal sealed class FacetingCollector(ICollector inner) : ICollector
{
    private readonly Dictionary<string, int>[] _totals = F.Facets.Select(_ => new Dictionary<string, int>()).ToArray();
    private SegmentFacets? _segment;
    private int[][] _counts = [];

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        inner.SetNextReader(context);
        _segment = SegmentFacets.For(context.AtomicReader);
        _counts = _segment.Labels.Select(l => new int[l.Length]).ToArray();
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        var s = _segment!;
        for (var d = 0; d < _counts.Length; d++)
        {
            var starts = s.Starts[d];
            var ords = s.Ordinals[d];
            var counts = _counts[d];
            for (var i = starts[doc]; i < starts[doc + 1]; i++) counts[ords[i]]++;
        }
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
        if (_segment is null) return;
        for (var d = 0; d < _counts.Length; d++)
            for (var o = 0; o < _counts[d].Length; o++)
                if (_counts[d][o] > 0)
                    _totals[d][_segment.Labels[d][o]] = _totals[d].GetValueOrDefault(_segment.Labels[d][o]) + _counts[d][o];
        _counts = [];
    }
}
