using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Practices;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Downloads;

/// <summary>What someone who downloads the catalogue gets: the zip, the CSV files and the dataset description.</summary>
public sealed class DownloadTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);

    private async Task<Dictionary<string, byte[]>> DownloadZipAsync()
    {
        var response = await _http.GetAsync("/downloads/catalogue.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("frontrunneratlas-catalogue.zip", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.NotNull(response.Headers.ETag);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        });
    }

    /// <summary>Every published record of a database, per kind, as the JSON of its data/ record (without what is never public).</summary>
    private static async Task<Dictionary<string, List<string>>> PublicRecordsAsync(AtlasDbContext db)
    {
        static List<string> Json<T>(IEnumerable<T> records) => records.Select(r => JsonSerializer.Serialize(r, Compact)).Order(StringComparer.Ordinal).ToList();
        return new()
        {
            ["sources"] = Json((await db.Sources.ToListAsync()).Select(s => RecordMapper.ToRecord(s) with { File = null })),
            ["tags"] = Json((await db.Tags.ToListAsync()).Select(RecordMapper.ToRecord)),
            ["places"] = Json((await db.Places.ToListAsync()).Select(p => RecordMapper.ToRecord(p) with { CuratorNote = null })),
            ["initiatives"] = Json((await db.Initiatives.ToListAsync()).Select(i => RecordMapper.ToRecord(i) with { CuratorNote = null })),
            ["memberships"] = Json((await db.Memberships.ToListAsync()).Select(m => RecordMapper.ToRecord(m) with { CuratorNote = null })),
            ["events"] = Json((await db.Events.ToListAsync()).Select(e => RecordMapper.ToRecord(e) with { CuratorNote = null })),
            ["practices"] = Json((await db.Practices.ToListAsync()).Select(p => RecordMapper.ToRecord(p) with { CuratorNote = null })),
            ["mentorships"] = Json((await db.Mentorships.ToListAsync()).Select(m => RecordMapper.ToRecord(m) with { CuratorNote = null })),
            ["commitments"] = Json((await db.Commitments.ToListAsync()).Select(c => RecordMapper.ToRecord(c) with { CuratorNote = null })),
        };
    }

    [Fact]
    public async Task The_zip_imports_into_a_fresh_database_and_gives_the_same_published_records()
    {
        var files = await DownloadZipAsync();
        Assert.Contains("README.txt", files.Keys);
        Assert.Contains("LICENSE.txt", files.Keys);
        Assert.Equal(CatalogueImporter.FileNames.Order(), files.Keys.Where(k => k.EndsWith(".json")).Order());

        // The shape of data/: the same property names in the same order, 2-space indent.
        foreach (var name in CatalogueImporter.FileNames)
        {
            var original = HttpExtensions.ReadFile(name);
            var downloaded = JsonDocument.Parse(files[name]).RootElement;
            Assert.Equal(original[0].EnumerateObject().Select(p => p.Name), downloaded[0].EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("[\n  {\n    \"", Encoding.UTF8.GetString(files[name]).ReplaceLineEndings("\n"));
        }

        // Written as data/ is: the vocabulary, all public and without notes, comes back byte for byte.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(TestDatabase.DataFolder, "tags.json")), Encoding.UTF8.GetString(files["tags.json"]));

        // Every file is data/'s file (all of it is published) without what is never public.
        foreach (var name in CatalogueImporter.FileNames)
        {
            var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestDatabase.DataFolder, name)))!.AsArray();
            foreach (var record in expected.Select(r => r!.AsObject()))
            {
                if (record.ContainsKey("curatorNote")) record["curatorNote"] = null;
                if (name == "sources.json") record["file"] = null;
            }
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(files[name])), name);
        }

        var folder = Directory.CreateTempSubdirectory("atlas-download-").FullName;
        var cs = await TestDatabase.CreateEmptyAsync("atlas_t_dl_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var (name, bytes) in files) await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes);
            var bundle = CatalogueImporter.ReadFolder(folder);
            await using (var fresh = TestDatabase.Context(cs))
            {
                await fresh.Database.MigrateAsync();
                var result = await new CatalogueImporter(fresh).ImportAsync(bundle);
                Assert.Empty(result.Conflicts);
            }

            await using var before = app.Db();
            await using var after = TestDatabase.Context(cs);
            var expected = await PublicRecordsAsync(before);
            var actual = await PublicRecordsAsync(after);
            foreach (var kind in expected.Keys)
            {
                Assert.True(expected[kind].Count > 0, kind);
                Assert.Equal(expected[kind], actual[kind]);
            }
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_zip_holds_no_draft_and_no_curators_note_and_states_licence_and_citation()
    {
        await using (var db = app.Db())
        {
            db.Practices.Add(new Practice
            {
                Id = "p99-downloads-draft", Title = "Unpublished draft zqxdraft", Summary = "Only curators see this draft.",
                Themes = [Theme.Energy], Source = "tarkade-linnade-klubi", Status = PublicationStatus.Draft,
                CuratorNote = "curator only zqxnote", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var notes = HttpExtensions.ReadFile("places.json").EnumerateArray()
            .Select(p => p.GetProperty("curatorNote").GetString()).OfType<string>().Take(5).ToList();
        Assert.NotEmpty(notes);

        var files = await DownloadZipAsync();
        var all = string.Join("\n", files.Values.Select(Encoding.UTF8.GetString));
        Assert.DoesNotContain("zqxdraft", all);
        Assert.DoesNotContain("p99-downloads-draft", all);
        Assert.DoesNotContain("zqxnote", all);
        foreach (var note in notes) Assert.DoesNotContain(JsonSerializer.Serialize(note)[1..^1], all);
        Assert.DoesNotContain(".txt\"", Encoding.UTF8.GetString(files["sources.json"]));   // no seed file names
        foreach (var name in CatalogueImporter.FileNames.Where(n => n != "sources.json" && n != "tags.json"))
            Assert.All(JsonDocument.Parse(files[name]).RootElement.EnumerateArray(),
                r => Assert.Equal(JsonValueKind.Null, r.GetProperty("curatorNote").ValueKind));

        var licence = Encoding.UTF8.GetString(files["LICENSE.txt"]);
        Assert.Contains("CC BY 4.0", licence);
        Assert.Contains("GeoNames (geonames.org), CC BY 4.0", licence);
        Assert.Contains("How to cite", Encoding.UTF8.GetString(files["README.txt"]));

        await using var check = app.Db();
        Assert.Equal(await check.Practices.CountAsync(),
            JsonDocument.Parse(files["practices.json"]).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_zip_answers_304_to_its_own_etag()
    {
        var first = await _http.GetAsync("/downloads/catalogue.zip");
        var request = new HttpRequestMessage(HttpMethod.Get, "/downloads/catalogue.zip");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("places", "Places")]
    [InlineData("practices", "Practices")]
    [InlineData("initiatives", "Initiatives")]
    [InlineData("events", "Events")]
    [InlineData("memberships", "Memberships")]
    [InlineData("mentorships", "Mentorships")]
    [InlineData("commitments", "Commitments")]
    [InlineData("sources", "Sources")]
    public async Task Each_csv_has_a_header_and_one_row_per_published_record(string set, string entitySet)
    {
        var response = await _http.GetAsync($"/downloads/{set}.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var rows = ParseCsv(await response.Content.ReadAsStringAsync());

        var count = (await _http.GetJsonAsync($"/odata/{entitySet}?$count=true&$top=0"))["@odata.count"]!.GetValue<int>();
        Assert.Equal(count, rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.DoesNotContain("curatorNote", rows[0]);
        Assert.DoesNotContain("file", rows[0]);
        var file = HttpExtensions.ReadFile(set + ".json");
        // The columns are the record's public fields, in the file's order.
        Assert.Equal(file[0].EnumerateObject().Select(p => p.Name).Where(n => n != "curatorNote" && !(set == "sources" && n == "file")), rows[0]);
    }

    [Fact]
    public async Task Csv_quotes_and_nests_as_rfc_4180_says_and_unknown_sets_are_404()
    {
        var rows = ParseCsv(await _http.GetStringAsync("/downloads/practices.csv"));
        var header = rows[0];
        var themes = header.IndexOf("themes");
        Assert.All(rows.Skip(1), r => Assert.StartsWith("[", r[themes]));
        var id = header.IndexOf("id");
        var summary = header.IndexOf("summary");
        var practices = HttpExtensions.ReadFile("practices.json").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        // Summaries with commas and quotes come back exactly as in the catalogue.
        Assert.All(rows.Skip(1), r => Assert.Equal(practices[r[id]].GetProperty("summary").GetString(), r[summary]));

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/downloads/apikeys.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/downloads/audit.csv")).StatusCode);
    }

    [Fact]
    public async Task Catalog_is_dcat_json_ld_with_four_distributions_that_answer()
    {
        var response = await _http.GetAsync("/catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("dcat:Catalog", catalog["@type"]!.GetValue<string>());
        var dataset = catalog["dcat:dataset"]!.AsArray().Single()!;
        Assert.Equal("dcat:Dataset", dataset["@type"]!.GetValue<string>());
        Assert.Equal("FrontrunnerAtlas", dataset["dct:publisher"]!["foaf:name"]!.GetValue<string>());
        Assert.Equal("foaf:Agent", dataset["dct:publisher"]!["@type"]!.GetValue<string>());
        Assert.Contains("CC_BY_4_0", dataset["dct:license"]!["@id"]!.GetValue<string>());
        Assert.Contains("GeoNames", dataset["dct:rights"]!.ToJsonString());
        Assert.StartsWith("POLYGON((", dataset["dct:spatial"]!["dcat:bbox"]!["@value"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\d$", dataset["dct:temporal"]!["dcat:startDate"]!["@value"]!.GetValue<string>());
        Assert.NotNull(dataset["dct:modified"]);
        Assert.NotEmpty(dataset["dcat:keyword"]!.AsArray());
        var citation = dataset["dct:bibliographicCitation"]!.GetValue<string>();
        Assert.Contains("/catalog", citation);
        Assert.Contains("Version ", citation);

        var distributions = dataset["dcat:distribution"]!.AsArray();
        Assert.Equal(4, distributions.Count);
        Assert.Contains(distributions, d => d!["dct:conformsTo"]?["@id"]?.GetValue<string>().Contains("ogcapi-features") == true);
        foreach (var d in distributions)
        {
            Assert.NotNull(d!["dcat:mediaType"]);
            var urls = new[] { d["dcat:accessURL"]!["@id"]!.GetValue<string>() }
                .Concat(d["dcat:downloadURL"]?.AsArray().Select(u => u!["@id"]!.GetValue<string>()) ?? []);
            foreach (var url in urls)
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var answer = await _http.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{url}: {(int)answer.StatusCode}");
            }
        }
    }

    /// <summary>A strict RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear();
                rows.Add(row); row = [];
                i++;
            }
            else cell.Append(c);
        }
        Assert.False(quoted, "unterminated quote");
        Assert.True(row.Count == 0 && cell.Length == 0, "the last row must end with CRLF");
        return rows;
    }
}
