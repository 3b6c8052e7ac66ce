using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>Editors write drafts, reviewers publish; nothing is lost to a concurrent edit; every write is audited.</summary>
public sealed class CurationTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _public = app.CreateClient();

    private Task<HttpClient> As(string role) => app.As(role);

    private static object Practice(string id, string title) => new
    {
        id, title, summary = "A pilot of shared e-cargo bikes for the town's shops.", language = "en", placeId = "ee-tartu", initiativeId = (string?)null,
        themes = new[] { "mobility", "energy" }, tags = new[] { "cycling" }, kpis = Array.Empty<object>(), documents = Array.Empty<object>(),
        source = "tarkade-linnade-klubi", external = false, status = "published",
    };

    private async Task<bool> PubliclyVisible(string id)
    {
        var odata = await _public.GetAsync($"/odata/Practices('{id}')");
        var search = await _public.GetJsonAsync("/api/search?size=50&q=" + Uri.EscapeDataString("cargo bikes"));
        var feature = await _public.GetAsync($"/collections/practices/items/{id}");
        var inSearch = search["hits"]!.AsArray().Any(h => h!["id"]!.GetValue<string>() == id);
        Assert.Equal(odata.StatusCode == HttpStatusCode.OK, feature.StatusCode == HttpStatusCode.OK);
        return odata.StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task An_editors_draft_is_hidden_until_a_reviewer_publishes_it()
    {
        var editor = await As("editor");
        var created = await editor.PostAsJsonAsync("/api/practices", Practice("tartu-e-cargo-bikes", "Shared e-cargo bikes"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("draft", body["status"]!.GetValue<string>()); // asked for published; an editor's record is a draft
        Assert.Equal("draft", created.Headers.GetValues("Atlas-Status").Single());
        Assert.False(await PubliclyVisible("tartu-e-cargo-bikes"));
        Assert.NotNull(created.Headers.ETag);

        // The editor sees it in the review list; the public does not.
        var drafts = await editor.GetJsonAsync("/api/practices?status=draft");
        Assert.Contains("tartu-e-cargo-bikes", drafts["items"]!.AsArray().Strings("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _public.GetAsync("/api/practices?status=draft")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Publish(editor, "tartu-e-cargo-bikes", created.Headers.ETag!.Tag)).StatusCode);
        var reviewer = await As("reviewer");
        var published = await Publish(reviewer, "tartu-e-cargo-bikes", created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await PubliclyVisible("tartu-e-cargo-bikes") && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(await PubliclyVisible("tartu-e-cargo-bikes"));
        var search = await _public.GetJsonAsync("/api/search?size=50&q=cargo");
        while (!search["hits"]!.AsArray().Strings("id").Contains("tartu-e-cargo-bikes") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            search = await _public.GetJsonAsync("/api/search?size=50&q=cargo");
        }
        Assert.Contains("tartu-e-cargo-bikes", search["hits"]!.AsArray().Strings("id"));
    }

    private static Task<HttpResponseMessage> Publish(HttpClient http, string id, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/practices/{id}/publish");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task A_stale_If_Match_is_412_and_the_other_change_survives()
    {
        var reviewer = await As("reviewer");
        var created = await reviewer.PostAsJsonAsync("/api/practices", Practice("tartu-solar-bus-stops", "Solar bus stops"));
        var etag = created.Headers.ETag!.Tag;

        var first = new HttpRequestMessage(HttpMethod.Put, "/api/practices/tartu-solar-bus-stops") { Content = JsonContent.Create(Practice("tartu-solar-bus-stops", "Solar bus stops, first edit")) };
        first.Headers.TryAddWithoutValidation("If-Match", etag);
        var ok = await reviewer.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(etag, ok.Headers.ETag!.Tag);

        var second = new HttpRequestMessage(HttpMethod.Put, "/api/practices/tartu-solar-bus-stops") { Content = JsonContent.Create(Practice("tartu-solar-bus-stops", "Solar bus stops, lost edit")) };
        second.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await reviewer.SendAsync(second)).StatusCode);

        var noMatch = new HttpRequestMessage(HttpMethod.Put, "/api/practices/tartu-solar-bus-stops") { Content = JsonContent.Create(Practice("tartu-solar-bus-stops", "x")) };
        Assert.Equal((HttpStatusCode)428, (await reviewer.SendAsync(noMatch)).StatusCode);

        var current = await reviewer.GetJsonAsync("/api/practices/tartu-solar-bus-stops");
        Assert.Equal("Solar bus stops, first edit", current["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_records_get_a_400_listing_every_bad_field()
    {
        var editor = await As("editor");
        var response = await editor.PostAsJsonAsync("/api/places", new
        {
            id = "Not A Slug", name = "", kind = "castle", country = "Estonia", latitude = 123.0, longitude = 24.0, role = "peer",
            source = "tarkade-linnade-klubi",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Superset(new HashSet<string> { "id", "name", "kind", "country", "latitude" }, errors.ToHashSet());

        var url = await editor.PostAsJsonAsync("/api/initiatives", new
        {
            id = "bad-site", name = "X", kind = "network", website = "javascript:alert(1)", aims = Array.Empty<string>(), themes = Array.Empty<string>(),
            tags = Array.Empty<string>(), summary = "A network.", source = "tarkade-linnade-klubi", external = false,
        });
        Assert.Contains("website", await url.Content.ReadAsStringAsync());
        var notJson = await editor.PostAsync("/api/events", new StringContent("{ nope", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        HttpExtensions.AssertNoInternals(await notJson.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_write_is_in_the_audit_log_with_who_what_before_and_after()
    {
        var reviewer = await As("reviewer");
        var created = await reviewer.PostAsJsonAsync("/api/commitments", new { id = "ee-tartu-test-target", placeId = "ee-tartu", initiativeId = (string?)null, kind = "climate_target", title = "Climate neutral by 2040", targetYear = 2040, source = "tarkade-linnade-klubi", external = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/commitments/ee-tartu-test-target");
        delete.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, (await reviewer.SendAsync(delete)).StatusCode);

        var audit = (await reviewer.GetJsonAsync("/api/audit?entity=commitments&id=ee-tartu-test-target"))["items"]!.AsArray();
        Assert.Equal(["delete", "create"], audit.Strings("action"));
        Assert.All(audit, a => Assert.Equal("reviewer of the test", a!["keyName"]!.GetValue<string>()));
        Assert.Contains("2040", audit[0]!["before"]!.GetValue<string>());
        Assert.Null(audit[0]!["after"]?.GetValue<string>());
        await using var db = app.Db();
        Assert.False(await db.Commitments.IgnoreQueryFilters().AnyAsync(c => c.Id == "ee-tartu-test-target"));
    }

    [Fact]
    public async Task Memberships_are_curated_too_and_editors_cannot_delete_published_records()
    {
        var editor = await As("editor");
        var created = await editor.PostAsJsonAsync("/api/memberships", new { placeId = "ee-viljandi", initiativeId = "lli-431-smart-planning", role = "participant", source = "tarkade-linnade-klubi", external = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last());
        var odata = await _public.GetJsonAsync("/odata/Memberships?$filter=PlaceId eq 'ee-viljandi' and InitiativeId eq 'lli-431-smart-planning'");
        Assert.Empty(odata.Values()); // a draft

        var tartu = await editor.GetAsync("/api/places/ee-tartu");
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/places/ee-tartu");
        delete.Headers.TryAddWithoutValidation("If-Match", tartu.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.SendAsync(delete)).StatusCode);
        Assert.True(id > 0);
    }
}
