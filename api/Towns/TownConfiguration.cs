using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Towns;

internal sealed class TownConfiguration : IEntityTypeConfiguration<Town>
{
    public void Configure(EntityTypeBuilder<Town> b)
    {
        b.ToTable("towns", t =>
        {
            t.HasCheckConstraint("ck_towns_latitude", "latitude BETWEEN -90 AND 90");
            t.HasCheckConstraint("ck_towns_longitude", "longitude BETWEEN -180 AND 180");
            t.HasCheckConstraint("ck_towns_population", "population > 0");
            t.HasCheckConstraint("ck_towns_country", "country ~ '^[A-Z]{2}$'");
        });
        b.HasKey(t => t.GeoNamesId);
        // GeoNames assigns the ids (geo_names_id, as the column of places is called).
        b.Property(t => t.GeoNamesId).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.NameFolded).HasMaxLength(200);
        b.Property(t => t.Country).HasMaxLength(2).IsFixedLength();
        b.Property(t => t.Admin1Code).HasMaxLength(20).HasColumnName("admin1_code");
        b.Property(t => t.FeatureCode).HasMaxLength(10);
        b.Property(t => t.Location)
            .HasColumnType("geometry(Point,4326)")
            .HasComputedColumnSql("ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)", stored: true);
        b.HasIndex(t => t.Location).HasMethod("gist");
        b.HasIndex(t => t.Country);
        b.HasIndex(t => t.PlaceId);
        // The link is the database's to keep (trigger on places); a place removed unlinks its town.
        b.HasOne(t => t.Place).WithMany().HasForeignKey(t => t.PlaceId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TownsVersionConfiguration : IEntityTypeConfiguration<TownsVersion>
{
    public void Configure(EntityTypeBuilder<TownsVersion> b)
    {
        b.ToTable("towns_version", t => t.HasCheckConstraint("ck_towns_version_single", "id = 1"));
        b.Property(v => v.Id).ValueGeneratedNever();
        b.Property(v => v.Source).HasMaxLength(200);
        b.Property(v => v.Sha256).HasMaxLength(64);
    }
}
