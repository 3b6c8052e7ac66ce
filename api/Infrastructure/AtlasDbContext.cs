using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Accounts;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using System.Linq.Expressions;
using FrontrunnerAtlas.Api.Curation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// One context for the whole catalogue and the accounts (ASP.NET Core Identity's tables live next to the catalogue);
/// each capability folder contributes its own entity configuration.
/// </summary>
public sealed class AtlasDbContext(DbContextOptions<AtlasDbContext> options) : IdentityDbContext<AtlasUser>(options)
{
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Mentorship> Mentorships => Set<Mentorship>();
    public DbSet<MentorshipUpdate> MentorshipUpdates => Set<MentorshipUpdate>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<SourceDocument> Sources => Set<SourceDocument>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's tables first: the configurations below (roles seeded, user columns) refine them.
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AtlasDbContext).Assembly);
        OData.Spatial.Geography.Register(modelBuilder);

        // The public sees published records only, everywhere (OData and its $expand, the map, search, mentors):
        // one filter, given by convention to every curated entity. The write API and the importer look past it
        // with IgnoreQueryFilters(); raw SQL on public paths reads the same rule from CuratedSql.
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ICurated).IsAssignableFrom(t.ClrType) && !t.IsOwned()).ToList())
        {
            var e = Expression.Parameter(type.ClrType, "e");
            var published = Expression.Equal(Expression.Property(e, nameof(ICurated.Status)), Expression.Constant(PublicationStatus.Published));
            modelBuilder.Entity(type.ClrType).HasQueryFilter(Expression.Lambda(published, e));
            // xmin as the concurrency token (the ETag).
            modelBuilder.Entity(type.ClrType).Property(nameof(ICurated.Version)).IsRowVersion();
            modelBuilder.Entity(type.ClrType).HasIndex(nameof(ICurated.Status));
        }
        modelBuilder.Entity<Mentorship>().Property(m => m.Version).IsRowVersion();
    }

    /// <summary>
    /// Identity reads its schema version from the application's services; a context made outside the service
    /// (the design-time factory, tests, benchmarks) has none and would get schema 1, without the passkeys table.
    /// </summary>
    private static readonly Lazy<IServiceProvider> StandaloneServices = new(() => new ServiceCollection()
        .Configure<IdentityOptions>(i => i.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider());

    /// <summary>Shared by the service and the design-time factory so migrations and runtime agree.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        if (builder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
            builder.UseApplicationServiceProvider(StandaloneServices.Value);
        ConfigureNpgsql(builder, connectionString);
    }

    private static void ConfigureNpgsql(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o =>
            {
                o.UseNetTopologySuite();
                MapEnums(o);
            })
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(OData.NullOrderingInterceptor.Instance)
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
        o.MapEnum<RoleSource>("role_source");
        o.MapEnum<MentorshipParty>("mentorship_party");
    }
}
