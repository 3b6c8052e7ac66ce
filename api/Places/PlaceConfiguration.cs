using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Places;

internal sealed class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> b)
    {
        b.HasSlugKey("places");
        b.ToTable("places", t =>
        {
            t.HasCheckConstraint("ck_places_latitude", "latitude BETWEEN -90 AND 90");
            t.HasCheckConstraint("ck_places_longitude", "longitude BETWEEN -180 AND 180");
            t.HasCheckConstraint("ck_places_lat_lon_together", "(latitude IS NULL) = (longitude IS NULL)");
            t.HasCheckConstraint("ck_places_population", "population >= 0");
            t.HasCheckConstraint("ck_places_country", "country ~ '^[A-Z]{2}$'");
        });
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.LocalName).HasMaxLength(200);
        b.Property(p => p.Country).HasMaxLength(2).IsFixedLength();
        // Derived in the database so the point can never disagree with the coordinates researchers see.
        b.Property(p => p.Location)
            .HasColumnType("geometry(Point,4326)")
            .HasComputedColumnSql(
                "CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END",
                stored: true);
        b.HasIndex(p => p.Location).HasMethod("gist");
        b.HasIndex(p => p.Country);
        // The gazetteer links a town to its place by GeoNames id (towns.place_id, kept by a trigger on places).
        b.HasIndex(p => p.GeoNamesId);
        b.HasIndex(p => p.Role);
        b.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        b.Property(p => p.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> b)
    {
        b.HasSlugKey("commitments");
        b.ToTable("commitments", t => t.HasCheckConstraint("ck_commitments_target_year", "target_year BETWEEN 1900 AND 2200"));
        b.HasOne(c => c.Place).WithMany(p => p.Commitments).HasForeignKey(c => c.PlaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Initiative).WithMany(i => i.Commitments).HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.SetNull);
    }
}
