using FrontrunnerAtlas.Tests.Infrastructure;
using Npgsql;

namespace FrontrunnerAtlas.Tests.Mentors;

/// <summary>The mentor finder's in-process distances against PostGIS's own spheroid distances (geography).</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class GeodesicTests(ReadOnlyApp app)
{
    [Fact]
    public async Task Distances_between_towns_agree_with_PostGIS_on_the_spheroid_to_ten_metres_or_a_thousandth()
    {
        // 400 pairs of gazetteer towns spread over Europe, from a few km to the width of the continent.
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            WITH t AS (SELECT longitude, latitude, location, row_number() OVER (ORDER BY geo_names_id) AS n FROM towns)
            SELECT a.longitude, a.latitude, b.longitude, b.latitude, ST_Distance(a.location::geography, b.location::geography) / 1000
            FROM t a JOIN t b ON b.n = (a.n * 7919) % (SELECT count(*) FROM t) + 1
            WHERE a.n % 150 = 0 LIMIT 400
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var (pairs, longest) = (0, 0.0);
        while (await reader.ReadAsync())
        {
            var postgis = reader.GetDouble(4);
            var ours = FrontrunnerAtlas.Api.Mentors.Geodesic.Km(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
            Assert.True(Math.Abs(ours - postgis) <= Math.Max(0.01, postgis / 1000), $"{ours} km here, {postgis} km in PostGIS");
            (pairs, longest) = (pairs + 1, Math.Max(longest, postgis));
        }
        Assert.True(pairs >= 300, $"only {pairs} pairs");
        Assert.True(longest > 2000, "no pair across the continent");
        Assert.Equal(0, FrontrunnerAtlas.Api.Mentors.Geodesic.Km(26.72509, 58.38062, 26.72509, 58.38062));
    }
}
