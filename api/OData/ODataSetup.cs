using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.OData.Spatial;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.AspNetCore.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Microsoft.OData.UriParser;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>Limits that keep one OData query from exhausting the server. Section "OData" of the configuration.</summary>
public sealed class ODataLimitsOptions
{
    public const string Section = "OData";
    /// <summary>Largest $top a client may ask for.</summary>
    public int MaxTop { get; set; } = 1000;
    /// <summary>Server-driven page size: longer results end with @odata.nextLink.</summary>
    public int PageSize { get; set; } = 200;
    /// <summary>How deeply $expand may nest (Places → Practices → Initiative is depth 2).</summary>
    public int MaxExpansionDepth { get; set; } = 3;
    /// <summary>Largest number of nodes in a $filter or $orderby syntax tree.</summary>
    public int MaxNodeCount { get; set; } = 200;
    /// <summary>How deeply any/all lambdas may nest.</summary>
    public int MaxAnyAllExpressionDepth { get; set; } = 2;
    /// <summary>How long one OData query may run in PostgreSQL before it is cancelled (answer: 503 with a clear message).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

public static class ODataSetup
{
    public const string RoutePrefix = "odata";

    public static IServiceCollection AddAtlasOData(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ODataLimitsOptions>(config.GetSection(ODataLimitsOptions.Section));
        var limits = config.GetSection(ODataLimitsOptions.Section).Get<ODataLimitsOptions>() ?? new ODataLimitsOptions();
        services.AddControllers().AddOData(o => o
            .EnableQueryFeatures(limits.MaxTop)
            .AddRouteComponents(RoutePrefix, BuildModel(), s => s
                // Lets researchers write Themes/any(t: t eq 'Energy') without the enum's namespace.
                .AddSingleton<ODataUriResolver>(new StringAsEnumResolver { EnableCaseInsensitive = true })
                .AddSpatialOData()));
        // Next links page with $skip: a $skiptoken pages by comparing ordered values, which loses rows whose
        // ordered value is null (and nulls are ordered as OData says, see NullOrdering).
        services.Configure<Microsoft.AspNetCore.OData.ODataOptions>(o => o.QueryConfigurations.EnableSkipToken = false);
        services.Configure<Microsoft.AspNetCore.OData.ODataOptions>(o => o.Conventions.Add(new PropertyPathConvention()));
        return services;
    }

    public static IEdmModel BuildModel()
    {
        var b = new ODataConventionModelBuilder { Namespace = "Atlas", ContainerName = "Atlas" };
        b.EntitySet<Place>("Places");
        b.EntitySet<Practice>("Practices");
        b.EntitySet<Initiative>("Initiatives");
        b.EntitySet<Event>("Events");
        b.EntitySet<Mentorship>("Mentorships");
        b.EntitySet<MentorshipUpdate>("MentorshipUpdates");
        b.EntitySet<Membership>("Memberships");
        b.EntitySet<Commitment>("Commitments");
        b.EntitySet<Tag>("Tags");
        b.EntitySet<SourceDocument>("Sources").EntityType.Ignore(s => s.File);
        // The builder cannot describe an NTS point; Location is added to the built model as Edm.GeographyPoint.
        b.EntityType<Place>().Ignore(p => p.Location);
        // A grouping through an optional navigation (Practices groupby Place/Country, Mentorships groupby MentorPlace/Name)
        // has a null group; the places and initiatives such navigations reach declare their properties nullable so
        // that the group can be written (keys stay non-nullable).
        // Applied after the conventions, which would otherwise mark non-nullable CLR properties required again.
        b.OnModelCreating = builder =>
        {
            var place = builder.EntityType<Place>();
            place.Property(p => p.Name).IsNullable();
            place.Property(p => p.Country).IsNullable();
            place.Property(p => p.Source).IsNullable();
            place.Property(p => p.External).IsNullable();
            place.EnumProperty(p => p.Kind).IsNullable();
            place.EnumProperty(p => p.Role).IsNullable();
            place.EnumProperty(p => p.Status).IsNullable();
            var initiative = builder.EntityType<Initiative>();
            initiative.Property(i => i.Name).IsNullable();
            initiative.Property(i => i.Source).IsNullable();
            initiative.Property(i => i.External).IsNullable();
            initiative.EnumProperty(i => i.Kind).IsNullable();
            initiative.EnumProperty(i => i.Status).IsNullable();
        };
        // The ETag (xmin) is the write API's; as an OData property it cannot even be compared (PostgreSQL's xid).
        foreach (var type in b.StructuralTypes.Where(t => typeof(Curation.ICurated).IsAssignableFrom(t.ClrType) || t.ClrType == typeof(Mentorship)))
            type.RemoveProperty(type.ClrType.GetProperty("Version")!);
        // Curators' notes and the importer's bookkeeping are not for the public.
        foreach (var type in b.StructuralTypes.Where(t => typeof(Curation.ITracked).IsAssignableFrom(t.ClrType)))
            foreach (var name in new[] { nameof(Curation.ITracked.CuratorNote), nameof(Curation.ITracked.CuratedAt), nameof(Curation.ITracked.ImportedAt) })
                type.RemoveProperty(type.ClrType.GetProperty(name)!);
        foreach (var t in b.StructuralTypes) t.Namespace = "Atlas";
        foreach (var e in b.EnumTypes) e.Namespace = "Atlas";
        var model = b.GetEdmModel();
        SpatialOData.AddLocation(model);
        return model;
    }
}
