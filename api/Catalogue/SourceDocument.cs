using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using FrontrunnerAtlas.Api.Infrastructure;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>A document or page that records cite (data/sources.json): shown to people as a title and a link.</summary>
public sealed class SourceDocument
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    /// <summary>The seed file it was read from; for curators, never shown publicly.</summary>
    public string? File { get; set; }
    public string? Language { get; set; }
}

internal sealed class SourceDocumentConfiguration : IEntityTypeConfiguration<SourceDocument>
{
    public void Configure(EntityTypeBuilder<SourceDocument> b)
    {
        b.HasSlugKey("sources");
        b.Property(s => s.Title).HasMaxLength(500);
    }
}
