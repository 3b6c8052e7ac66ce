using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>data/ is where the catalogue starts, not a master copy: a re-import never undoes curated work.</summary>
public sealed class ImportConflictTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    [Fact]
    public async Task A_published_change_survives_a_reimport_which_names_the_record_and_field()
    {
        var reviewer = await app.As("reviewer");
        var read = await reviewer.GetAsync("/api/practices/p02-tartu-smartovkas");
        if (read.StatusCode == HttpStatusCode.NotFound)
        {
            await using var first = app.Db();
            read = await reviewer.GetAsync($"/api/practices/{await first.Practices.OrderBy(p => p.Id).Select(p => p.Id).Skip(1).FirstAsync()}");
        }
        var record = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var id = record["id"]!.GetValue<string>();
        record["title"] = "Title a reviewer corrected";
        var put = await reviewer.Send(HttpMethod.Put, $"/api/practices/{id}", read.Headers.ETag!.Tag, new StringContent(record.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        // A reviewer also removed a commitment; the import must not bring it back.
        await using (var db0 = app.Db())
        {
            var commitment = await db0.Commitments.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var c = await reviewer.GetAsync($"/api/commitments/{commitment}");
            Assert.Equal(HttpStatusCode.NoContent, (await reviewer.Send(HttpMethod.Delete, $"/api/commitments/{commitment}", c.Headers.ETag!.Tag)).StatusCode);
        }

        var progress = new StringWriter();
        await using var db = app.Db();
        var result = await new CatalogueImporter(db, progress).ImportAsync(CatalogueImporter.ReadFolder(TestDatabase.DataFolder));
        var conflict = Assert.Single(result.Conflicts, c => c.Kind == "practices");
        Assert.Equal(id, conflict.Id);
        Assert.Equal(["title"], conflict.Fields);
        Assert.Single(result.Conflicts, c => c.Kind == "commitments" && c.Fields.Single() == "deleted through the API");
        Assert.Equal(0, result.Updated["practices"]);
        Assert.Equal(0, result.Inserted["commitments"]);
        Assert.Contains($"practices '{id}' (title)", progress.ToString());

        await using var after = app.Db();
        Assert.Equal("Title a reviewer corrected", (await after.Practices.SingleAsync(p => p.Id == id)).Title);
        var audit = (await reviewer.GetJsonAsync("/api/audit?entity=catalogue"))["items"]!.AsArray();
        Assert.Equal("import", audit[0]!["action"]!.GetValue<string>());
        Assert.Contains("title", audit[0]!["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_through_the_API_reports_conflicts_and_is_audited_with_the_key()
    {
        var reviewer = await app.As("reviewer");
        var read = await reviewer.GetAsync("/api/places/ee-voru");
        var record = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        record["population"] = 12345;
        Assert.Equal(HttpStatusCode.OK, (await reviewer.Send(HttpMethod.Put, "/api/places/ee-voru", read.Headers.ETag!.Tag,
            new StringContent(record.ToJsonString(), Encoding.UTF8, "application/json"))).StatusCode);
        var places = JsonNode.Parse(File.ReadAllText(Path.Combine(TestDatabase.DataFolder, "places.json")))!;
        var import = await reviewer.PostAsJsonAsync("/api/catalogue/import", new { places });
        var body = JsonNode.Parse(await import.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var conflict = body["conflicts"]!.AsArray().Single()!;
        Assert.Equal("ee-voru", conflict["id"]!.GetValue<string>());
        Assert.Equal("population", conflict["fields"]![0]!.GetValue<string>());
        var audit = (await reviewer.GetJsonAsync("/api/audit?entity=catalogue"))["items"]!.AsArray();
        Assert.Equal("reviewer of the test", audit[0]!["keyName"]!.GetValue<string>());
    }
}
