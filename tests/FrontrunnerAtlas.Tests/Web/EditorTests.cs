using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The editor page (web/editor.html) on the curation API: editors write drafts that stay off the public map,
/// reviewers publish, a stale version is refused with a way to reload, invalid fields are shown where they are,
/// and markup in a title stays text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task OpenEditorAsync(AtlasPage p, BrowserApp app, string? key)
    {
        await p.Page.GotoAsync(app.BaseUrl + "/editor.html");
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.editor === 'ready'");
        if (key is not null) await UseKeyAsync(p, key);
    }

    private static async Task UseKeyAsync(AtlasPage p, string key)
    {
        var field = p.Page.GetByLabel("API key", new() { Exact = true });
        await field.FillAsync(key);
        await field.DispatchEventAsync("change");
    }

    private static async Task FillPracticeAsync(IPage page, string id, string title, string summary = "A pilot of shared e-cargo bikes for the shops of the old town.")
    {
        await page.GetByLabel("Id (required)").FillAsync(id);
        await page.GetByLabel("Title (required)").FillAsync(title);
        await page.GetByLabel("Summary (required)").FillAsync(summary);
        await page.GetByLabel("Place id").FillAsync("ee-tartu");
        await page.Locator("#f-themes-Mobility").CheckAsync();
        await page.Locator("#f-themes-Energy").CheckAsync();
        await page.GetByLabel("Tags", new() { Exact = true }).FillAsync("cycling");
        await page.GetByLabel("Status").SelectOptionAsync("published");
        await page.GetByLabel("Source (required)").FillAsync("editor page test");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task An_editors_draft_waits_in_the_queue_off_the_public_map_until_a_reviewer_publishes_it()
    {
        const string id = "tartu-editor-cargo-bikes";
        var editor = await app.CreateKeyAsync("editor");
        var reviewer = await app.CreateKeyAsync("reviewer");
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        await p.AssertAccessibleAsync("editor page, new practice");
        await p.ScreenshotAsync("editor-new");

        await FillPracticeAsync(p.Page, id, "Shared e-cargo bikes for old-town shops");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Created {id}. Status: draft.");
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync($"Edit practice {id}");
        Assert.DoesNotContain(editor, p.Page.Url);

        // In the review queue, not in OData, not on the map.
        var row = p.Page.Locator($"#queue-body tr[data-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Shared e-cargo bikes for old-town shops");
        await Assertions.Expect(row).ToContainTextAsync("draft");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync($"odata/Practices('{id}')")).StatusCode);
        Assert.Equal(0, await app.ODataCountAsync($"Practices?$filter=Id eq '{id}'"));
        await p.ScreenshotAsync("editor-draft-in-queue");
        await p.AssertAccessibleAsync("editor page with the queue");

        await using (var map = await browser.OpenAsync(app))
        {
            await map.GotoAsync($"#practice={id}");
            await Assertions.Expect(map.Page.Locator("#detail")).ToContainTextAsync("Not found");
            Assert.False(await map.EvalAsync<bool>("(id) => window.atlas.catalogue.practices.some((x) => x.id === id)", id));
            map.AssertClean(($"Practices('{id}')", 404));
        }

        // An editor may not publish; a reviewer may.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync("may not do that (403)");
        await UseKeyAsync(p, reviewer);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Published {id}");
        await Assertions.Expect(p.Page.Locator("#form-meta")).ToContainTextAsync("Status: published");
        await Assertions.Expect(row).ToHaveCountAsync(0); // left the queue of drafts
        var published = await app.GetJsonAsync($"odata/Practices('{id}')");
        Assert.Equal("Shared e-cargo bikes for old-town shops", published["Title"]!.GetValue<string>());
        Assert.Equal("Published", published["Status"]!.GetValue<string>());
        Assert.Equal(["Energy", "Mobility"], published["Themes"]!.AsArray().Select(x => x!.GetValue<string>()).Order());

        await using (var map = await browser.OpenAsync(app))
        {
            await map.GotoAsync($"#practice={id}");
            await Assertions.Expect(map.Page.Locator("#detail h2")).ToHaveTextAsync("Shared e-cargo bikes for old-town shops");
            map.AssertClean();
        }
        p.AssertClean(($"/api/practices/{id}/publish", 403));
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_412_and_can_be_reloaded()
    {
        const string id = "tartu-editor-solar-stops";
        var reviewer = await app.CreateKeyAsync("reviewer");
        var editor = await app.CreateKeyAsync("editor");
        var api = app.WithKey(reviewer);
        var created = await api.PostAsJsonAsync("api/practices", new
        {
            id, title = "Solar bus stops", summary = "Bus stops with solar roofs and lights.", placeId = "ee-tartu",
            themes = new[] { "Energy", "Mobility" }, tags = new[] { "cycling" }, source = "editor test", status = "published",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        await p.Page.GetByLabel("Open a record by id").FillAsync(id);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync($"Edit practice {id}");
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync("Solar bus stops");
        await Assertions.Expect(p.Page.Locator("#form-meta")).ToContainTextAsync("Status: published");

        // Someone else changes it meanwhile.
        var current = await api.GetAsync($"api/practices/{id}");
        var other = await SendAsync(api, HttpMethod.Put, $"api/practices/{id}", current.Headers.ETag!.Tag, new
        {
            id, title = "Solar bus stops, changed elsewhere", summary = "Bus stops with solar roofs and lights.", placeId = "ee-tartu",
            themes = new[] { "Energy" }, source = "editor test", status = "published",
        });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await p.Page.Locator("#f-title").FillAsync("Solar bus stops, my edit");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var message = p.Page.Locator("#message");
        await Assertions.Expect(message).ToContainTextAsync("Someone changed this record after you loaded it");
        await Assertions.Expect(message).ToContainTextAsync("(412)");
        var reload = p.Page.GetByRole(AriaRole.Button, new() { Name = "Reload the record" });
        await Assertions.Expect(reload).ToBeFocusedAsync();
        await p.ScreenshotAsync("editor-412");
        await p.AssertAccessibleAsync("editor page after a 412");
        // Nothing was overwritten.
        Assert.Equal("Solar bus stops, changed elsewhere", (await app.GetJsonAsync($"odata/Practices('{id}')"))["Title"]!.GetValue<string>());

        await reload.ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync("Solar bus stops, changed elsewhere");
        Assert.False(await p.Page.Locator("#f-themes-Mobility").IsCheckedAsync());
        await p.Page.Locator("#f-title").FillAsync("Solar bus stops, merged edit");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        // An editor's change goes back to review.
        await Assertions.Expect(message).ToContainTextAsync($"Saved {id}. Status: draft.");
        var stored = await (await api.GetAsync($"api/practices/{id}")).Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("Solar bus stops, merged edit", stored!["title"]!.GetValue<string>());
        Assert.Equal("Draft", stored["status"]!.GetValue<string>());
        p.AssertClean(($"/api/practices/{id}", 412));
    }

    [Fact]
    public async Task An_invalid_record_shows_each_error_next_to_its_field()
    {
        var editor = await app.CreateKeyAsync("editor");
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        await p.Page.GetByLabel("Id (required)").FillAsync("Not A Slug");
        await p.Page.GetByLabel("Summary (required)").FillAsync("Something.");
        await p.Page.GetByLabel("Place id").FillAsync("xx-nowhere");
        await p.Page.GetByLabel("Tags", new() { Exact = true }).FillAsync("cycling, no-such-tag");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        var summary = p.Page.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(p.Page.Locator("#err-id")).ToContainTextAsync("not a slug");
        await Assertions.Expect(p.Page.Locator("#err-title")).ToContainTextAsync("required");
        await Assertions.Expect(p.Page.Locator("#err-placeId")).ToContainTextAsync("xx-nowhere");
        await Assertions.Expect(p.Page.Locator("#err-tags")).ToContainTextAsync("no-such-tag");
        await Assertions.Expect(p.Page.Locator("#err-source")).ToContainTextAsync("required");
        Assert.Equal("true", await p.Page.Locator("#f-id").GetAttributeAsync("aria-invalid"));
        Assert.Contains("err-id", await p.Page.Locator("#f-id").GetAttributeAsync("aria-describedby") ?? "");
        Assert.Null(await p.Page.Locator("#f-summary").GetAttributeAsync("aria-invalid"));
        await p.ScreenshotAsync("editor-invalid");
        await p.AssertAccessibleAsync("editor page with field errors");

        // The summary leads to the field.
        await summary.GetByRole(AriaRole.Link).Filter(new() { HasTextString = "placeId" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-placeId")).ToBeFocusedAsync();

        // JSON that does not parse never leaves the page.
        await p.Page.GetByLabel("Other fields of the record (JSON)").FillAsync("{ \"kpis\": [ ");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#err-json")).ToContainTextAsync("Not valid JSON");
        // A field the record does not have is named by the API.
        await p.Page.GetByLabel("Other fields of the record (JSON)").FillAsync("{ \"colour\": \"green\" }");
        await p.Page.GetByLabel("Id (required)").FillAsync("a-fine-slug");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync("colour");
        Assert.Equal(0, await app.ODataCountAsync("Practices?$filter=Id eq 'a-fine-slug'"));
        p.AssertClean(("/api/practices", 400));
    }

    [Fact]
    public async Task Markup_in_a_title_stays_text_in_the_queue_and_the_form_and_a_draft_can_be_deleted()
    {
        const string id = "hostile-editor-title";
        const string title = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        var editor = await app.CreateKeyAsync("editor");
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        await FillPracticeAsync(p.Page, id, title, "<b>bold</b> <svg onload=alert(3)>");
        await p.Page.GetByLabel("Other fields of the record (JSON)").FillAsync("{ \"localTitle\": \"<iframe src=javascript:alert(4)>\" }");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Created {id}");

        var row = p.Page.Locator($"#queue-body tr[data-id='{id}'] td.label");
        await Assertions.Expect(row).ToHaveTextAsync(title);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "New record" }).ClickAsync();
        await p.Page.Locator($"#queue-body tr[data-id='{id}'] button").ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync(title);
        await Assertions.Expect(p.Page.Locator("#f-summary")).ToHaveValueAsync("<b>bold</b> <svg onload=alert(3)>");
        Assert.Contains("<iframe src=javascript:alert(4)>", await p.Page.Locator("#f-json").InputValueAsync());
        foreach (var tag in new[] { "img", "script", "svg", "iframe", "b" })
            Assert.Equal(0, await p.Page.Locator($"#editor {tag}").CountAsync());
        Assert.Equal(0, await p.EvalAsync<int>("() => document.querySelectorAll('[onerror], [onload]').length"));
        await p.ScreenshotAsync("editor-hostile");
        await p.AssertAccessibleAsync("editor page with markup in a title");

        // An editor deletes its draft (with the record's version), after confirming on the page.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Deleted {id}.");
        await Assertions.Expect(p.Page.Locator($"#queue-body tr[data-id='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync("New practice");
        Assert.Empty(p.Dialogs);
        p.AssertClean();
    }

    [Fact]
    public async Task Without_a_key_the_queue_says_so_and_other_kinds_are_edited_as_JSON()
    {
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, null);
        await Assertions.Expect(p.Page.Locator("#queue-body")).ToContainTextAsync("Enter an editor’s or a reviewer’s API key");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#queue-body")).ToContainTextAsync("needs an API key (401)");

        // Places have their own fields; commitments are one JSON record.
        await p.Page.GetByLabel("Kind of record", new() { Exact = true }).SelectOptionAsync("places");
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync("New place");
        await Assertions.Expect(p.Page.GetByLabel("Role (required)")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByLabel("Latitude")).ToBeVisibleAsync();
        await p.Page.GetByLabel("Kind of record", new() { Exact = true }).SelectOptionAsync("commitments");
        await Assertions.Expect(p.Page.GetByLabel("The record (JSON)")).ToBeVisibleAsync();

        var reviewer = await app.CreateKeyAsync("reviewer");
        await UseKeyAsync(p, reviewer);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Check the key" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#key-info")).ToContainTextAsync("(reviewer)");
        await p.Page.GetByLabel("The record (JSON)").FillAsync("""{ "id": "ee-voru-editor-target", "placeId": "ee-voru", "kind": "climate_target", "title": "Climate neutral by 2045", "targetYear": 2045, "source": "editor test" }""");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync("Created ee-voru-editor-target. Status: published.");
        await Assertions.Expect(p.Page.GetByLabel("The record (JSON)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"targetYear\": 2045"));
        Assert.Equal(1, await app.ODataCountAsync("Commitments?$filter=Id eq 'ee-voru-editor-target'"));
        await p.AssertAccessibleAsync("editor page, a commitment");
        p.AssertClean(("/api/practices", 401));
    }
}
