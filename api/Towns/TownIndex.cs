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

/// <summary>The towns an /api/towns query matched (place links not yet attached) and the extract they come from.</summary>
public sealed record TownMatches(string? Marker, IReadOnlyList<TownDto> Towns);

/// <summary>
/// The towns in memory with their folded names in a small Lucene index, which answers /api/towns without a database
/// round trip: the term dictionary gives exact, prefix and word matches, and its Levenshtein automata the typos
/// (pg_trgm took several times longer on the same names; docs/benchmarks.md#towns). PostgreSQL stays the one store:
/// the snapshot is built from the table and rebuilt when the loader writes a new version marker.
/// </summary>
public sealed class TownIndex(DatabaseConnection database, IOptions<TownsOptions> options, ILogger<TownIndex> log)
{
    private volatile Snapshot? _current;
    private readonly SemaphoreSlim _building = new(1, 1);
    private long _nextCheck;
    private int _refreshing;

    /// <summary>The best matches of a folded query (<see cref="TownNames.Fold"/>), best first.</summary>
    public async Task<TownMatches> FindAsync(string folded, IReadOnlySet<string>? countries, int limit, CancellationToken ct)
    {
        var snapshot = _current ?? await FirstBuildAsync(ct);
        RefreshIfReloaded(snapshot);
        return new TownMatches(snapshot.Marker, snapshot.Find(folded, countries, limit));
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
        var rows = new List<TownDto>(70_000);
        var dir = new RAMDirectory();
        // No merges: documents keep the numbers they were added with (segments stay in flush order), so the rows
        // kept beside them are indexed by document number and the index needs no stored fields or doc values.
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { RAMBufferSizeMB = 256, MergePolicy = NoMergePolicy.NO_COMPOUND_FILES };
        using (var writer = new IndexWriter(dir, config))
        {
            await using var cmd = new NpgsqlCommand("SELECT geo_names_id, name, name_folded, country, population, latitude, longitude FROM towns", conn, tx);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var folded = reader.GetString(2);
                // The whole name and its words in one more field: words match in it, and one pass of the typo
                // automaton finds a misspelt name or a misspelt word of it.
                var doc = new Document { new StringField(NameField, folded, Field.Store.NO), new StringField(SpellingField, folded, Field.Store.NO) };
                foreach (var word in TownNames.Words(folded).Distinct().Where(w => w != folded)) doc.Add(new StringField(SpellingField, word, Field.Store.NO));
                writer.AddDocument(doc);
                rows.Add(new TownDto(reader.GetInt64(0), reader.GetString(1), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.GetDouble(5), reader.GetDouble(6), null));
            }
        }
        var snapshot = new Snapshot(marker, DirectoryReader.Open(dir), [.. rows]);
        log.LogInformation("Town index built: {Towns} towns in {Ms} ms", snapshot.Count, clock.ElapsedMilliseconds);
        return snapshot;
    }

    private const string NameField = "name", SpellingField = "spelling";

    /// <summary>Every document a query matches, by its number in the whole index.</summary>
    private sealed class AllDocs : ICollector
    {
        private int _base;
        public List<int> Docs { get; } = [];
        public void SetScorer(Scorer scorer) { }
        public void Collect(int doc) => Docs.Add(_base + doc);
        public void SetNextReader(AtomicReaderContext context) => _base = context.DocBase;
        public bool AcceptsDocsOutOfOrder => true;
    }

    /// <summary>One built index; searched concurrently, never changed (a reload builds a new one).</summary>
    private sealed class Snapshot(string? marker, DirectoryReader reader, TownDto[] rows)
    {
        private readonly IndexSearcher _searcher = new(reader);

        public string? Marker { get; } = marker;
        public int Count { get; } = reader.MaxDoc == rows.Length ? rows.Length : throw new InvalidOperationException("The town index and its rows differ in number.");

        // Equal matches: the larger town first, then the lower GeoNames id, so every answer is stable.
        private IOrderedEnumerable<int> LargerFirst(IEnumerable<int> docs) => docs.OrderByDescending(d => rows[d].Population ?? 0).ThenBy(d => rows[d].GeonamesId);

        /// <summary>
        /// Best match first, then larger towns: the whole name (1) equal to the query, (2) starting with it,
        /// (3) with words that are the query's words, the last one as a prefix. Only when none of these matches,
        /// as /api/search does: (4) a name or one of its words with the same first letter within 1 edit (queries
        /// of 3 to 5 letters) or 2 (longer), closer spellings first.
        /// </summary>
        public IReadOnlyList<TownDto> Find(string q, IReadOnlySet<string>? countries, int limit)
        {
            if (Count == 0 || q.Length == 0) return [];
            var found = new List<int>(limit);
            var taken = new HashSet<int>();
            bool Wanted(int doc) => !taken.Contains(doc) && (countries is not { Count: > 0 } || countries.Contains(rows[doc].Country));
            var words = TownNames.Words(q);
            var wordsQuery = new BooleanQuery();
            for (var i = 0; i < words.Length - 1; i++) wordsQuery.Add(new TermQuery(new Term(SpellingField, words[i])), Occur.MUST);
            wordsQuery.Add(new PrefixQuery(new Term(SpellingField, words[^1])), Occur.MUST);
            foreach (var tier in new Query[] { new TermQuery(new Term(NameField, q)), new PrefixQuery(new Term(NameField, q)), wordsQuery })
            {
                if (found.Count >= limit) break;
                var all = new AllDocs();
                _searcher.Search(tier, all);
                foreach (var doc in LargerFirst(all.Docs.Where(Wanted)).Take(limit - found.Count).ToList())
                    if (taken.Add(doc)) found.Add(doc);
            }
            // A typo's automaton costs milliseconds; a name that matches as typed needs none.
            if (found.Count == 0) found.AddRange(Fuzzy(q, Wanted).Take(limit));
            return found.Select(d => rows[d]).ToList();
        }

        private IEnumerable<int> Fuzzy(string q, Func<int, bool> wanted)
        {
            // Lucene's automata allow at most 2 edits; 1 edit in a 2-letter query matches almost anything.
            var edits = q.Length switch { < 3 => 0, <= 5 => 1, _ => 2 };
            var terms = MultiFields.GetTerms(reader, SpellingField);
            if (edits == 0 || terms is null) return [];
            var best = new Dictionary<int, float>();
            var attributes = new AttributeSource();
            var similarity = attributes.AddAttribute<IBoostAttribute>();
            // Boost = 1 - edits / the shorter length: the similarity Lucene gives each term it accepts. The first
            // letter as typed (as /api/search): a smaller automaton over fewer terms, about half the time.
            var e = new FuzzyTermsEnum(terms, attributes, new Term(SpellingField, q), edits, 1, true);
            DocsEnum? docs = null;
            var seenTerms = 0;
            while (e.MoveNext() && seenTerms++ < MaxFuzzyTerms)
            {
                docs = e.Docs(MultiFields.GetLiveDocs(reader), docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                    if (wanted(doc) && (!best.TryGetValue(doc, out var b) || b < similarity.Boost))
                        best[doc] = similarity.Boost;
            }
            // Closer spellings first (the boost rounded, so that equal edits tie), then larger towns.
            return best.GroupBy(b => MathF.Round(b.Value, 3)).OrderByDescending(g => g.Key).SelectMany(g => LargerFirst(g.Select(b => b.Key)));
        }

        // A safety bound: a 3-letter query with one edit meets a few hundred names at most.
        private const int MaxFuzzyTerms = 2000;
    }
}
