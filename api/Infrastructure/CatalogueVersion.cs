namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// Which state of the catalogue this instance serves: the database's identity and the newest change-log id
/// (search_changes) it has applied. The change-log listener (Search/SearchIndexer, on LISTEN/NOTIFY) sets it
/// once the search index shows those changes too, so an answer cached under a version never predates it.
/// </summary>
public sealed class CatalogueVersion
{
    /// <summary>Before the first read of the change log: the database is unknown and the position -1.</summary>
    public sealed record Position(string? Database, long ChangeId);

    private volatile Position _current = new(null, -1);

    /// <summary>Read once per use: database and change id always belong together.</summary>
    public Position Current => _current;

    public void Set(string database, long changeId) => _current = new Position(database, changeId);
}
