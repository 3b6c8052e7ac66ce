using System.Text.Json;
using System.Text.Json.Serialization;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.OData;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace FrontrunnerAtlas.Api.Map;

public sealed record FeaturePage(int Matched, List<IFeature> Features);

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

    public static async Task<FeaturePage> Places(AtlasDbContext db, BoundingBox? box, PlaceRole? role, string? country,
        Theme? theme, int skip, int take, string? id, CancellationToken ct)
    {
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
        var matched = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Id).Skip(skip).Take(take).Select(p => new
        {
            p.Id, p.Name, p.LocalName, p.Kind, p.Country, p.Latitude, p.Longitude, p.Population, p.Role,
            Energy = p.Practices.Count(x => x.Themes.Contains(Theme.Energy)),
            Mobility = p.Practices.Count(x => x.Themes.Contains(Theme.Mobility)),
            Spatial = p.Practices.Count(x => x.Themes.Contains(Theme.SpatialPlanning)),
            Integrated = p.Practices.Count(x => x.IsIntegrated),
            Total = p.Practices.Count(),
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, new AttributesTable
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

    public static async Task<FeaturePage> Practices(AtlasDbContext db, BoundingBox? box, PlaceRole? role, string? country,
        Theme? theme, int skip, int take, string? id, CancellationToken ct)
    {
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
        var matched = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Id).Skip(skip).Take(take).Select(p => new
        {
            p.Id, p.Title, p.LocalTitle, p.Summary, p.Themes, p.Tags, p.IsIntegrated, p.PlaceId, p.InitiativeId, p.Language,
            Latitude = p.Place == null ? null : p.Place.Latitude,
            Longitude = p.Place == null ? null : p.Place.Longitude,
            PlaceName = p.Place == null ? null : p.Place.Name,
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, new AttributesTable
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

    public static async Task<FeaturePage> Events(AtlasDbContext db, BoundingBox? box, PlaceRole? role, string? country,
        Theme? theme, int skip, int take, string? id, CancellationToken ct)
    {
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
        var matched = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.Id).Skip(skip).Take(take).Select(e => new
        {
            e.Id, e.Title, e.LocalTitle, e.StartDate, e.EndDate, e.DateLabel, e.Virtual, e.InitiativeId, e.HostPlaceId,
            e.LocationLabel, e.Summary,
            Latitude = e.HostPlace == null ? null : e.HostPlace.Latitude,
            Longitude = e.HostPlace == null ? null : e.HostPlace.Longitude,
        }).ToListAsync(ct);
        return new FeaturePage(matched, rows.Select(r => Feature(r.Id, r.Longitude, r.Latitude, new AttributesTable
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

    private static IFeature Feature(string id, double? lon, double? lat, AttributesTable properties)
    {
        properties.Add("id", id); // written as the feature's "id" (see GeoJson), not among its properties
        // RFC 7946 allows a null geometry: a place the sources give no coordinates for is still listed.
        var point = lon is null || lat is null ? null : Points.CreatePoint(new Coordinate(Math.Round(lon.Value, 6), Math.Round(lat.Value, 6)));
        return new Feature(point, properties);
    }
}
