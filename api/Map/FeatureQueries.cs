using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Map.Cql2;
using FrontrunnerAtlas.Api.OData;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace FrontrunnerAtlas.Api.Map;

public sealed record FeaturePage(int Matched, List<IFeature> Features);

/// <summary>What /items filters, orders and trims by; all parsed and checked before they get here.</summary>
public sealed record FeatureFilter(BoundingBox? Box = null, PlaceRole? Role = null, string? Country = null, Theme? Theme = null,
    DayInterval? When = null, IReadOnlyList<SortKey>? Sort = null, IReadOnlyList<string>? Properties = null, LambdaExpression? Where = null,
    string? FilterText = null);

/// <summary>A collection's extent from its data: WGS84 box (null when nothing has a point) and, for events, first and last day.</summary>
public sealed record CollectionExtent(double[]? Bbox, DateOnly? Start, DateOnly? End);

/// <summary>A place's published practices per theme, keyed by the themes' snake_case values ("spatial_planning").</summary>
public sealed record ThemeCounts(
    [property: JsonPropertyName("energy")] int Energy,
    [property: JsonPropertyName("mobility")] int Mobility,
    [property: JsonPropertyName("spatial_planning")] int SpatialPlanning);

/// <summary>
/// The SQL behind the feature collections. Every spatial filter compares the stored geometry column with an
/// envelope built in the column's SRID (ST_Intersects(location, envelope)), which the GiST index answers.
/// </summary>
internal static class FeatureQueries
{
    /// <summary>GeoJSON (RFC 7946) as NetTopologySuite writes it; "id" is the feature's id, not a property.</summary>
    public static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory(false, "id") } };

    private static readonly GeometryFactory Points = new(new PrecisionModel(), 4326);

    /// <summary>The feature properties of each collection, in the order features carry them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Properties = new Dictionary<string, string[]>
    {
        ["places"] = ["name", "localName", "kind", "country", "population", "role", "practiceCount", "integratedCount", "practiceCountByTheme"],
        ["practices"] = ["title", "localTitle", "summary", "language", "themes", "tags", "isIntegrated", "placeId", "placeName", "initiativeId"],
        ["events"] = ["title", "localTitle", "startDate", "endDate", "dateLabel", "virtual", "initiativeId", "hostPlaceId", "locationLabel", "summary"],
    };

    // sortby's columns, by queryable name (Queryables describes them). Nulls sort last both ways; the id breaks ties.
    private static readonly SortMap<Place> PlaceSorts = new SortMap<Place>()
        .Key("name", p => p.Name).Key("localName", p => p.LocalName).Key("kind", p => p.Kind).Key("country", p => p.Country)
        .Key("population", p => p.Population).Key("role", p => p.Role).Key("practiceCount", p => p.Practices.Count())
        .Key("integratedCount", p => p.Practices.Count(x => x.IsIntegrated));

    private static readonly SortMap<Practice> PracticeSorts = new SortMap<Practice>()
        .Key("title", p => p.Title).Key("localTitle", p => p.LocalTitle).Key("language", p => p.Language)
        .Key("isIntegrated", p => p.IsIntegrated).Key("placeId", p => p.PlaceId)
        .Key("placeName", p => p.Place == null ? null : p.Place.Name).Key("initiativeId", p => p.InitiativeId);

    private static readonly SortMap<Event> EventSorts = new SortMap<Event>()
        .Key("title", e => e.Title).Key("localTitle", e => e.LocalTitle).Key("startDate", e => e.StartDate)
        .Key("endDate", e => e.EndDate).Key("virtual", e => e.Virtual).Key("initiativeId", e => e.InitiativeId)
        .Key("hostPlaceId", e => e.HostPlaceId).Key("locationLabel", e => e.LocationLabel);

    /// <summary>A CQL2 filter as the predicate of the collection's entity (see FeatureFilter.Where); throws Cql2Exception.</summary>
    public static LambdaExpression Where(string collectionId, Cql2Predicate filter) => collectionId switch
    {
        "places" => Cql2Translator.ToPredicate<Place>(filter, collectionId, PlaceSorts.Columns, p => p.Location),
        "practices" => Cql2Translator.ToPredicate<Practice>(filter, collectionId, PracticeSorts.Columns, p => p.Place!.Location),
        _ => Cql2Translator.ToPredicate<Event>(filter, collectionId, EventSorts.Columns, e => e.HostPlace!.Location),
    };

    /// <summary>The names sortby takes per collection.</summary>
    public static IReadOnlyCollection<string> Sortable(string collectionId) => collectionId switch
    {
        "places" => PlaceSorts.Names,
        "practices" => PracticeSorts.Names,
        _ => EventSorts.Names,
    };

    public static async Task<FeaturePage> Places(AtlasDbContext db, FeatureFilter f, int skip, int take, string? id, CancellationToken ct)
    {
        var (box, role, country, theme) = (f.Box, f.Role, f.Country, f.Theme);
        var q = db.Places.AsNoTracking();
        if (id is not null) q = q.Where(p => p.Id == id);
        if (box is not null)
        {
            var envelope = box.ToPolygon();
            q = q.Where(p => p.Location != null && p.Location.Intersects(envelope));
        }
        if (role is not null) q = q.Where(p => p.Role == role);
        if (country is not null) q = q.Where(p => p.Country == country);
        if (theme is { } t) q = q.Where(p => p.Practices.Any(x => x.Themes.Contains(t)));
        if (f.Where is Expression<Func<Place, bool>> where) q = q.Where(where);
        var matched = await q.CountAsync(ct);
        var rows = await PlaceSorts.Apply(q, f.Sort, p => p.Id).Skip(skip).Take(take).Select(p => new
        {
            p.Id, p.Name, p.LocalName, p.Kind, p.Country, p.Latitude, p.Longitude, p.Population, p.Role,
            Energy = p.Practices.Count(x => x.Themes.Contains(Theme.Energy)),
            Mobility = p.Practices.Count(x => x.Themes.Contains(Theme.Mobility)),
            Spatial = p.Practices.Count(x => x.Themes.Contains(Theme.SpatialPlanning)),
            Integrated = p.Practices.Count(x => x.IsIntegrated),
            Total = p.Practices.Count(),
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, f.Properties, new AttributesTable
        {
            { "name", r.Name },
            { "localName", r.LocalName },
            { "kind", QueryValues.Snake(r.Kind) },
            { "country", r.Country },
            { "population", r.Population },
            { "role", QueryValues.Snake(r.Role) },
            { "practiceCount", r.Total },
            { "integratedCount", r.Integrated },
            { "practiceCountByTheme", new ThemeCounts(r.Energy, r.Mobility, r.Spatial) },
        })).ToList());
    }

    public static async Task<FeaturePage> Practices(AtlasDbContext db, FeatureFilter f, int skip, int take, string? id, CancellationToken ct)
    {
        var (box, role, country, theme) = (f.Box, f.Role, f.Country, f.Theme);
        var q = db.PublishedPractices();
        if (id is not null) q = q.Where(p => p.Id == id);
        if (box is not null)
        {
            var envelope = box.ToPolygon();
            q = q.Where(p => p.Place!.Location != null && p.Place.Location.Intersects(envelope));
        }
        if (role is not null) q = q.Where(p => p.Place!.Role == role);
        if (country is not null) q = q.Where(p => p.Place!.Country == country);
        if (theme is { } t) q = q.Where(p => p.Themes.Contains(t));
        if (f.Where is Expression<Func<Practice, bool>> where) q = q.Where(where);
        var matched = await q.CountAsync(ct);
        var rows = await PracticeSorts.Apply(q, f.Sort, p => p.Id).Skip(skip).Take(take).Select(p => new
        {
            p.Id, p.Title, p.LocalTitle, p.Summary, p.Themes, p.Tags, p.IsIntegrated, p.PlaceId, p.InitiativeId, p.Language,
            Latitude = p.Place == null ? null : p.Place.Latitude,
            Longitude = p.Place == null ? null : p.Place.Longitude,
            PlaceName = p.Place == null ? null : p.Place.Name,
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, f.Properties, new AttributesTable
        {
            { "title", r.Title },
            { "localTitle", r.LocalTitle },
            { "summary", r.Summary },
            { "language", r.Language },
            { "themes", r.Themes.Select(QueryValues.Snake).ToList() },
            { "tags", r.Tags },
            { "isIntegrated", r.IsIntegrated },
            { "placeId", r.PlaceId },
            { "placeName", r.PlaceName },
            { "initiativeId", r.InitiativeId },
        })).ToList());
    }

    public static async Task<FeaturePage> Events(AtlasDbContext db, FeatureFilter f, int skip, int take, string? id, CancellationToken ct)
    {
        var (box, role, country, theme) = (f.Box, f.Role, f.Country, f.Theme);
        var q = db.Events.AsNoTracking();
        if (id is not null) q = q.Where(e => e.Id == id);
        if (box is not null)
        {
            var envelope = box.ToPolygon();
            q = q.Where(e => e.HostPlace!.Location != null && e.HostPlace.Location.Intersects(envelope));
        }
        if (role is not null) q = q.Where(e => e.HostPlace!.Role == role);
        if (country is not null) q = q.Where(e => e.HostPlace!.Country == country);
        if (theme is { } t) q = q.Where(e => e.Themes.Contains(t));
        if (f.When is { } when)
        {
            // [startDate, endDate] overlaps the interval; a one-day event has no endDate of its own, an undated one never matches.
            q = q.Where(e => e.StartDate != null);
            if (when.To is { } to) q = q.Where(e => e.StartDate <= to);
            if (when.From is { } from) q = q.Where(e => (e.EndDate ?? e.StartDate) >= from);
        }
        if (f.Where is Expression<Func<Event, bool>> where) q = q.Where(where);
        var matched = await q.CountAsync(ct);
        var rows = await EventSorts.Apply(q, f.Sort, e => e.Id).Skip(skip).Take(take).Select(e => new
        {
            e.Id, e.Title, e.LocalTitle, e.StartDate, e.EndDate, e.DateLabel, e.Virtual, e.InitiativeId, e.HostPlaceId,
            e.LocationLabel, e.Summary,
            Latitude = e.HostPlace == null ? null : e.HostPlace.Latitude,
            Longitude = e.HostPlace == null ? null : e.HostPlace.Longitude,
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, f.Properties, new AttributesTable
        {
            { "title", r.Title },
            { "localTitle", r.LocalTitle },
            { "startDate", r.StartDate?.ToString("yyyy-MM-dd") },
            { "endDate", r.EndDate?.ToString("yyyy-MM-dd") },
            { "dateLabel", r.DateLabel },
            { "virtual", r.Virtual },
            { "initiativeId", r.InitiativeId },
            { "hostPlaceId", r.HostPlaceId },
            { "locationLabel", r.LocationLabel },
            { "summary", r.Summary },
        })).ToList());
    }

    private static IFeature Feature(string id, double? lon, double? lat, IReadOnlyList<string>? only, AttributesTable properties)
    {
        if (only is not null)
            foreach (var name in properties.GetNames().Where(n => !only.Contains(n)).ToList()) properties.DeleteAttribute(name);
        properties.Add("id", id); // written as the feature's "id" (see GeoJson), not among its properties
        // RFC 7946 allows a null geometry: a place the sources give no coordinates for is still listed.
        var point = lon is null || lat is null ? null : Points.CreatePoint(new Coordinate(Math.Round(lon.Value, 6), Math.Round(lat.Value, 6)));
        return new Feature(point, properties);
    }

    /// <summary>
    /// The collection's extent in one aggregate query (MIN/MAX skip features without a point or a date), rounded
    /// outwards to the 6 decimals the features are written with, so every feature lies inside.
    /// </summary>
    public static async Task<CollectionExtent> Extent(AtlasDbContext db, string collectionId, CancellationToken ct)
    {
        var row = collectionId switch
        {
            "places" => await db.Places.GroupBy(_ => 1).Select(g => new
            {
                MinLon = g.Min(p => p.Longitude), MinLat = g.Min(p => p.Latitude), MaxLon = g.Max(p => p.Longitude), MaxLat = g.Max(p => p.Latitude),
                Start = (DateOnly?)null, End = (DateOnly?)null,
            }).FirstOrDefaultAsync(ct),
            "practices" => await db.PublishedPractices().GroupBy(_ => 1).Select(g => new
            {
                MinLon = g.Min(p => p.Place!.Longitude), MinLat = g.Min(p => p.Place!.Latitude),
                MaxLon = g.Max(p => p.Place!.Longitude), MaxLat = g.Max(p => p.Place!.Latitude),
                Start = (DateOnly?)null, End = (DateOnly?)null,
            }).FirstOrDefaultAsync(ct),
            _ => await db.Events.AsNoTracking().GroupBy(_ => 1).Select(g => new
            {
                MinLon = g.Min(e => e.HostPlace!.Longitude), MinLat = g.Min(e => e.HostPlace!.Latitude),
                MaxLon = g.Max(e => e.HostPlace!.Longitude), MaxLat = g.Max(e => e.HostPlace!.Latitude),
                Start = g.Min(e => e.StartDate), End = g.Max(e => e.EndDate ?? e.StartDate),
            }).FirstOrDefaultAsync(ct),
        };
        if (row is null) return new CollectionExtent(null, null, null);
        double[]? bbox = row.MinLon is { } x0 && row.MinLat is { } y0 && row.MaxLon is { } x1 && row.MaxLat is { } y1
            ? [Math.Floor(x0 * 1e6) / 1e6, Math.Floor(y0 * 1e6) / 1e6, Math.Ceiling(x1 * 1e6) / 1e6, Math.Ceiling(y1 * 1e6) / 1e6]
            : null;
        return new CollectionExtent(bbox, row.Start, row.End);
    }
}

/// <summary>
/// The queryables of one entity: each name with its column, ordered by sortby as ORDER BY and compared by CQL2
/// filters (Cql2Translator), both through EF (never SQL text).
/// </summary>
internal sealed class SortMap<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, bool, IOrderedQueryable<T>>> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LambdaExpression> _columns = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _keys.Keys;

    public IReadOnlyDictionary<string, LambdaExpression> Columns => _columns;

    public SortMap<T> Key<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        var nullable = !typeof(TKey).IsValueType || Nullable.GetUnderlyingType(typeof(TKey)) is not null;
        // "key IS NULL" first (false before true), so nulls come last whichever way the key itself goes.
        var isNull = nullable
            ? Expression.Lambda<Func<T, bool>>(Expression.Equal(key.Body, Expression.Constant(null, typeof(TKey))), key.Parameters)
            : null;
        _columns[name] = key;
        _keys[name] = (q, then, descending) =>
        {
            if (isNull is not null)
            {
                var o = then ? ((IOrderedQueryable<T>)q).ThenBy(isNull) : q.OrderBy(isNull);
                return descending ? o.ThenByDescending(key) : o.ThenBy(key);
            }
            if (then) return descending ? ((IOrderedQueryable<T>)q).ThenByDescending(key) : ((IOrderedQueryable<T>)q).ThenBy(key);
            return descending ? q.OrderByDescending(key) : q.OrderBy(key);
        };
        return this;
    }

    /// <summary>The keys in order, then the id (stable pages); only the id when there are none.</summary>
    public IOrderedQueryable<T> Apply(IQueryable<T> q, IReadOnlyList<SortKey>? sort, Expression<Func<T, string>> id)
    {
        if (sort is null || sort.Count == 0) return q.OrderBy(id);
        var first = true;
        foreach (var k in sort)
        {
            q = _keys[k.Property](q, !first, k.Descending);
            first = false;
        }
        return ((IOrderedQueryable<T>)q).ThenBy(id);
    }
}
