using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Catalogue;

/// <summary>The loader against a real PostgreSQL: counts, facts, idempotence and rejection of bad files.</summary>
public sealed class CatalogueImporterTests : IAsyncLifetime
{
    private string _cs = "";
    private string _temp = "";

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateSeededAsync("atlas_t_import_" + Guid.NewGuid().ToString("N")[..8]);
        _temp = Directory.CreateTempSubdirectory("atlas-data-").FullName;
        foreach (var f in Directory.GetFiles(TestDatabase.DataFolder, "*.json")) File.Copy(f, Path.Combine(_temp, Path.GetFileName(f)));
    }

    public async Task DisposeAsync()
    {
        await TestDatabase.DropAsync(_cs);
        Directory.Delete(_temp, recursive: true);
    }

    [Fact]
    public async Task Every_record_of_every_file_is_in_the_database()
    {
        await using var db = TestDatabase.Context(_cs);
        Assert.Equal(HttpExtensions.ReadFile("places.json").GetArrayLength(), await db.Places.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("practices.json").GetArrayLength(), await db.Practices.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("initiatives.json").GetArrayLength(), await db.Initiatives.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("memberships.json").GetArrayLength(), await db.Memberships.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("events.json").GetArrayLength(), await db.Events.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("mentorships.json").GetArrayLength(), await db.Mentorships.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("commitments.json").GetArrayLength(), await db.Commitments.CountAsync());
        Assert.Equal(HttpExtensions.ReadFile("tags.json").GetArrayLength(), await db.Tags.CountAsync());
        // The seeds' own counts (FACTS.md): 46 places in places.csv, 38 practices, 11 dated events.
        Assert.Equal(46, await db.Places.CountAsync());
        Assert.Equal(38, await db.Practices.CountAsync());
        Assert.True(await db.Events.CountAsync(e => e.StartDate != null) >= 11);
    }

    [Fact]
    public async Task Seed_facts_arrive_as_the_sources_state_them()
    {
        await using var db = TestDatabase.Context(_cs);
        var tartu = await db.Places.SingleAsync(p => p.Id == "ee-tartu");
        Assert.Equal(58.38062, tartu.Latitude);
        Assert.Equal(26.72509, tartu.Longitude);
        Assert.Equal(101092, tartu.Population);
        Assert.NotNull(tartu.Location);
        Assert.Equal(26.72509, tartu.Location!.X, 5);

        // Dreverna has no coordinates in the sources: none are invented.
        var dreverna = await db.Places.SingleAsync(p => p.Id == "lt-dreverna");
        Assert.Null(dreverna.Latitude);
        Assert.Null(dreverna.Location);

        var lead = await db.Memberships.Where(m => m.InitiativeId == "lli-431-smart-planning" && m.Role == MembershipRole.LeadPartner)
            .Select(m => m.PlaceId).SingleAsync();
        Assert.Equal("lv-kurzeme-planning-region", lead);

        var villages = await db.Initiatives.SingleAsync(i => i.ReferenceNumber == "19302100001");
        Assert.Equal(251928m, villages.BudgetAmount);
        Assert.Equal("EUR", villages.BudgetCurrency);
        Assert.Equal(new DateOnly(2021, 1, 1), villages.StartDate);
        Assert.Equal(new DateOnly(2022, 12, 31), villages.EndDate);
        Assert.Equal(13, await db.Mentorships.CountAsync(m => m.InitiativeId == villages.Id && m.PlannedDays == 5));

        var conference = await db.Events.SingleAsync(e => e.StartDate == new DateOnly(2022, 10, 12));
        Assert.Null(conference.HostPlaceId); // Ventspils and Kuldīga: the source names no single host
        Assert.Equal("Ventspils and Kuldīga", conference.LocationLabel);
        Assert.Equal(2030, (await db.Commitments.SingleAsync(c => c.PlaceId == "lv-liepaja" && c.TargetYear != null)).TargetYear);

        // Every record names where it came from; facts from outside the seeds are marked.
        Assert.False(await db.Practices.AnyAsync(p => p.Source == ""));
        Assert.True(await db.Places.Where(p => p.External).AllAsync(p => p.Source.StartsWith("http")));
        Assert.Equal(9, await db.Places.CountAsync(p => p.External));
    }

    [Fact]
    public async Task The_database_decides_which_practices_are_integrated()
    {
        await using var db = TestDatabase.Context(_cs);
        var all = await db.Practices.Select(p => new { p.Themes, p.IsIntegrated }).ToListAsync();
        Assert.All(all, p => Assert.Equal(p.Themes.Count >= 2, p.IsIntegrated));
        Assert.Contains(all, p => p.IsIntegrated);
    }

    [Fact]
    public async Task Importing_the_same_catalogue_again_changes_nothing()
    {
        await using var db = TestDatabase.Context(_cs);
        var before = await db.Places.Select(p => p.UpdatedAt).MaxAsync();
        var result = await new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(_temp));
        Assert.All(result.Inserted.Values, n => Assert.Equal(0, n));
        Assert.All(result.Updated.Values, n => Assert.Equal(0, n));
        Assert.Equal(before, await db.Places.Select(p => p.UpdatedAt).MaxAsync());
    }

    [Fact]
    public async Task A_changed_record_is_updated_in_place()
    {
        Edit("places.json", "ee-elva", r => r["population"] = 5900);
        await using var db = TestDatabase.Context(_cs);
        var result = await new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(_temp));
        Assert.Equal(1, result.Updated["places"]);
        Assert.Equal(5900, (await db.Places.SingleAsync(p => p.Id == "ee-elva")).Population);
    }

    [Theory]
    [InlineData("places.json", "ee-tartu", "latitude", 123.0, "outside -90..90")]
    [InlineData("places.json", "ee-tartu", "role", "leader", "not one of frontrunner, follower, peer")]
    [InlineData("practices.json", null, "placeId", "xx-nowhere", "no place has id 'xx-nowhere'")]
    [InlineData("practices.json", null, "tags", "unheard-of", "unknown tag")]
    [InlineData("initiatives.json", "smart-villages-development-programme", "startDate", "01.01.2021", "yyyy-mm-dd")]
    public async Task A_bad_record_is_rejected_with_file_record_and_field_and_nothing_changes(
        string file, string? id, string field, object value, string expected)
    {
        var target = id ?? FirstId(file);
        Edit(file, target, r => r[field] = value switch
        {
            string text when field == "tags" => new JsonArray(text),
            string text => JsonValue.Create(text),
            _ => JsonValue.Create(Convert.ToDouble(value)),
        });
        // A valid change elsewhere in the same run must not land either.
        Edit("places.json", "ee-elva", r => r["population"] = 1);

        await using var db = TestDatabase.Context(_cs);
        var ex = await Assert.ThrowsAsync<CatalogueImportException>(() => new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(_temp)));
        var message = Assert.Single(ex.Errors);
        Assert.Contains(file, message);
        Assert.Contains($"'{target}'", message);
        Assert.Contains(field, message);
        Assert.Contains(expected, message);
        Assert.Equal(5819, (await db.Places.AsNoTracking().SingleAsync(p => p.Id == "ee-elva")).Population);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_the_line()
    {
        File.WriteAllText(Path.Combine(_temp, "events.json"), "[\n  { \"id\": \"e1\", }\n]");
        var ex = Assert.Throws<CatalogueImportException>(() => CatalogueImporter.ReadFolder(_temp));
        Assert.Contains("events.json", ex.Message);
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void A_misspelt_property_is_an_error_not_a_silent_loss()
    {
        Edit("places.json", "ee-tartu", r => r["populaton"] = 1);
        var ex = Assert.Throws<CatalogueImportException>(() => CatalogueImporter.ReadFolder(_temp));
        Assert.Contains("places.json", ex.Message);
        Assert.Contains("populaton", ex.Message);
    }

    [Fact]
    public async Task The_database_itself_rejects_impossible_values()
    {
        await using var db = TestDatabase.Context(_cs);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE places SET latitude = 95 WHERE id = 'ee-tartu'"));
        Assert.Contains("ck_places_latitude", ex.Message);
        ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE places SET population = -1 WHERE id = 'ee-tartu'"));
        Assert.Contains("ck_places_population", ex.Message);
        ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE practices SET place_id = 'xx-none' WHERE id = (SELECT min(id) FROM practices)"));
        Assert.Contains("fk_practices_places_place_id", ex.Message);
    }

    private string FirstId(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_temp, file)))!.AsArray()[0]!["id"]!.GetValue<string>();

    private void Edit(string file, string id, Action<JsonObject> change)
    {
        var path = Path.Combine(_temp, file);
        var array = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        change(array.Single(r => r!["id"]?.GetValue<string>() == id)!.AsObject());
        File.WriteAllText(path, array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
