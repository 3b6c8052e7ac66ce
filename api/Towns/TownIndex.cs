using System.Data;
using FrontrunnerAtlas.Api.Infrastructure;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>
/// The town names in a small in-memory Lucene index, which answers the matching of /api/towns: the term
/// dictionary gives exact and prefix matches, and its Levenshtein automata the typo-tolerant ones, in well under a
/// millisecond (pg_trgm took 5-35 ms for a typo on the same 62,000 names; docs/benchmarks.md#towns). PostgreSQL
/// stays the one store: the index holds only folded names, ids, countries and populations, is built from the
/// table, and is rebuilt when the loader writes a new version marker. The rows a client sees are read from the table.
/// </summary>
public sealed class TownIndex(DatabaseConnection database, IOptions<TownsOptions> options, ILogger<TownIndex> log)
{
    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _building = new(1, 1);
    private long _nextCheck;
    private int _refreshing;

    /// <summary>The ids of the best matches of a folded query (<see cref="TownNames.Fold"/>), best first.</summary>
    public async Task<IReadOnlyList<long>> FindAsync(string folded, IReadOnlySet<string>? countries, int limit, CancellationToken ct)
    {
        var snapshot = _current ?? await FirstBuildAsync(ct);
        RefreshIfReloaded(snapshot);
        return snapshot.Find(folded, countries, limit);
    }

    private async Task<Snapshot> FirstBuildAsync(CancellationToken ct)
    {
        await _building.WaitAsync(ct);
        try
        {
            return _current ??= await BuildAsync(ct);
        }
        finally
        {
            _building.Release();
        }
    }

    // At most once per RefreshInterval, in the background: the old index answers until the new one is complete.
    private void RefreshIfReloaded(Snapshot snapshot)
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextCheck);
        if (now < next || Interlocked.CompareExchange(ref _nextCheck, now + (long)options.Value.RefreshInterval.TotalMilliseconds, next) != next) return;
        if (Interlocked.Exchange(ref _refreshing, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                if (await MarkerAsync() != snapshot.Marker) _current = await BuildAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                log.LogWarning(ex, "Could not check or rebuild the town index; the current one keeps answering");
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private async Task<string?> MarkerAsync()
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT sha256 FROM towns_version WHERE id = 1", conn);
        return await cmd.ExecuteScalarAsync() as string;
    }

    private async Task<Snapshot> BuildAsync(CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync(ct);
        // The marker and the rows from one snapshot of the database, so that they belong together.
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        string? marker;
        await using (var cmd = new NpgsqlCommand("SELECT sha256 FROM towns_version WHERE id = 1", conn, tx))
            marker = await cmd.ExecuteScalarAsync(ct) as string;
        var dir = new RAMDirectory();
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { RAMBufferSizeMB = 64 }))
        {
            await using (var cmd = new NpgsqlCommand("SELECT geo_names_id, name_folded, country, coalesce(population, 0) FROM towns", conn, tx))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    var folded = reader.GetString(1);
                    var doc = new Document
                    {
                        new StringField(NameField, folded, Field.Store.NO),
                        new StringField(CountryField, reader.GetString(2), Field.Store.NO),
                        new NumericDocValuesField(IdField, reader.GetInt64(0)),
                        new NumericDocValuesField(PopulationField, reader.GetInt32(3)),
                        new SortedDocValuesField(CountryField, new BytesRef(reader.GetString(2))),
                    };
                    var words = TownNames.Words(folded).Distinct().ToList();
                    foreach (var word in words) doc.Add(new StringField(WordField, word, Field.Store.NO));
                    // The whole name and its words in one field: one pass of the typo automaton finds both.
                    doc.Add(new StringField(SpellingField, folded, Field.Store.NO));
                    foreach (var word in words.Where(w => w != folded)) doc.Add(new StringField(SpellingField, word, Field.Store.NO));
                    writer.AddDocument(doc);
                }
            // One segment: the per-document arrays below are indexed by its document numbers.
            writer.ForceMerge(1);
        }
        var snapshot = new Snapshot(marker, DirectoryReader.Open(dir));
        log.LogInformation("Town index built: {Towns} towns in {Ms} ms", snapshot.Count, clock.ElapsedMilliseconds);
        return snapshot;
    }

    private const string NameField = "name", WordField = "word", SpellingField = "spelling", CountryField = "country", IdField = "id", PopulationField = "population";

    // Equal matches: the larger town first, then the lower GeoNames id, so every answer is stable.
    private static readonly Sort LargerFirst = new(new SortField(PopulationField, SortFieldType.INT64, true), new SortField(IdField, SortFieldType.INT64));

    /// <summary>One built index; searched concurrently, never changed (a reload builds a new one).</summary>
    private sealed class Snapshot
    {
        private readonly IndexSearcher _searcher;
        private readonly AtomicReader? _reader;
        private readonly long[] _ids;
        private readonly long[] _population;
        private readonly string[] _country;

        public string? Marker { get; }
        public int Count => _ids.Length;

        public Snapshot(string? marker, DirectoryReader reader)
        {
            Marker = marker;
            _searcher = new IndexSearcher(reader);
            _reader = reader.Leaves.Count == 0 ? null : reader.Leaves[0].AtomicReader;
            var n = reader.MaxDoc;
            (_ids, _population, _country) = (new long[n], new long[n], new string[n]);
            if (_reader is null) return;
            var ids = _reader.GetNumericDocValues(IdField);
            var population = _reader.GetNumericDocValues(PopulationField);
            var country = _reader.GetSortedDocValues(CountryField);
            var scratch = new BytesRef();
            for (var doc = 0; doc < n; doc++)
            {
                _ids[doc] = ids.Get(doc);
                _population[doc] = population.Get(doc);
                country.Get(doc, scratch);
                _country[doc] = scratch.Utf8ToString();
            }
        }

        /// <summary>
        /// Best match first, then larger towns: the whole name (1) equal to the query, (2) starting with it,
        /// (3) a word of it starting with the query's last word, after the query's other words; (4) a name or one
        /// of its words within 1 edit (queries of 3 to 5 letters) or 2 (longer), closer spellings first.
        /// </summary>
        public IReadOnlyList<long> Find(string q, IReadOnlySet<string>? countries, int limit)
        {
            var found = new List<int>(limit);
            if (_reader is null || q.Length == 0) return [];
            var taken = new HashSet<int>();
            var words = TownNames.Words(q);
            Query wordsQuery;
            {
                var all = new BooleanQuery();
                for (var i = 0; i < words.Length - 1; i++) all.Add(new TermQuery(new Term(WordField, words[i])), Occur.MUST);
                all.Add(new PrefixQuery(new Term(WordField, words[^1])), Occur.MUST);
                wordsQuery = all;
            }
            foreach (var tier in new Query[] { new TermQuery(new Term(NameField, q)), new PrefixQuery(new Term(NameField, q)), wordsQuery })
            {
                if (found.Count >= limit) break;
                var query = new BooleanQuery { { tier, Occur.MUST } };
                if (countries is { Count: > 0 })
                {
                    var anyCountry = new BooleanQuery();
                    foreach (var c in countries) anyCountry.Add(new TermQuery(new Term(CountryField, c)), Occur.SHOULD);
                    query.Add(anyCountry, Occur.MUST);
                }
                foreach (var hit in _searcher.Search(query, null, limit + taken.Count, LargerFirst).ScoreDocs)
                    if (found.Count < limit && taken.Add(hit.Doc)) found.Add(hit.Doc);
            }
            if (found.Count < limit)
                found.AddRange(Fuzzy(q, countries, taken).Take(limit - found.Count));
            return found.Select(d => _ids[d]).ToList();
        }

        private IEnumerable<int> Fuzzy(string q, IReadOnlySet<string>? countries, HashSet<int> taken)
        {
            // Lucene's automata allow at most 2 edits; 1 edit in a 2-letter query matches almost anything.
            var edits = q.Length switch { < 3 => 0, <= 5 => 1, _ => 2 };
            if (edits == 0) return [];
            var best = new Dictionary<int, float>();
            var terms = _reader!.GetTerms(SpellingField);
            if (terms is null) return [];
            var attributes = new AttributeSource();
            var similarity = attributes.AddAttribute<IBoostAttribute>();
            // Boost = 1 - edits / the shorter length: the similarity Lucene gives each term it accepts.
            var e = new FuzzyTermsEnum(terms, attributes, new Term(SpellingField, q), edits, 0, true);
            DocsEnum? docs = null;
            var seenTerms = 0;
            while (e.MoveNext() && seenTerms++ < MaxFuzzyTerms)
            {
                docs = e.Docs(null, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                    if (!taken.Contains(doc) && (countries is not { Count: > 0 } || countries.Contains(_country[doc]))
                        && (!best.TryGetValue(doc, out var b) || b < similarity.Boost))
                        best[doc] = similarity.Boost;
            }
            return best.OrderByDescending(b => MathF.Round(b.Value, 3)).ThenByDescending(b => _population[b.Key]).ThenBy(b => _ids[b.Key]).Select(b => b.Key);
        }

        // A safety bound: a 3-letter query with one edit meets a few hundred names at most.
        private const int MaxFuzzyTerms = 2000;
    }
}
