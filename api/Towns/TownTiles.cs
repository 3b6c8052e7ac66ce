using System.Globalization;
using System.Security.Cryptography;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>
/// GET /tiles/towns/{z}/{x}/{y}.mvt: the towns as Mapbox Vector Tiles (layer "towns") for the map's labels, made
/// by PostGIS (ST_AsMVT). Larger towns first, and only those above a population threshold that falls with the
/// zoom, so that a tile stays small wherever it is; cached (reference data) with an ETag.
/// </summary>
public static class TownTiles
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";
    public const string Layer = "towns";

    /// <summary>The smallest population shown at zoom z (0: every town, population known or not).</summary>
    public static int MinPopulation(int z) => z switch { < 6 => 100_000, < 8 => 20_000, < 10 => 5_000, _ => 0 };

    public static IEndpointRouteBuilder MapTownTiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tiles/towns/{z}/{x}/{y}.mvt", Get);
        return app;
    }

    private static IResult Invalid(string parameter, string detail) => Results.Problem(statusCode: 400, title: "Invalid tile", detail: detail,
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    private static bool TryWhole(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static async Task<IResult> Get(HttpContext http, AtlasCache cache, IOptions<TownsOptions> options,
        string z, string x, string y, CancellationToken ct)
    {
        var o = options.Value;
        if (!TryWhole(z, out var zoom) || zoom > o.TileMaxZoom)
            return Invalid("z", $"z must be a whole number from 0 to {o.TileMaxZoom}; '{z}' is not.");
        var size = 1 << zoom;
        if (!TryWhole(x, out var column) || column >= size)
            return Invalid("x", $"x must be a whole number from 0 to {size - 1} at zoom {zoom}; '{x}' is not.");
        if (!TryWhole(y, out var row) || row >= size)
            return Invalid("y", $"y must be a whole number from 0 to {size - 1} at zoom {zoom}; '{y}' is not.");

        var tile = await cache.GetOrCreateAsync("town-tiles", CacheKey.Of(("z", zoom), ("x", column), ("y", row), ("max", o.TileMaxTowns)),
            (services, token) => RenderAsync(services.GetRequiredService<AtlasDbContext>(), zoom, column, row, o.TileMaxTowns, token), ct);
        // Strong: the same tile is the same bytes on every instance.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(tile))[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = $"public, max-age={(int)o.TileMaxAge.TotalSeconds}";
        if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var known) && known.Any(k => k.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(tile, ContentType);
    }

    private static async Task<byte[]> RenderAsync(AtlasDbContext db, int z, int x, int y, int max, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened) await conn.OpenAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(Sql, conn);
            cmd.Parameters.AddWithValue("z", z);
            cmd.Parameters.AddWithValue("x", x);
            cmd.Parameters.AddWithValue("y", y);
            cmd.Parameters.AddWithValue("min", MinPopulation(z));
            cmd.Parameters.AddWithValue("max", max);
            return await cmd.ExecuteScalarAsync(ct) as byte[] ?? [];
        }
        finally
        {
            if (opened) await conn.CloseAsync();
        }
    }

    /// <summary>
    /// The towns of one tile. The GiST index on towns.location (SRID 4326) is used by comparing the column with the
    /// tile's envelope (with its buffer) transformed once to 4326, never the column transformed per row. Larger
    /// towns come first, so that MapLibre's label placement, and the LIMIT, keep the larger ones.
    /// </summary>
    // Extent 4096 and a buffer of 64 units, as MapLibre expects of a vector tile.
    internal const string Sql = $"""
        WITH env AS (
            SELECT ST_TileEnvelope(@z, @x, @y) AS tile,
                   ST_Transform(ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096), 4326) AS area)
        SELECT ST_AsMVT(q, '{Layer}', 4096, 'geom') FROM (
            SELECT t.name, t.population, t.geo_names_id AS "geonamesId", t.place_id AS "placeId",
                   ST_AsMVTGeom(ST_Transform(t.location, 3857), env.tile, 4096, 64, true) AS geom
            FROM towns t, env
            WHERE t.location && env.area AND coalesce(t.population, 0) >= @min
            ORDER BY t.population DESC NULLS LAST, t.geo_names_id
            LIMIT @max) q
        """;
}
