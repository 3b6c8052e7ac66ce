using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Npgsql;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>
/// geo.distance and geo.intersects as a researcher writes them, on the real catalogue: answers checked against
/// PostGIS's own spheroid distances, an independent geodesic formula, and the SQL and plan that really ran.
/// </summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class SpatialODataTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    // Tartu's town square, as a researcher would type it (longitude first, as in WKT).
    private const string Tartu = "geography'SRID=4326;POINT(26.72 58.38)'";
    private const string TartuSql = "ST_SetSRID(ST_MakePoint(26.72, 58.38), 4326)::geography";

    [Fact]
    public async Task Metadata_declares_Location_as_a_nullable_GeographyPoint()
    {
        var model = CsdlReader.Parse(XmlReader.Create(await _http.GetStreamAsync("/odata/$metadata")));
        var location = ((IEdmEntityType)model.FindDeclaredType("Atlas.Place")).FindProperty("Location");
        Assert.NotNull(location);
        Assert.Equal("Edm.GeographyPoint", location.Type.FullName());
        Assert.True(location.Type.IsNullable);
    }

    [Fact]
    public async Task Location_is_a_GeoJSON_point_with_longitude_first_and_its_crs()
    {
        var tartu = await _http.GetJsonAsync("/odata/Places('ee-tartu')");
        var location = tartu["Location"]!;
        Assert.Equal("Point", location["type"]!.GetValue<string>());
        var coordinates = location["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()).ToList();
        Assert.Equal([tartu["Longitude"]!.GetValue<double>(), tartu["Latitude"]!.GetValue<double>()], coordinates);
        Assert.Equal("EPSG:4326", location["crs"]!["properties"]!["name"]!.GetValue<string>());

        var selected = await _http.GetJsonAsync("/odata/Places?$select=Id,Location&$filter=Id eq 'ee-tartu' or Id eq 'lt-dreverna'&$orderby=Id");
        Assert.Equal(["Id", "Location"], selected.Values()[0]!.AsObject().Select(p => p.Key).Where(k => !k.Contains('@')));
        Assert.Equal(coordinates, selected.Values()[0]!["Location"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()));
        // Dreverna has no coordinates in the sources: no point either.
        Assert.Equal("lt-dreverna", selected.Values()[1]!["Id"]!.GetValue<string>());
        Assert.Null(selected.Values()[1]!["Location"]);
    }

    [Fact]
    public async Task Within_50_km_are_exactly_the_places_PostGIS_puts_within_50_km_on_the_spheroid()
    {
        var within = await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) le 50000");
        var expected = await SqlIdsAsync($"ST_Distance(location::geography, {TartuSql}) <= 50000");
        Assert.Equal(expected, within);
        // Tartu and its neighbours (Elva, Põlva, Jõgeva), not the whole catalogue.
        Assert.Contains("ee-elva", within);
        Assert.DoesNotContain("ee-voru", within);

        // The complement is the rest of the places that have a point.
        var farther = await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) gt 50000");
        Assert.Equal(await SqlIdsAsync("location IS NOT NULL"), within.Concat(farther).Order().ToList());
        Assert.Empty(within.Intersect(farther));
        // The limit may be written first, and lt excludes the limit itself.
        Assert.Equal(within, await IdsAsync($"/odata/Places?$select=Id&$filter=50000 ge geo.distance(Location, {Tartu})"));
        Assert.Equal(within, await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) lt 50000"));
        Assert.Empty(await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) le -1"));
    }

    [Fact]
    public async Task Computed_distances_are_PostGIS_spheroid_metres_and_agree_with_an_independent_geodesic_formula()
    {
        var json = await _http.GetJsonAsync($"/odata/Places?$compute=geo.distance(Location, {Tartu}) as Metres&$select=Id,Metres&$filter=Country eq 'LV'&$top=100");
        var metres = json.Values().ToDictionary(v => v!["Id"]!.GetValue<string>(), v => v!["Metres"]!.GetValue<double>());
        Assert.NotEmpty(metres);
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT id, ST_Distance(location::geography, {TartuSql}) FROM places WHERE country = 'LV' AND status = 'published'", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) Assert.Equal(reader.GetDouble(1), metres[reader.GetString(0)], 6);
        }
        // Tartu to Kuldīga by the haversine formula on the mean Earth radius: the spheroid differs by well under 1%.
        var haversine = Haversine(58.38, 26.72, 56.97399, 21.95721);
        Assert.InRange(metres["lv-kuldiga"], haversine * 0.99, haversine * 1.01);
        // The same figure bounds the filter.
        Assert.Contains("lv-kuldiga", await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) le {metres["lv-kuldiga"] + 1:F0}"));
        Assert.DoesNotContain("lv-kuldiga", await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) le {metres["lv-kuldiga"] - 1:F0}"));
    }

    [Fact]
    public async Task Orderby_geo_distance_is_nearest_first_and_farthest_first()
    {
        var nearest = await PlacesAsync($"/odata/Places?$select=Id,Latitude,Longitude&$filter=Location ne null&$orderby=geo.distance(Location, {Tartu})");
        var distances = nearest.Select(p => Haversine(58.38, 26.72, p.Lat!.Value, p.Lon!.Value)).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.Contains(nearest[0].Id, new[] { "ee-tartu", "ee-lag-tartumaa" });

        var farthest = await PlacesAsync($"/odata/Places?$select=Id,Latitude,Longitude&$orderby=geo.distance(Location, {Tartu}) desc");
        Assert.Equal(nearest.Select(p => p.Id).Reverse().Take(5), farthest.Select(p => p.Id).Take(5));
        // As for any null: a place without a point sorts first ascending and last descending.
        Assert.Equal("lt-dreverna", farthest[^1].Id);
        Assert.Equal("lt-dreverna", (await PlacesAsync($"/odata/Places?$select=Id&$top=1&$orderby=geo.distance(Location, {Tartu})"))[0].Id);
    }

    [Fact]
    public async Task Intersects_with_a_polygon_finds_the_places_inside_it()
    {
        // Southern Estonia, a box of great-circle edges.
        const string box = "POLYGON((25.5 57.5, 27.8 57.5, 27.8 58.5, 25.5 58.5, 25.5 57.5))";
        var inside = await IdsAsync($"/odata/Places?$select=Id&$filter=geo.intersects(Location, geography'SRID=4326;{box}')");
        Assert.Equal(await SqlIdsAsync($"ST_Intersects(location::geography, ST_GeogFromText('SRID=4326;{box}'))"), inside);
        Assert.Contains("ee-tartu", inside);
        Assert.Contains("ee-voru", inside);
        Assert.DoesNotContain("ee-tallinn", inside);
        Assert.DoesNotContain("lv-kuldiga", inside);
        // A hole cut around Tartu leaves it out.
        const string holed = "POLYGON((25.5 57.5, 27.8 57.5, 27.8 58.5, 25.5 58.5, 25.5 57.5),(26.6 58.3, 26.6 58.45, 26.85 58.45, 26.85 58.3, 26.6 58.3))";
        var around = await IdsAsync($"/odata/Places?$select=Id&$filter=geo.intersects(Location, geography'SRID=4326;{holed}')");
        Assert.DoesNotContain("ee-tartu", around);
        Assert.Contains("ee-voru", around);
    }

    [Fact]
    public async Task Practices_events_and_mentorships_filter_through_their_place()
    {
        var near = await SqlIdsAsync($"ST_DWithin(location::geography, {TartuSql}, 50000)");
        var practices = await _http.GetJsonAsync(
            $"/odata/Practices?$filter=geo.distance(Place/Location, {Tartu}) le 50000&$expand=Place($select=Id)&$count=true&$top=1000");
        Assert.NotEmpty(practices.Values());
        Assert.All(practices.Values(), p => Assert.Contains(p!["Place"]!["Id"]!.GetValue<string>(), near));
        await using (var db = app.Db())
            Assert.Equal(await db.Practices.CountAsync(p => p.PlaceId != null && near.Contains(p.PlaceId)), practices["@odata.count"]!.GetValue<int>());

        var events = await _http.GetJsonAsync($"/odata/Events?$filter=geo.distance(HostPlace/Location, {Tartu}) le 200000&$expand=HostPlace($select=Country)&$count=true");
        Assert.All(events.Values(), e => Assert.Equal("EE", e!["HostPlace"]!["Country"]!.GetValue<string>()));
        var mentorships = await _http.GetJsonAsync($"/odata/Mentorships?$orderby=geo.distance(MenteePlace/Location, {Tartu}),Id&$top=1&$expand=MenteePlace($select=Id)");
        Assert.Single(mentorships.Values());
    }

    [Fact]
    public async Task Csv_writes_Location_as_WKT()
    {
        var csv = await _http.GetStringAsync("/odata/Places?$select=Id,Location&$filter=Id eq 'ee-tartu'&$format=csv");
        var tartu = await _http.GetJsonAsync("/odata/Places('ee-tartu')?$select=Latitude,Longitude");
        Assert.Equal($"Id,Location\r\nee-tartu,POINT ({tartu["Longitude"]} {tartu["Latitude"]})\r\n", csv);
    }

    [Theory]
    [InlineData("geo.distance(Location, geography'SRID=3857;POINT(2974000 8050000)') le 10", "SRID")]
    [InlineData("geo.distance(Location, geography'SRID=4326;POLYGON((26 58, 27 58, 27 59, 26 58))') le 10", "geo.distance")]
    [InlineData("geo.distance(Location, geography'SRID=4326;POINT(26.72)') le 10", "literal")]
    [InlineData("geo.distance(Location, geography'SRID=4326;POINT(26.72 95)') le 10", "latitude")]
    [InlineData("geo.distance(Location, geography'SRID=4326;POINT EMPTY') le 10", "empty")]
    [InlineData("geo.distance(Name, geography'SRID=4326;POINT(26.72 58.38)') le 10", "geo.distance")]
    [InlineData("geo.distance(Location, null) le 10", "geo.distance")]
    [InlineData("geo.distance(geography'SRID=4326;POINT(26 58)', geography'SRID=4326;POINT(26.72 58.38)') le 10", "spatial property")]
    [InlineData("geo.intersects(Location, geography'SRID=4326;POLYGON((26 58, 27 58, 27 59))')", "ring must contain at least four points")]
    [InlineData("geo.intersects(Location, geography'SRID=4326;POLYGON((26 58, 27 59, 27 58, 26 59, 26 58))')", "not valid")]
    [InlineData("geo.intersects(Location, geography'SRID=4326;POINT(26 58)')", "geo.intersects")]
    [InlineData("geo.length(geography'SRID=4326;LINESTRING(26 58, 27 59)') gt 10", "geo.length")]
    public async Task Bad_spatial_input_is_a_400_that_says_what_is_wrong(string filter, string mention)
    {
        var response = await _http.GetAsync("/odata/Places?$filter=" + Uri.EscapeDataString(filter));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{filter}: {(int)response.StatusCode} {body}");
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
        Assert.Contains(mention, error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        HttpExtensions.AssertNoInternals(body);
        Assert.DoesNotContain("NetTopologySuite", body);
        Assert.DoesNotContain("Microsoft.", body);
    }

    [Fact]
    public async Task A_distance_filter_is_ST_DWithin_on_the_geography_cast_that_the_GiST_index_answers()
    {
        app.Sql.Clear();
        await IdsAsync($"/odata/Places?$select=Id&$filter=geo.distance(Location, {Tartu}) le 50000");
        var (sql, parameters) = Assert.Single(app.Sql.Commands, c => c.Sql.Contains("ST_DWithin"));
        Assert.Matches(@"ST_DWithin\(p\.location::geography, @\w+, @\w+\)", sql);
        // The SQL that ran, planned where there are places enough for an index to pay: a scratch copy of the
        // catalogue with 5,000 synthetic places on a grid over the Baltic Sea region.
        var scratch = await TestDatabase.CreateSeededAsync("atlas_t_spatial_" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await ExecAsync(scratch, """
                INSERT INTO places (id, name, kind, country, latitude, longitude, role, interest_themes, interest_tags, languages, source, external, status)
                SELECT 'synthetic-' || g, 'Synthetic ' || g, 'city', 'EE', 54 + (g % 100) * 0.1, 14 + (g / 100) * 0.3, 'peer', '{}', '{}', '{}', 'test', false, 'published'
                FROM generate_series(0, 4999) AS g;
                ANALYZE places;
                """);
            var plan = await ExplainAsync(scratch, sql, parameters);
            Assert.True(plan.Contains("ix_places_location_geography"), $"No geography index in the plan of:\n{sql}\n{plan}");
        }
        finally { await TestDatabase.DropAsync(scratch); }

        // Through a navigation, and in $orderby, the same cast.
        app.Sql.Clear();
        await IdsAsync($"/odata/Practices?$select=Id&$filter=geo.distance(Place/Location, {Tartu}) lt 50000&$orderby=geo.distance(Place/Location, {Tartu}) desc");
        var practices = Assert.Single(app.Sql.Statements, s => s.Contains("FROM practices"));
        Assert.Matches(@"WHERE .*ST_DWithin\((\w+)\.location::geography, @\w+, @\w+\) AND ST_Distance\(\1\.location::geography, @\w+\) < @\w+", practices);
        Assert.Matches(@"ORDER BY .*ST_Distance\(\w+\.location::geography, @\w+\) DESC", practices);
    }

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
    }

    private static async Task<string> ExplainAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        await using var source = builder.Build();
        await using var cmd = source.CreateCommand("EXPLAIN " + sql);
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        var lines = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    private sealed record PlaceRow(string Id, double? Lat, double? Lon);

    /// <summary>Every row of a query, following @odata.nextLink (the shared app pages by 10).</summary>
    private async Task<List<PlaceRow>> PlacesAsync(string url)
    {
        var rows = new List<PlaceRow>();
        for (string? next = url; next is not null;)
        {
            var json = await _http.GetJsonAsync(next);
            rows.AddRange(json.Values().Select(v => new PlaceRow(v!["Id"]!.GetValue<string>(), v["Latitude"]?.GetValue<double>(), v["Longitude"]?.GetValue<double>())));
            next = url.Contains("$top") ? null : json["@odata.nextLink"]?.GetValue<string>();
        }
        return rows;
    }

    private async Task<List<string>> IdsAsync(string url) => (await PlacesAsync(url)).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>The published places that PostGIS itself says satisfy a condition (the test's own SQL, no input).</summary>
    private async Task<List<string>> SqlIdsAsync(string condition)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id FROM places WHERE status = 'published' AND " + condition, conn);
        var ids = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6_371_008.8; // mean Earth radius (IUGG), metres
        double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * radius * Math.Asin(Math.Sqrt(h));
    }
}
