using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>
/// Editors propose, reviewers publish: an editor's change to a published record waits beside it as a revision,
/// the public keeps the published version, and nothing an editor does takes a record off the public catalogue.
/// </summary>
public sealed class RevisionTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _public = app.CreateClient();
    private const string Practice = "p01-tartu-bike-sharing";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<string> PublicTitle(string id) =>
        (await _public.GetJsonAsync($"/odata/Practices('{id}')?$select=Title"))["Title"]!.GetValue<string>();

    [Fact]
    public async Task An_editors_change_to_a_published_record_waits_as_a_revision_until_a_reviewer_publishes_it()
    {
        var editor = await app.As("editor");
        var reviewer = await app.As("reviewer");
        var read = await editor.GetAsync($"/api/practices/{Practice}");
        var published = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var publishedTitle = published["title"]!.GetValue<string>();
        Assert.Equal("false", read.Headers.GetValues("Atlas-Pending-Revision").Single());

        var proposed = published.DeepClone();
        proposed["title"] = "Tartu bike sharing, revised by an editor";
        var put = await editor.Send(HttpMethod.Put, $"/api/practices/{Practice}", read.Headers.ETag!.Tag, Json(proposed.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.StartsWith("\"r", put.Headers.ETag!.Tag);
        Assert.Equal("published", put.Headers.GetValues("Atlas-Status").Single());

        // The public, the map and search keep the published version.
        Assert.Equal(publishedTitle, await PublicTitle(Practice));
        var feature = await _public.GetJsonAsync($"/collections/practices/items/{Practice}");
        Assert.Equal(publishedTitle, feature["properties"]!["title"]!.GetValue<string>());

        // Curators see the latest version with the revision's ETag, and the review queue shows the difference.
        var latest = await editor.GetAsync($"/api/practices/{Practice}");
        Assert.Equal(put.Headers.ETag!.Tag, latest.Headers.ETag!.Tag);
        Assert.Equal("Tartu bike sharing, revised by an editor", JsonNode.Parse(await latest.Content.ReadAsStringAsync())!["title"]!.GetValue<string>());
        var queue = await editor.GetJsonAsync("/api/review");
        var item = queue["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == Practice)!;
        Assert.Equal("revision", item["change"]!.GetValue<string>());
        var change = Assert.Single(item["fields"]!.AsArray());
        Assert.Equal("title", change!["field"]!.GetValue<string>());
        Assert.Equal(publishedTitle, change["published"]!.GetValue<string>());

        // Editors can neither publish nor delete it; a stale ETag changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Send(HttpMethod.Post, $"/api/practices/{Practice}/publish", put.Headers.ETag.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Send(HttpMethod.Delete, $"/api/practices/{Practice}", put.Headers.ETag.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await reviewer.Send(HttpMethod.Post, $"/api/practices/{Practice}/publish", read.Headers.ETag.Tag)).StatusCode);
        Assert.Equal(publishedTitle, await PublicTitle(Practice));

        var publish = await reviewer.Send(HttpMethod.Post, $"/api/practices/{Practice}/publish", put.Headers.ETag.Tag);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal("Tartu bike sharing, revised by an editor", await PublicTitle(Practice));
        Assert.DoesNotContain((await editor.GetJsonAsync("/api/review"))["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == Practice);

        var audit = (await reviewer.GetJsonAsync($"/api/audit?entity=practices&id={Practice}"))["items"]!.AsArray();
        Assert.Equal(["publish", "propose"], audit.Strings("action"));
    }

    [Fact]
    public async Task Editors_delete_only_drafts_that_were_never_published()
    {
        var editor = await app.As("editor");
        var reviewer = await app.As("reviewer");
        var record = new
        {
            id = "ee-tartu-draft-target", placeId = "ee-tartu", initiativeId = (string?)null, kind = "climate_target", title = "A draft target",
            targetYear = 2045, source = "tarkade-linnade-klubi", external = false,
        };
        var created = await editor.PostAsJsonAsync("/api/commitments", record);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.Send(HttpMethod.Delete, "/api/commitments/ee-tartu-draft-target", created.Headers.ETag!.Tag)).StatusCode);

        var again = await editor.PostAsJsonAsync("/api/commitments", record);
        var published = await reviewer.Send(HttpMethod.Post, "/api/commitments/ee-tartu-draft-target/publish", again.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var unpublished = await reviewer.Send(HttpMethod.Post, "/api/commitments/ee-tartu-draft-target/unpublish", published.Headers.ETag!.Tag);
        Assert.Equal("draft", unpublished.Headers.GetValues("Atlas-Status").Single());
        // Once public, always the reviewer's to remove, even when it is a draft again.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Send(HttpMethod.Delete, "/api/commitments/ee-tartu-draft-target", unpublished.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.Send(HttpMethod.Delete, "/api/commitments/ee-tartu-draft-target", unpublished.Headers.ETag!.Tag)).StatusCode);
    }

    [Theory]
    [InlineData("places")]
    [InlineData("practices")]
    [InlineData("initiatives")]
    [InlineData("events")]
    [InlineData("commitments")]
    [InlineData("memberships")]
    public async Task What_GET_returns_PUT_takes_and_a_round_trip_changes_nothing(string kind)
    {
        var reviewer = await app.As("reviewer");
        var ids = new List<string>();
        for (int? offset = 0; offset is not null;)
        {
            var page = await reviewer.GetJsonAsync($"/api/{kind}?limit=20&offset={offset}");
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            offset = page["next"]?.GetValue<int>();
        }
        Assert.True(ids.Count >= 10, $"{kind}: only {ids.Count} records listed");
        foreach (var id in ids)
        {
            var read = await reviewer.GetAsync($"/api/{kind}/{id}");
            var body = await read.Content.ReadAsStringAsync();
            Assert.DoesNotContain("\"place\":", body); // the record of data/, not the entity and its navigations
            var put = await reviewer.Send(HttpMethod.Put, $"/api/{kind}/{id}", read.Headers.ETag!.Tag, Json(body));
            Assert.True(put.StatusCode == HttpStatusCode.OK, $"{kind}/{id}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            var after = await reviewer.GetAsync($"/api/{kind}/{id}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(await after.Content.ReadAsStringAsync())), $"{kind}/{id} changed");
        }
    }

    [Fact]
    public async Task Records_are_validated_against_the_served_schema_and_errors_name_fields_not_types()
    {
        var editor = await app.As("editor");
        var schema = await _public.GetJsonAsync("/schemas/practices.json");
        Assert.NotNull(schema["items"]!["properties"]!["placeId"]);
        await _public.GetJsonAsync("/schemas/nothing.json", HttpStatusCode.NotFound);

        var read = await editor.GetAsync($"/api/practices/{Practice}");
        var record = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        record["colour"] = "green";
        record["themes"] = new JsonArray("energy", "gardening");
        var put = await editor.Send(HttpMethod.Put, $"/api/practices/{Practice}", read.Headers.ETag!.Tag, Json(record.ToJsonString()));
        var body = await put.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.Contains("colour", errors.Select(e => e.Key));
        Assert.Contains("themes[1]", errors.Select(e => e.Key));
        HttpExtensions.AssertNoInternals(body);

        var nearby = await _public.GetAsync("/api/places/ee-tartu/nearby?km=abc");
        var problem = await nearby.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, nearby.StatusCode);
        Assert.Contains("The parameter 'km' must be a number", problem);
        Assert.DoesNotContain("Double", problem, StringComparison.OrdinalIgnoreCase);
        HttpExtensions.AssertNoInternals(problem);
    }

    [Fact]
    public async Task Listings_are_paged_with_a_maximum()
    {
        var editor = await app.As("editor");
        var first = await editor.GetJsonAsync("/api/places?limit=10");
        Assert.Equal(10, first["items"]!.AsArray().Count);
        var second = await editor.GetJsonAsync($"/api/places?limit=10&offset={first["next"]!.GetValue<int>()}");
        Assert.Empty(first["items"]!.AsArray().Strings("id").Intersect(second["items"]!.AsArray().Strings("id")));
        var huge = await editor.GetJsonAsync("/api/places?limit=100000");
        await using var db = app.Db();
        Assert.Equal(await db.Places.IgnoreQueryFilters().CountAsync(), huge["items"]!.AsArray().Count); // 46 < 500, the cap
        await editor.GetJsonAsync("/api/places?limit=abc", HttpStatusCode.BadRequest);
    }
}
