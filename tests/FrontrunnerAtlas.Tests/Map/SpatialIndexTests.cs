using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Tests.Infrastructure;
using Npgsql;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>A catalogue big enough (5,000 synthetic places) for PostgreSQL's planner to prefer an index when it can use one.</summary>
public sealed class LargeCatalogueApp : AtlasApp
{
    protected override async Task<string> CreateDatabaseAsync(string name)
    {
        var cs = await TestDatabase.CreateSeededAsync(name);
        await using var db = TestDatabase.Context(cs);
        await new CatalogueImporter(db).ImportAsync(SyntheticCatalogue.Generate(places: 5000, practices: 0, seed: 11));
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await new NpgsqlCommand("ANALYZE", conn).ExecuteNonQueryAsync();
        return cs;
    }
}

/// <summary>The plans PostgreSQL chooses for the SQL the service really sends: bbox and distance filters use the spatial indexes.</summary>
public sealed class SpatialIndexTests(LargeCatalogueApp app) : IClassFixture<LargeCatalogueApp>
{
    [Theory]
    [InlineData("bbox=26.6,58.3,26.8,58.45")]
    // CQL2's spatial functions compare the same column with a parameter: the index answers them as well.
    [InlineData("filter=S_INTERSECTS(geometry,POLYGON((26.6%2058.3,26.8%2058.3,26.8%2058.45,26.6%2058.45,26.6%2058.3)))")]
    [InlineData("filter=S_WITHIN(geometry,BBOX(26.6,58.3,26.8,58.45))%20AND%20population%20IS%20NOT%20NULL")]
    public async Task A_spatial_query_uses_the_GiST_index_on_the_geometry_column(string query)
    {
        app.Sql.Clear();
        var json = await app.CreateClient().GetJsonAsync($"/collections/places/items?{query}&limit=50");
        Assert.NotEmpty(json["features"]!.AsArray());
        var spatial = app.Sql.Commands.Where(c => c.Sql.Contains("ST_Intersects") || c.Sql.Contains("ST_Within")).ToList();
        Assert.NotEmpty(spatial);
        // The envelope is a parameter in the column's SRID; the column itself is never transformed.
        Assert.All(spatial, c => Assert.DoesNotContain("ST_Transform", c.Sql));
        foreach (var (sql, parameters) in spatial)
        {
            var plan = await ExplainAsync(sql, parameters);
            Assert.True(plan.Contains("ix_places_location"), $"No spatial index in the plan of:\n{sql}\n{plan}");
        }
    }

    [Fact]
    public async Task A_distance_query_uses_the_geography_expression_index()
    {
        var plan = await ExplainAsync(PlacesEndpoints.NearbySql, [("id", "ee-tartu"), ("metres", 30_000.0), ("take", 20)]);
        Assert.Contains("ix_places_location_geography", plan);

        var nearby = await app.CreateClient().GetJsonAsync("/api/places/ee-tartu/nearby?km=30&limit=20");
        var distances = nearby.AsArray().Select(n => n!["distanceKm"]!.GetValue<double>()).ToList();
        Assert.NotEmpty(distances);
        Assert.All(distances, d => Assert.InRange(d, 0, 30));
        Assert.Equal(distances.Order(), distances);
    }

    private async Task<string> ExplainAsync(string sql, List<(string Name, object? Value)> parameters)
    {
        var builder = new NpgsqlDataSourceBuilder(app.ConnectionString);
        builder.UseNetTopologySuite();
        await using var source = builder.Build();
        await using var cmd = source.CreateCommand("EXPLAIN " + sql);
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        var lines = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
