using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// An editor's change to a published record, waiting for review beside it: the public keeps the published
/// version until a reviewer publishes the revision. One pending revision per record; a later edit replaces it.
/// </summary>
public sealed class Revision
{
    public long Id { get; set; }
    /// <summary>The kind's route name (places, practices, ...).</summary>
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>The proposed record, in the shape of data/ (what GET returns and PUT takes).</summary>
    public string Record { get; set; } = "";
    /// <summary>The published record's ETag the revision was made against.</summary>
    public uint BaseVersion { get; set; }
    public string Author { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: the revision's own ETag.</summary>
    public uint Version { get; set; }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> b)
    {
        b.ToTable("revisions");
        b.Property(r => r.Record).HasColumnType("jsonb");
        b.Property(r => r.Version).IsRowVersion();
        b.HasIndex(r => new { r.Entity, r.EntityId }).IsUnique();
    }
}
