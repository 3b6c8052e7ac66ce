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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AtlasDbContext).Assembly);
    }

    /// <summary>Shared by the service and the design-time factory so migrations and runtime agree.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o =>
            {
                o.UseNetTopologySuite();
                MapEnums(o);
            })
            .UseSnakeCaseNamingConvention();

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
