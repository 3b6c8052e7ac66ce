using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>One context for the whole catalogue; each capability folder contributes its own entity configuration.</summary>
public sealed class AtlasDbContext(DbContextOptions<AtlasDbContext> options) : DbContext(options)
{
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Mentorship> Mentorships => Set<Mentorship>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Curation.AuditEntry> Audit => Set<Curation.AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AtlasDbContext).Assembly);

        // The public sees published records only, everywhere (OData and its $expand, the map, search,
        // mentors). The write API and the importer look past this with IgnoreQueryFilters().
        modelBuilder.Entity<Place>().HasQueryFilter(p => p.Status == PublicationStatus.Published);
        modelBuilder.Entity<Practice>().HasQueryFilter(p => p.Status == PublicationStatus.Published);
        modelBuilder.Entity<Initiative>().HasQueryFilter(i => i.Status == PublicationStatus.Published);
        modelBuilder.Entity<Event>().HasQueryFilter(e => e.Status == PublicationStatus.Published);
        modelBuilder.Entity<Membership>().HasQueryFilter(m => m.Status == PublicationStatus.Published);
        modelBuilder.Entity<Commitment>().HasQueryFilter(c => c.Status == PublicationStatus.Published);

        // Every curated record carries PostgreSQL's xmin as its concurrency token (the ETag).
        modelBuilder.Entity<Place>().Property(p => p.Version).IsRowVersion();
        modelBuilder.Entity<Practice>().Property(p => p.Version).IsRowVersion();
        modelBuilder.Entity<Initiative>().Property(i => i.Version).IsRowVersion();
        modelBuilder.Entity<Event>().Property(e => e.Version).IsRowVersion();
        modelBuilder.Entity<Membership>().Property(m => m.Version).IsRowVersion();
        modelBuilder.Entity<Commitment>().Property(c => c.Version).IsRowVersion();
        modelBuilder.Entity<Mentorship>().Property(m => m.Version).IsRowVersion();
    }

    /// <summary>Shared by the service and the design-time factory so migrations and runtime agree.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o =>
            {
                o.UseNetTopologySuite();
                MapEnums(o);
            })
            .UseSnakeCaseNamingConvention()
            // Records hidden by the publication filter hide what depends on them too; that is intended.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    private static void MapEnums(NpgsqlDbContextOptionsBuilder o)
    {
        o.MapEnum<Theme>("theme");
        o.MapEnum<PlaceKind>("place_kind");
        o.MapEnum<PlaceRole>("place_role");
        o.MapEnum<InitiativeKind>("initiative_kind");
        o.MapEnum<MembershipRole>("membership_role");
        o.MapEnum<MentorshipStatus>("mentorship_status");
        o.MapEnum<PublicationStatus>("publication_status");
        o.MapEnum<CommitmentKind>("commitment_kind");
        o.MapEnum<ApiRole>("api_role");
    }
}
