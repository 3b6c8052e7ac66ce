using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Practices;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> b)
    {
        b.HasSlugKey("practices");
        b.ToTable("practices", t =>
        {
            t.HasCheckConstraint("ck_practices_budget", "budget_amount >= 0");
            t.HasCheckConstraint("ck_practices_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date");
            t.HasCheckConstraint("ck_practices_currency", "budget_currency ~ '^[A-Z]{3}$'");
        });
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.LocalTitle).HasMaxLength(300);
        b.Property(p => p.Language).HasMaxLength(8);
        // The database, not the importer, decides what counts as integrated.
        b.Property(p => p.IsIntegrated).HasComputedColumnSql("cardinality(themes) >= 2", stored: true);
        b.HasOne(p => p.Place).WithMany(p => p.Practices).HasForeignKey(p => p.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Initiative).WithMany(i => i.Practices).HasForeignKey(p => p.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        b.OwnsMany(p => p.Kpis, k => k.ToJson());
        b.OwnsMany(p => p.Documents, d => d.ToJson());
        b.HasIndex(p => p.Themes).HasMethod("gin");
        b.HasIndex(p => p.Tags).HasMethod("gin");
        b.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        b.Property(p => p.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.HasSlugKey("tags");
        b.Property(t => t.Label).HasMaxLength(100);
    }
}
