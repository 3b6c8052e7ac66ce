using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;
using Directory = Lucene.Net.Store.Directory;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>A searcher borrowed from the index; dispose it to give it back.</summary>
public sealed class SearchLease(SearcherManager manager, IndexSearcher searcher) : IDisposable
{
    public IndexSearcher Searcher { get; } = searcher;
    public void Dispose() => manager.Release(Searcher);
}

/// <summary>
/// The Lucene index on disk. A full rebuild is written into a new generation folder beside the live one and
/// swapped in only when complete, so readers never see an empty or half-built index.
/// </summary>
public sealed class SearchIndex(IOptions<SearchOptions> options, ILogger<SearchIndex> log) : IDisposable
{
    /// <summary>Bump when documents or analysis change: an index of another schema is rebuilt at start.</summary>
    /// 2: theme values in snake_case ("spatial_planning", was "SpatialPlanning").
    /// 3: the Estonian light stemmer strips -ne ("planeerimine" meets "planeerimise").
    /// 4: what a hit shows is a binary doc value (HitRecord), no stored fields.
    public const string SchemaVersion = "4";
    public const string LastChangeKey = "lastChange", SchemaKey = "schema", DatabaseKey = "database";

    private sealed class Generation(string path, Directory dir, IndexWriter writer, SearcherManager manager) : IDisposable
    {
        public string Path { get; } = path;
        public IndexWriter Writer { get; } = writer;
        public SearcherManager Manager { get; } = manager;

        public void Dispose()
        {
            Manager.Dispose();
            Writer.Dispose();
            dir.Dispose();
        }
    }

    private volatile Generation? _current;
    private readonly string _root = Path.GetFullPath(options.Value.IndexPath);

    public bool IsReady => _current is not null;

    /// <summary>False when the live generation's folder was removed from under the running service.</summary>
    public bool FilesPresent => _current is not { } g || (System.IO.Directory.Exists(g.Path) && File.Exists(Path.Combine(_root, "current")));
    public string Root => _root;

    /// <summary>
    /// The change-log position searchers can see. Advanced only after readers are refreshed, so that nothing
    /// cached under a version can hold an answer from before it (cache keys carry this number).
    /// </summary>
    public long LastChangeId => _current is null ? -1 : Interlocked.Read(ref _visibleChangeId);

    private long _visibleChangeId = -1;

    private static long CommittedChangeId(IndexWriter w) => w.CommitData.TryGetValue(LastChangeKey, out var v) ? long.Parse(v) : -1;

    public string? Database => _current is { } g && g.Writer.CommitData.TryGetValue(DatabaseKey, out var v) ? v : null;

    public SearchLease Acquire()
    {
        var g = _current ?? throw new SearchUnavailableException("The search index is being built; try again in a moment.");
        return new SearchLease(g.Manager, g.Manager.Acquire());
    }

    /// <summary>Opens the index named by the 'current' file; false when it is missing, corrupt or of another schema or database.</summary>
    public bool TryOpen(string database)
    {
        var pointer = Path.Combine(_root, "current");
        if (!File.Exists(pointer)) return false;
        var path = Path.Combine(_root, File.ReadAllText(pointer).Trim());
        Directory? dir = null;
        try
        {
            dir = FSDirectory.Open(path);
            if (!DirectoryReader.IndexExists(dir)) { dir.Dispose(); return false; }
            var writer = new IndexWriter(dir, Config(OpenMode.APPEND));
            var data = writer.CommitData;
            if (!data.TryGetValue(SchemaKey, out var schema) || schema != SchemaVersion ||
                !data.TryGetValue(DatabaseKey, out var db) || db != database)
            {
                log.LogInformation("The search index at {Path} is of another schema or database; it will be rebuilt.", path);
                writer.Dispose();
                dir.Dispose();
                return false;
            }
            // Fail now, not on the first query, if the files are damaged.
            using (var probe = DirectoryReader.Open(writer, true)) _ = probe.NumDocs;
            Swap(new Generation(path, dir, writer, new SearcherManager(writer, true, null)));
            return true;
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or LockObtainFailedException or UnauthorizedAccessException or FormatException)
        {
            log.LogWarning(ex, "The search index at {Path} cannot be opened; it will be rebuilt.", path);
            dir?.Dispose();
            return false;
        }
    }

    /// <summary>Writes a complete new generation from the records and swaps it in.</summary>
    public async Task RebuildAsync(Func<Func<IEnumerable<SearchRecord>, Task>, Task> produce, long lastChangeId, string database)
    {
        System.IO.Directory.CreateDirectory(_root);
        var name = $"gen-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}";
        var path = Path.Combine(_root, name);
        var dir = FSDirectory.Open(path);
        // A larger buffer for the bulk build: fewer, bigger segments and fewer merges competing for the cores.
        var config = Config(OpenMode.CREATE);
        config.RAMBufferSizeMB = 256;
        config.UseCompoundFile = false;
        var writer = new IndexWriter(dir, config);
        try
        {
            // IndexWriter takes documents from several threads; analysis is the costly part, so use every core.
            await produce(batch => Task.Run(() => Parallel.ForEach(batch,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                record => writer.AddDocument(record.ToDocument()))));
            writer.SetCommitData(CommitData(lastChangeId, database));
            writer.Commit();
        }
        catch
        {
            writer.Dispose();
            dir.Dispose();
            TryDelete(path);
            throw;
        }
        var temp = Path.Combine(_root, "current.tmp");
        await File.WriteAllTextAsync(temp, name);
        File.Move(temp, Path.Combine(_root, "current"), overwrite: true);
        Swap(new Generation(path, dir, writer, new SearcherManager(writer, true, null)));
        RemoveStaleGenerations(name);
    }

    /// <summary>Replaces or removes the given documents and records the change-log position, then refreshes readers.</summary>
    public void Apply(IEnumerable<SearchRecord> upserts, IEnumerable<string> deletedKeys, long lastChangeId, string database)
    {
        var g = _current ?? throw new InvalidOperationException("No index to update.");
        foreach (var r in upserts) g.Writer.UpdateDocument(new Term(F.Key, r.Key), r.ToDocument());
        foreach (var key in deletedKeys) g.Writer.DeleteDocuments(new Term(F.Key, key));
        g.Writer.SetCommitData(CommitData(lastChangeId, database));
        g.Writer.Commit();
        g.Manager.MaybeRefreshBlocking();
        Interlocked.Exchange(ref _visibleChangeId, lastChangeId);
    }

    public int DocumentCount
    {
        get
        {
            if (_current is null) return 0;
            using var lease = Acquire();
            return lease.Searcher.IndexReader.NumDocs;
        }
    }

    private static Dictionary<string, string> CommitData(long lastChangeId, string database) => new()
    {
        [LastChangeKey] = lastChangeId.ToString(), [SchemaKey] = SchemaVersion, [DatabaseKey] = database,
    };

    private static IndexWriterConfig Config(OpenMode mode) => new(AtlasAnalyzers.Version, AtlasAnalyzers.PerField())
    {
        OpenMode = mode,
        RAMBufferSizeMB = 64,
    };

    private void Swap(Generation next)
    {
        Interlocked.Exchange(ref _visibleChangeId, CommittedChangeId(next.Writer));
        var old = Interlocked.Exchange(ref _current, next);
        // Searchers already lent out keep their reader open until they are released.
        old?.Dispose();
        if (old is not null && old.Path != next.Path) TryDelete(old.Path);
    }

    private void RemoveStaleGenerations(string keep)
    {
        foreach (var dir in System.IO.Directory.GetDirectories(_root, "gen-*"))
            if (Path.GetFileName(dir) != keep) TryDelete(dir);
    }

    private void TryDelete(string path)
    {
        try { System.IO.Directory.Delete(path, recursive: true); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { log.LogDebug(ex, "Could not delete {Path} yet", path); }
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();
}

/// <summary>The index is not ready (being built, or the database was never reached): a 503, not a 500.</summary>
public sealed class SearchUnavailableException(string message) : Exception(message);
