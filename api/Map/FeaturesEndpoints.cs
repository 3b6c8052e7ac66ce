using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Map.Cql2;
using FrontrunnerAtlas.Api.OData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>
/// OGC API - Features (Part 1, core + GeoJSON) for places, practices and events, as pg_featureserv and
/// pygeoapi serve them: /collections, /collections/{id}/items?bbox=&amp;limit=&amp;offset=, /collections/{id}/items/{fid}.
/// </summary>
public static class FeaturesEndpoints
{
    public const string GeoJson = "application/geo+json";

    private static readonly (string Id, string Title, string Description)[] Collections =
    [
        ("places", "Places", "Cities, municipalities, regions and village areas, with their role and practice counts per theme."),
        ("practices", "Practices", "Published good practices; a practice's point is its place's point."),
        ("events", "Events", "Meetings, conferences and study visits of the networks, at their host place."),
    ];

    public static IServiceCollection AddMap(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MapOptions>(config.GetSection(MapOptions.Section));
        services.AddSingleton<IHybridCacheSerializer<LayerBody>, LayerBody.Serializer>();
        return services.AddCql2Filter();
    }

    public static IEndpointRouteBuilder MapMap(this IEndpointRouteBuilder app)
    {
        // Exactly what is implemented: Part 1 core, GeoJSON and OpenAPI 3, Part 3's queryables and filtering with
        // CQL2 (Cql2Filter). sortby is served but claimed nowhere: Part 1 and 3 define no conformance class for it.
        app.MapGet("/conformance", () => Results.Json(new
        {
            conformsTo = new[]
            {
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            }.Concat(Cql2Filter.ConformanceClasses),
        }));
        app.MapGet("/collections", async (HttpContext http, AtlasCache cache, CancellationToken ct) =>
        {
            var collections = new List<object>();
            foreach (var c in Collections) collections.Add(Describe(http, c, await ExtentOf(cache, c.Id, ct)));
            return Results.Json(new { links = new[] { Link(http, "/collections", "self", "application/json") }, collections });
        });
        app.MapGet("/collections/{collectionId}", async (HttpContext http, AtlasCache cache, string collectionId, CancellationToken ct) =>
        {
            var c = Collections.FirstOrDefault(c => c.Id == collectionId);
            return c.Id is null ? NoCollection(collectionId) : Results.Json(Describe(http, c, await ExtentOf(cache, c.Id, ct)));
        });
        app.MapGet("/collections/{collectionId}/queryables", (HttpContext http, string collectionId) =>
        {
            var c = Collections.FirstOrDefault(c => c.Id == collectionId);
            if (c.Id is null) return NoCollection(collectionId);
            return Results.Json(Queryables.Schema(c.Id, c.Title, PublicLinks.Base(http) + $"/collections/{c.Id}/queryables"),
                contentType: Queryables.SchemaJson);
        });
        app.MapGet("/collections/{collectionId}/items", Items);
        app.MapGet("/collections/{collectionId}/items/{featureId}", Item);
        return app;
    }

    /// <summary>The extent from the data, cached with the catalogue's answers (dropped on every change).</summary>
    private static Task<CollectionExtent> ExtentOf(AtlasCache cache, string collectionId, CancellationToken ct) =>
        cache.GetOrCreateAsync("extent", CacheKey.Of(("collection", collectionId)), (services, token) => FeatureQueries.Extent(services.GetRequiredService<AtlasDbContext>(), collectionId, token), ct);

    private static object Describe(HttpContext http, (string Id, string Title, string Description) c, CollectionExtent extent)
    {
        var e = new Dictionary<string, object>();
        if (extent.Bbox is { } bbox)
            e["spatial"] = new { bbox = new[] { bbox }, crs = "http://www.opengis.net/def/crs/OGC/1.3/CRS84" };
        if (extent.Start is { } start && extent.End is { } end)
            e["temporal"] = new
            {
                interval = new[] { new[] { $"{start:yyyy-MM-dd}T00:00:00Z", $"{end:yyyy-MM-dd}T23:59:59Z" } },
                trs = "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian",
            };
        return new
        {
            id = c.Id,
            title = c.Title,
            description = c.Description,
            itemType = "feature",
            crs = new[] { "http://www.opengis.net/def/crs/OGC/1.3/CRS84" },
            extent = e,
            links = new[]
            {
                Link(http, $"/collections/{c.Id}", "self", "application/json"),
                Link(http, "/collections", "collection", "application/json"),
                Link(http, $"/collections/{c.Id}/items", "items", GeoJson),
                Link(http, $"/collections/{c.Id}/queryables", Queryables.Rel, Queryables.SchemaJson),
            },
        };
    }

    /// <summary>What /items takes; anything else is a 400 and never reaches the cache key.</summary>
    private static readonly string[] ItemParameters =
        ["bbox", "limit", "offset", "role", "country", "theme", "datetime", "properties", "sortby", .. Cql2Filter.Parameters];

    private static async Task<IResult> Items(HttpContext http, IOptions<MapOptions> options, AtlasCache cache,
        string collectionId, string? bbox, string? limit, string? offset, string? role, string? country,
        string? theme, string? datetime, string? properties, string? sortby, CancellationToken ct)
    {
        var o = options.Value;
        if (!Collections.Any(c => c.Id == collectionId)) return NoCollection(collectionId);
        if (QueryValues.RejectUnknown(http.Request.Query, ItemParameters) is { } unknown) return unknown;
        if (!BoundingBox.TryParse(bbox, out var box, out var bboxError)) return Bad("Invalid bbox", bboxError);
        if (!QueryValues.TryInt(limit, o.DefaultLimit, 1, o.MaxLimit, out var take))
            return Bad("Invalid limit", $"limit must be a whole number from 1 to {o.MaxLimit}.");
        if (!QueryValues.TryInt(offset, 0, 0, int.MaxValue, out var skip))
            return Bad("Invalid offset", "offset must be a whole number of 0 or more.");
        if (!QueryValues.TryEnum<Catalogue.PlaceRole>(role, out var roleValue)) return Bad("Invalid role", $"role must be one of {QueryValues.SnakeNames<Catalogue.PlaceRole>()}.");
        if (!QueryValues.TryEnum<Theme>(theme, out var themeValue)) return Bad("Invalid theme", $"theme must be one of {QueryValues.SnakeNames<Theme>()}.");
        var countryValue = country?.ToUpperInvariant();
        if (datetime is not null && collectionId != "events")
            return Bad("Invalid datetime", $"datetime: the collection '{collectionId}' has no temporal property; only 'events' takes datetime.");
        if (!OgcParameters.TryDateTime(datetime, out var when, out var datetimeError)) return Bad("Invalid datetime", datetimeError!);
        if (!OgcParameters.TryProperties(properties, FeatureQueries.Properties[collectionId], out var only, out var propertiesError))
            return Bad("Invalid properties", propertiesError!);
        if (!OgcParameters.TrySortBy(sortby, FeatureQueries.Sortable(collectionId), out var sort, out var sortError))
            return Bad("Invalid sortby", sortError!);
        var cql = Cql2Filter.Read(http.Request.Query, collectionId, o);
        if (cql.Problem is { } badFilter) return badFilter;
        var filter = new FeatureFilter(box, roleValue, countryValue, themeValue, when, sort, only, cql.Where, cql.Canonical);

        // The map layer is the hottest read of all. Cached: the whole answer with its encodings (LayerBody), keyed by
        // the parsed parameters (not the URL, so order and spelling do not multiply entries), its links written from
        // them too. Every parameter that changes the features is in the key; sortby keeps its order, properties do not need one.
        var key = CacheKey.Of(("collection", collectionId), ("bbox", box), ("role", roleValue), ("country", countryValue),
            ("theme", themeValue), ("datetime", when), ("sortby", string.Join(',', sort)),
            ("properties", only is null ? null : "[" + string.Join(',', only.Order(StringComparer.Ordinal)) + "]"),
            ("filter", cql.Canonical), ("offset", skip), ("limit", take));
        // Read before the factory, which may outlive this request (see AtlasCache).
        var linkBase = PublicLinks.Base(http);
        // The links' base is in the key: instances with different public addresses may share one Redis.
        var layer = await cache.GetOrCreateAsync("items", key + "&" + CacheKey.Of(("links", linkBase)), async (services, token) =>
        {
            var db = services.GetRequiredService<AtlasDbContext>();
            var page = collectionId switch
            {
                "places" => await FeatureQueries.Places(db, filter, skip, take, null, token),
                "practices" => await FeatureQueries.Practices(db, filter, skip, take, null, token),
                _ => await FeatureQueries.Events(db, filter, skip, take, null, token),
            };
            var slice = new FeatureSlice(page.Matched, page.Features.Count, JsonSerializer.SerializeToUtf8Bytes(page.Features, FeatureQueries.GeoJson));
            return LayerBody.Of(FeatureCollection(linkBase, collectionId, filter, skip, take, slice), services);
        }, ct);
        return layer.Result(GeoJson);
    }

    /// <summary>
    /// The whole answer. Its links are written from the parsed parameters in one spelling and order, so that every
    /// request sharing the cache entry gets the same bytes; timeStamp is when the features were read.
    /// </summary>
    private static byte[] FeatureCollection(string linkBase, string collectionId, FeatureFilter filter, int skip, int take, FeatureSlice slice)
    {
        var links = new List<OgcLink>
        {
            Link(linkBase, ItemsUrl(collectionId, filter, skip, take), "self", GeoJson),
            Link(linkBase, $"/collections/{collectionId}", "collection", "application/json"),
        };
        if (skip + slice.Returned < slice.Matched)
            links.Add(Link(linkBase, ItemsUrl(collectionId, filter, skip + take, take), "next", GeoJson));
        if (skip > 0)
            links.Add(Link(linkBase, ItemsUrl(collectionId, filter, Math.Max(0, skip - take), take), "prev", GeoJson));

        var body = new ArrayBufferWriter<byte>(slice.Features.Length + 1024);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteNumber("numberMatched", slice.Matched);
            json.WriteNumber("numberReturned", slice.Returned);
            json.WriteString("timeStamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            json.WritePropertyName("links");
            JsonSerializer.Serialize(json, links, LinkJson);
            json.WritePropertyName("features");
            json.WriteRawValue(slice.Features, skipInputValidation: true); // written by the serializer above
            json.WriteEndObject();
        }
        return body.WrittenSpan.ToArray();
    }

    /// <summary>An items URL in one spelling and order of the parsed parameters (enum values in snake_case), whatever the request's.</summary>
    private static string ItemsUrl(string collectionId, FeatureFilter filter, int offset, int limit)
    {
        (string Name, string? Value)[] parameters =
        [
            ("bbox", filter.Box?.ToString()), ("limit", limit.ToString(CultureInfo.InvariantCulture)),
            ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("role", filter.Role is { } role ? QueryValues.Snake(role) : null),
            ("country", filter.Country), ("theme", filter.Theme is { } theme ? QueryValues.Snake(theme) : null), ("datetime", filter.When?.ToString()),
            ("properties", filter.Properties is { } only ? string.Join(',', only.Order(StringComparer.Ordinal)) : null),
            ("sortby", filter.Sort is { Count: > 0 } sort ? string.Join(',', sort) : null),
            // The canonical CQL2 text, so that next/prev pages keep the filter.
            ("filter", filter.FilterText), ("filter-lang", filter.FilterText is null ? null : "cql2-text"),
        ];
        // Commas and slashes may stand in a query; left as they are, bbox, properties, sortby and datetime stay readable.
        var query = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!).Replace("%2C", ",").Replace("%2F", "/")}");
        return $"/collections/{collectionId}/items?{string.Join('&', query)}";
    }

    private static async Task<IResult> Item(HttpContext http, AtlasDbContext db, string collectionId, string featureId, CancellationToken ct)
    {
        if (!Collections.Any(c => c.Id == collectionId)) return NoCollection(collectionId);
        var page = collectionId switch
        {
            "places" => await FeatureQueries.Places(db, new FeatureFilter(), 0, 1, featureId, ct),
            "practices" => await FeatureQueries.Practices(db, new FeatureFilter(), 0, 1, featureId, ct),
            _ => await FeatureQueries.Events(db, new FeatureFilter(), 0, 1, featureId, ct),
        };
        if (page.Features.Count == 0)
            return Results.Problem(statusCode: 404, title: "No such feature", detail: $"The collection '{collectionId}' has no item '{featureId}'.");
        var feature = JsonSerializer.SerializeToNode(page.Features[0], FeatureQueries.GeoJson)!.AsObject();
        feature["links"] = JsonSerializer.SerializeToNode(new[]
        {
            Link(http, $"/collections/{collectionId}/items/{featureId}", "self", GeoJson),
            Link(http, $"/collections/{collectionId}", "collection", "application/json"),
        }, LinkJson);
        return Results.Text(feature.ToJsonString(), GeoJson);
    }

    public sealed record OgcLink(string Href, string Rel, string Type);

    private static readonly JsonSerializerOptions LinkJson = new(JsonSerializerDefaults.Web);

    /// <summary>An absolute link on PublicLinks.Base: never on the request's Host header.</summary>
    private static OgcLink Link(HttpContext http, string path, string rel, string type) => Link(PublicLinks.Base(http), path, rel, type);

    private static OgcLink Link(string linkBase, string path, string rel, string type) => new(linkBase + path, rel, type);

    private static IResult Bad(string title, string detail) => Results.Problem(statusCode: 400, title: title, detail: detail);

    private static IResult NoCollection(string id) =>
        Results.Problem(statusCode: 404, title: "No such collection", detail: $"There is no collection '{id}'; see /collections.");
}
