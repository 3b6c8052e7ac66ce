using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>A town as /api/towns lists it.</summary>
public sealed record TownDto(long GeonamesId, string Name, string Country, int? Population, double Latitude, double Longitude, string? PlaceId);

/// <summary>A town with its nearest published catalogue places (/api/towns/{geonamesId}).</summary>
public sealed record TownDetail(long GeonamesId, string Name, string Country, string? Admin1Code, string FeatureCode, int? Population,
    double Latitude, double Longitude, string? PlaceId, IReadOnlyList<NearPlace> NearestPlaces);

/// <summary>A catalogue place near a town: distance on the spheroid, and its published practices.</summary>
public sealed record NearPlace(string Id, string Name, string Country, string Role, int? Population, double DistanceKm, IReadOnlyList<PracticeRef> Practices);

public sealed record PracticeRef(string Id, string Title, IReadOnlyList<Theme> Themes);

/// <summary>The gazetteer: GET /api/towns (find a town by name) and GET /api/towns/{geonamesId}.</summary>
public static class TownsEndpoints
{
    public static IServiceCollection AddTowns(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TownsOptions>(config.GetSection(TownsOptions.Section));
        services.AddSingleton<TownIndex>();
        return services;
    }

    public static IEndpointRouteBuilder MapTowns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/towns", Find);
        app.MapGet("/api/towns/{geonamesId}", Get);
        app.MapTownTiles();
        return app;
    }

    private static IResult Invalid(string parameter, string detail) => Results.Problem(statusCode: 400, title: "Invalid parameter", detail: detail,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static async Task<IResult> Find(HttpRequest http, AtlasDbContext db, TownIndex index, AtlasCache cache, IOptions<TownsOptions> options, CancellationToken ct)
    {
        var query = http.Query;
        if (QueryValues.RejectUnknown(query, ["q", "country", "limit"]) is { } unknown) return unknown;
        var o = options.Value;
        var q = query["q"].ToString().Trim();
        if (q.Length == 0) return Invalid("q", "q is required: the beginning of a town's name, e.g. q=tartu.");
        if (q.Length > o.MaxQueryLength) return Invalid("q", $"q may have at most {o.MaxQueryLength} characters.");
        var folded = TownNames.Fold(q);
        if (folded.Length == 0) return Invalid("q", "q must contain a letter or a digit.");
        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in QueryValues.List(query, "country"))
        {
            var code = c.ToUpperInvariant();
            if (!TownCountries.Contains(code))
                return Invalid("country", $"'{c}' is not a country of the gazetteer; it has {string.Join(", ", TownCountries.All.Select(k => k.Code).Order())}.");
            countries.Add(code);
        }
        if (!QueryValues.TryInt(query["limit"], o.DefaultLimit, 1, o.MaxLimit, out var limit))
            return Invalid("limit", $"limit must be a whole number from 1 to {o.MaxLimit}.");

        var matches = await index.FindAsync(folded, countries, limit, ct);
        if (matches.Towns.Count == 0) return Results.Ok(matches.Towns);
        // The links change with the catalogue (a place published or removed), so they come from the cache, which
        // every catalogue change retires, and are read from PostgreSQL again after one: a few dozen rows.
        var links = await cache.GetOrCreateAsync("town-links", CacheKey.Of(("towns", matches.Marker)), async (services, token) =>
            await services.GetRequiredService<AtlasDbContext>().Set<Town>().AsNoTracking().Where(t => t.PlaceId != null).ToDictionaryAsync(t => t.GeoNamesId, t => t.PlaceId!, token), ct);
        return Results.Ok(matches.Towns.Select(t => t with { PlaceId = links.GetValueOrDefault(t.GeonamesId) }).ToList());
    }

    private static async Task<IResult> Get(HttpRequest http, AtlasDbContext db, IOptions<TownsOptions> options, string geonamesId, CancellationToken ct)
    {
        if (QueryValues.RejectUnknown(http.Query, ["places"]) is { } unknown) return unknown;
        var o = options.Value;
        if (!long.TryParse(geonamesId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return Invalid("geonamesId", $"geonamesId must be a GeoNames id (a whole number); '{geonamesId}' is not.");
        if (!QueryValues.TryInt(http.Query["places"], o.NearestPlaces, 0, o.MaxNearestPlaces, out var take))
            return Invalid("places", $"places must be a whole number from 0 to {o.MaxNearestPlaces}.");
        var town = await db.Set<Town>().AsNoTracking().FirstOrDefaultAsync(t => t.GeoNamesId == id, ct);
        if (town is null)
            return Results.Problem(statusCode: 404, title: "No such town", detail: $"The gazetteer has no town with GeoNames id {id}.");
        var near = take == 0 ? [] : await NearestPlacesAsync(db, id, take, ct);
        var placeIds = near.Select(p => p.Id).ToList();
        var practices = (await db.Practices.AsNoTracking().Where(p => p.PlaceId != null && placeIds.Contains(p.PlaceId))
                .OrderBy(p => p.Id).Select(p => new { p.PlaceId, p.Id, p.Title, p.Themes }).ToListAsync(ct))
            .ToLookup(p => p.PlaceId!, p => new PracticeRef(p.Id, p.Title, p.Themes));
        return Results.Ok(new TownDetail(town.GeoNamesId, town.Name, town.Country, town.Admin1Code, town.FeatureCode, town.Population,
            town.Latitude, town.Longitude, town.PlaceId, near.Select(p => p with { Practices = practices[p.Id].ToList() }).ToList()));
    }

    private sealed record NearRow(string Id, string Name, string Country, string Role, int? Population, double DistanceKm);

    private static async Task<List<NearPlace>> NearestPlacesAsync(AtlasDbContext db, long id, int take, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<NearRow>(NearestSql, new NpgsqlParameter("id", id), new NpgsqlParameter("take", take)).ToListAsync(ct))
        .Select(r => new NearPlace(r.Id, r.Name, r.Country, r.Role, r.Population, Math.Round(r.DistanceKm, 1), [])).ToList();

    /// <summary>
    /// The published places nearest to a town. The geography index orders candidates by distance on the sphere
    /// (KNN); a few more than asked are then ordered by the distance on the spheroid, which is what is shown,
    /// since the two orders can differ where distances are within a fraction of a percent of each other.
    /// </summary>
    internal const string NearestSql = $"""
        SELECT p.id, p.name, p.country, p.role::text AS role, p.population,
               ST_Distance(p.location::geography, t.location::geography) / 1000.0 AS distance_km
        FROM towns t
        CROSS JOIN LATERAL (
            SELECT * FROM {CuratedSql.Places} c
            WHERE c.location IS NOT NULL
            ORDER BY c.location::geography <-> t.location::geography
            LIMIT @take + 10) p
        WHERE t.geo_names_id = @id
        ORDER BY distance_km, p.id
        LIMIT @take
        """;
}
