using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FrontrunnerAtlas.Api.Places;

/// <summary>Place lookups that OData cannot express: distances on the sphere.</summary>
public static class PlacesEndpoints
{
    public sealed record NearbyPlace(string Id, string Name, string Country, string Role, int? Population, double DistanceKm);

    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/places/{id}/nearby", Nearby);
        return app;
    }

    private static async Task<IResult> Nearby(AtlasDbContext db, string id, double? km, int? limit, CancellationToken ct)
    {
        var radiusKm = km ?? 300;
        var take = limit ?? 20;
        if (!double.IsFinite(radiusKm) || radiusKm <= 0 || radiusKm > 5000)
            return Results.Problem(statusCode: 400, title: "Invalid km", detail: "km must be a distance above 0 and at most 5000.");
        if (take is < 1 or > 500)
            return Results.Problem(statusCode: 400, title: "Invalid limit", detail: "limit must be from 1 to 500.");
        var origin = await db.Places.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.Latitude }).FirstOrDefaultAsync(ct);
        if (origin is null) return Results.Problem(statusCode: 404, title: "No such place", detail: $"There is no place '{id}'.");
        if (origin.Latitude is null)
            return Results.Problem(statusCode: 400, title: "Place has no location", detail: $"The sources give no coordinates for '{id}'.");
        return Results.Ok(await FindNearby(db, id, radiusKm, take, ct));
    }

    /// <summary>
    /// Places within a radius, nearest first. The predicate is written on location::geography so that the
    /// expression GiST index ix_places_location_geography answers it in metres on the spheroid.
    /// </summary>
    public static async Task<List<NearbyPlace>> FindNearby(AtlasDbContext db, string id, double radiusKm, int take, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            await using var cmd = new NpgsqlCommand(NearbySql, conn);
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("metres", radiusKm * 1000);
            cmd.Parameters.AddWithValue("take", take);
            var result = new List<NearbyPlace>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                result.Add(new NearbyPlace(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), Math.Round(reader.GetDouble(5), 1)));
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal const string NearbySql = $"""
        SELECT p.id, p.name, p.country, p.role::text, p.population,
               ST_Distance(p.location::geography, o.location::geography) / 1000.0 AS distance_km
        FROM {CuratedSql.Places} o
        JOIN {CuratedSql.Places} p ON p.id <> o.id
                     AND ST_DWithin(p.location::geography, o.location::geography, @metres)
        WHERE o.id = @id
        ORDER BY distance_km, p.id
        LIMIT @take
        """;
}
