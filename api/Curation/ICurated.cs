using FrontrunnerAtlas.Api.Catalogue;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// A record that the importer and the API both write: when each last did decides whether a re-import may
/// overwrite it (a change made through the API since the last import is never undone by one).
/// </summary>
public interface ITracked
{
    /// <summary>Last change through the API (null: never changed there).</summary>
    DateTimeOffset? CuratedAt { get; set; }
    /// <summary>Last insert or update by the importer (null: never imported).</summary>
    DateTimeOffset? ImportedAt { get; set; }
    /// <summary>The curators' note: kept with the record, never shown publicly.</summary>
    string? CuratorNote { get; set; }
}

/// <summary>
/// A record that editors propose and reviewers publish. The public sees published records only: the filter
/// is applied once, to every entity implementing this, by <see cref="Infrastructure.AtlasDbContext"/>.
/// </summary>
public interface ICurated : ITracked
{
    PublicationStatus Status { get; set; }
    /// <summary>PostgreSQL's xmin: changes on every update; the ETag of optimistic concurrency.</summary>
    uint Version { get; set; }
    /// <summary>When it was first published; a record that ever was public is only the reviewer's to remove.</summary>
    DateTimeOffset? PublishedAt { get; set; }
}
