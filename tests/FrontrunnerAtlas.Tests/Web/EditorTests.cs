using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The editor page (web/editor.html) on the curation API: forms built from the record schemas, editors write
/// drafts that stay off the public map and propose changes to published records that wait in the review queue
/// with their differences, reviewers publish, a stale version is refused with a way to reload, invalid fields
/// are shown where they are, and markup in a title stays text.
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

    // A source of data/sources.json: records name their source by its id.
    private const string SourceId = "citiesmultiply-about";

    private static async Task FillPracticeAsync(IPage page, string id, string title, string summary = "A pilot of shared e-cargo bikes for the shops of the old town.")
    {
        await page.GetByLabel("Id (required)", new() { Exact = true }).FillAsync(id);
        await page.GetByLabel("Title (required)", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Summary (required)").FillAsync(summary);
        await page.GetByLabel("Language (required)").SelectOptionAsync("en");
        await page.GetByLabel("Place id", new() { Exact = true }).FillAsync("ee-tartu");
        await page.Locator("#f-themes-mobility").CheckAsync();
        await page.Locator("#f-themes-energy").CheckAsync();
        await page.GetByLabel("Tags", new() { Exact = true }).FillAsync("cycling");
        await page.GetByLabel("Source (required)").FillAsync(SourceId);
    }

    /// <summary>A practice in the record shape of data/ (what GET returns and PUT takes).</summary>
    private static object Practice(string id, string title, string status = "published") => new
    {
        id, title, summary = "Bus stops with solar roofs and lights.", language = "en", placeId = "ee-tartu", initiativeId = (string?)null,
        themes = new[] { "energy", "mobility" }, tags = new[] { "cycling" }, kpis = Array.Empty<object>(), documents = Array.Empty<object>(),
        status, source = SourceId, external = false,
    };

    /// <summary>Clicks a button that writes and waits for the answer; a refusal fails with the errors the page shows.</summary>
    private static async Task SubmitAsync(AtlasPage p, string button, string expected)
    {
        await p.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await p.Page.WaitForFunctionAsync("() => { const m = document.querySelector('#message').textContent.trim(); return (m && m !== 'Saving…') || !document.querySelector('#error-summary').hidden; }");
        var summary = p.Page.Locator("#error-summary");
        Assert.True(await summary.IsHiddenAsync(), "The page shows errors: " + await summary.TextContentAsync());
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync(expected);
    }

    private static async Task OpenByIdAsync(IPage page, string id)
    {
        await page.GetByLabel("Open a record by id").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-title")).ToHaveTextAsync($"Edit practice {id}");
    }

    /// <summary>A published practice (created by a reviewer), the editor page open with an editor's key and that record.</summary>
    private async Task<(AtlasPage Page, HttpClient Reviewer, string ReviewerKey)> OpenPublishedAsync(string id, string title)
    {
        var reviewer = await app.CreateKeyAsync("reviewer");
        var editor = await app.CreateKeyAsync("editor");
        var api = app.WithKey(reviewer);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("api/practices", Practice(id, title))).StatusCode);
        var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        await OpenByIdAsync(p.Page, id);
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync(title);
        return (p, api, reviewer);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task An_editors_draft_waits_in_the_review_queue_off_the_public_map_until_a_reviewer_publishes_it()
    {
        const string id = "tartu-editor-cargo-bikes";
        var editor = await app.CreateKeyAsync("editor");
        var reviewer = await app.CreateKeyAsync("reviewer");
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);
        // The form comes from the schema: every field of a practice, nested budget and contact, lists of KPIs.
        await Assertions.Expect(p.Page.GetByLabel("Language (required)")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("fieldset", new() { HasTextString = "Budget" }).Locator("#f-budget-amount")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("#f-contact-organisation")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Add to KPIs" })).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByLabel("External record")).Not.ToBeCheckedAsync();
        await Assertions.Expect(p.Page.Locator("#f-source-hint")).ToContainTextAsync("sources.json");
        await p.AssertAccessibleAsync("editor page, new practice");
        await p.ScreenshotAsync("editor-new");

        await FillPracticeAsync(p.Page, id, "Shared e-cargo bikes for old-town shops");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Add to KPIs" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-kpis-0-name")).ToBeFocusedAsync();
        await p.Page.Locator("#f-kpis-0-name").FillAsync("Bikes");
        await p.Page.Locator("#f-kpis-0-value").FillAsync("12");
        await SubmitAsync(p, "Create", $"Created {id}. Status: draft.");
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync($"Edit practice {id}");
        await Assertions.Expect(p.Page.Locator("#f-kpis-0-value")).ToHaveValueAsync("12");
        Assert.DoesNotContain(editor, p.Page.Url);

        // In the review queue as a new draft, not in OData, not on the map; an editor has no Publish.
        var item = p.Page.Locator($"#review-body li[data-kind='practices'][data-id='{id}']");
        await Assertions.Expect(item).ToContainTextAsync("Shared e-cargo bikes for old-town shops");
        await Assertions.Expect(item).ToContainTextAsync("New draft");
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator("#publish")).ToBeHiddenAsync();
        await Assertions.Expect(p.Page.Locator("#delete")).ToBeVisibleAsync(); // a draft never published
        await Assertions.Expect(p.Page.Locator($"#records-body tr[data-id='{id}']")).ToContainTextAsync("draft");
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

        // A reviewer publishes it from the queue.
        await UseKeyAsync(p, reviewer);
        await Assertions.Expect(p.Page.Locator("#key-info")).ToContainTextAsync("(reviewer)");
        await item.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Published {id}");
        await Assertions.Expect(item).ToHaveCountAsync(0); // left the queue
        var published = await app.GetJsonAsync($"odata/Practices('{id}')");
        Assert.Equal("Shared e-cargo bikes for old-town shops", published["Title"]!.GetValue<string>());
        Assert.Equal("Published", published["Status"]!.GetValue<string>());
        Assert.Equal(["Energy", "Mobility"], published["Themes"]!.AsArray().Select(x => x!.GetValue<string>()).Order());

        await using (var map = await browser.OpenAsync(app))
        {
            await map.GotoAsync($"#practice={id}");
            await Assertions.Expect(map.Page.Locator("#detail h2")).ToHaveTextAsync("Shared e-cargo bikes for old-town shops");
            // The source is shown by its title and linked, never as its id.
            var source = map.Page.Locator("#detail p.source a");
            await Assertions.Expect(source).ToHaveTextAsync("About MULTIPLY (project website)");
            Assert.Equal("http://www.citiesmultiply.eu/en/about-multiply", await source.GetAttributeAsync("href"));
            await Assertions.Expect(map.Page.Locator("#detail p.source")).Not.ToContainTextAsync(SourceId);
            map.AssertClean();
        }
        p.AssertClean();
    }

    [Fact]
    public async Task An_editors_change_to_a_published_record_waits_for_review_with_its_differences()
    {
        const string id = "tartu-editor-bike-parking";
        var (p, _, reviewer) = await OpenPublishedAsync(id, "Bike parking at the station");
        await using var _p = p;
        await Assertions.Expect(p.Page.Locator("#form-meta")).ToContainTextAsync("Status: published");
        // An editor may neither publish, unpublish nor delete a published record: the page offers none of it.
        await Assertions.Expect(p.Page.Locator("#publish")).ToBeHiddenAsync();
        await Assertions.Expect(p.Page.Locator("#unpublish")).ToBeHiddenAsync();
        await Assertions.Expect(p.Page.Locator("#delete")).ToBeHiddenAsync();
        await Assertions.Expect(p.Page.Locator("#f-status")).ToBeDisabledAsync();

        await p.Page.Locator("#f-title").FillAsync("Covered bike parking at the station");
        await p.Page.Locator("#f-budget-amount").FillAsync("12000");
        await p.Page.Locator("#f-budget-currency").FillAsync("EUR");
        await SubmitAsync(p, "Propose this change", $"Saved {id} as a proposed change");
        await Assertions.Expect(p.Page.Locator("#form-meta")).ToContainTextAsync("A proposed change waits for review");
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync("Covered bike parking at the station");
        await Assertions.Expect(p.Page.Locator("#withdraw")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("#publish")).ToBeHiddenAsync();
        // The public still sees the published version.
        Assert.Equal("Bike parking at the station", (await app.GetJsonAsync($"odata/Practices('{id}')"))["Title"]!.GetValue<string>());

        // The review queue shows the change field by field.
        var item = p.Page.Locator($"#review-body li[data-kind='practices'][data-id='{id}']");
        await Assertions.Expect(item).ToContainTextAsync("Proposed change");
        var title = item.Locator("tr[data-field='title']");
        await Assertions.Expect(title.Locator("del")).ToHaveTextAsync("Bike parking at the station");
        await Assertions.Expect(title.Locator("ins")).ToHaveTextAsync("Covered bike parking at the station");
        await Assertions.Expect(item.Locator("tr[data-field='budget'] ins")).ToContainTextAsync("12000");
        await Assertions.Expect(item.Locator("tr[data-field='summary']")).ToHaveCountAsync(0); // unchanged
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator($"#records-body tr[data-id='{id}']")).ToHaveCountAsync(0); // not a draft
        await p.ScreenshotAsync("editor-revision-in-queue");
        await p.AssertAccessibleAsync("editor page with a proposed change");

        // A reviewer sees the proposed version and publishes it.
        await UseKeyAsync(p, reviewer);
        await Assertions.Expect(p.Page.Locator("#publish")).ToHaveTextAsync("Publish the proposed change");
        await item.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Published {id}");
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator("#form-meta")).Not.ToContainTextAsync("A proposed change waits");
        var published = await app.GetJsonAsync($"odata/Practices('{id}')");
        Assert.Equal("Covered bike parking at the station", published["Title"]!.GetValue<string>());
        Assert.Equal(12000, published["BudgetAmount"]!.GetValue<decimal>());
        await Assertions.Expect(p.Page.Locator("#unpublish")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("#delete")).ToBeVisibleAsync();
        p.AssertClean();
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_412_and_can_be_reloaded()
    {
        const string id = "tartu-editor-solar-stops";
        var (p, api, _) = await OpenPublishedAsync(id, "Solar bus stops");
        await using var _p = p;

        // A reviewer changes it meanwhile: GET returns what PUT takes.
        var current = await api.GetAsync($"api/practices/{id}");
        var record = (await current.Content.ReadFromJsonAsync<JsonObject>())!;
        record["title"] = "Solar bus stops, changed elsewhere";
        record["themes"] = new JsonArray("energy");
        var other = await SendAsync(api, HttpMethod.Put, $"api/practices/{id}", current.Headers.ETag!.Tag, record);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        await p.Page.Locator("#f-title").FillAsync("Solar bus stops, my edit");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Propose this change" }).ClickAsync();
        var message = p.Page.Locator("#message");
        await Assertions.Expect(message).ToContainTextAsync("Someone changed this record after you loaded it");
        await Assertions.Expect(message).ToContainTextAsync("(412)");
        var reload = p.Page.GetByRole(AriaRole.Button, new() { Name = "Reload the record" });
        await Assertions.Expect(reload).ToBeFocusedAsync();
        await p.ScreenshotAsync("editor-412");
        await p.AssertAccessibleAsync("editor page after a 412");
        Assert.Equal("Solar bus stops, changed elsewhere", (await app.GetJsonAsync($"odata/Practices('{id}')"))["Title"]!.GetValue<string>());

        await reload.ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync("Solar bus stops, changed elsewhere");
        Assert.False(await p.Page.Locator("#f-themes-mobility").IsCheckedAsync());
        await p.Page.Locator("#f-title").FillAsync("Solar bus stops, merged edit");
        await SubmitAsync(p, "Propose this change", $"Saved {id} as a proposed change");
        // The API keeps it beside the published version.
        var stored = await api.GetAsync($"api/practices/{id}");
        Assert.Equal("Solar bus stops, merged edit", (await stored.Content.ReadFromJsonAsync<JsonNode>())!["title"]!.GetValue<string>());
        Assert.Equal("true", stored.Headers.GetValues("Atlas-Pending-Revision").Single());
        Assert.Equal("Solar bus stops, changed elsewhere", (await app.GetJsonAsync($"odata/Practices('{id}')"))["Title"]!.GetValue<string>());

        // The editor withdraws it again.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the proposed change" }).ClickAsync();
        await Assertions.Expect(message).ToContainTextAsync($"Withdrew the proposed change to {id}");
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync("Solar bus stops, changed elsewhere");
        await Assertions.Expect(p.Page.Locator($"#review-body li[data-id='{id}']")).ToHaveCountAsync(0);
        p.AssertClean(($"/api/practices/{id}", 412));
    }

    [Fact]
    public async Task An_invalid_record_shows_each_error_next_to_its_field()
    {
        var editor = await app.CreateKeyAsync("editor");
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, editor);

        // A number that is not one never leaves the page.
        await p.Page.Locator("#f-budget-amount").FillAsync("twelve");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#err-budget-amount")).ToContainTextAsync("is not a number");
        await Assertions.Expect(p.Page.Locator("#error-summary")).ToBeFocusedAsync();
        await p.Page.Locator("#f-budget-amount").FillAsync("");

        // The schema's complaints, each at its field.
        await p.Page.GetByLabel("Id (required)", new() { Exact = true }).FillAsync("Not A Slug");
        await p.Page.GetByLabel("Summary (required)").FillAsync("Something.");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var summary = p.Page.Locator("#error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(p.Page.Locator("#err-id")).Not.ToBeEmptyAsync();
        await Assertions.Expect(p.Page.Locator("#err-title")).ToContainTextAsync("required");
        await Assertions.Expect(p.Page.Locator("#err-language")).ToContainTextAsync("required");
        await Assertions.Expect(p.Page.Locator("#err-source")).ToContainTextAsync("required");
        Assert.Equal("true", await p.Page.Locator("#f-id").GetAttributeAsync("aria-invalid"));
        Assert.Contains("err-id", await p.Page.Locator("#f-id").GetAttributeAsync("aria-describedby") ?? "");
        Assert.Null(await p.Page.Locator("#f-summary").GetAttributeAsync("aria-invalid"));

        // The catalogue's complaints: an unknown place, an unknown tag (tags[1]), a KPI without a name (kpis[0].name).
        await FillPracticeAsync(p.Page, "a-fine-slug", "A fine title");
        await p.Page.GetByLabel("Place id", new() { Exact = true }).FillAsync("xx-nowhere");
        await p.Page.GetByLabel("Tags", new() { Exact = true }).FillAsync("cycling, no-such-tag");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("placeId");
        Assert.Contains("xx-nowhere", await summary.TextContentAsync());
        await Assertions.Expect(p.Page.Locator("#err-placeId")).ToContainTextAsync("xx-nowhere");
        await Assertions.Expect(p.Page.Locator("#err-tags")).ToContainTextAsync("no-such-tag");
        await Assertions.Expect(p.Page.Locator("#err-id")).ToBeHiddenAsync();
        await p.ScreenshotAsync("editor-invalid");
        await p.AssertAccessibleAsync("editor page with field errors");

        // The summary leads to the field.
        await summary.GetByRole(AriaRole.Link).Filter(new() { HasTextString = "placeId" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-placeId")).ToBeFocusedAsync();

        await p.Page.GetByLabel("Place id", new() { Exact = true }).FillAsync("ee-tartu");
        await p.Page.GetByLabel("Tags", new() { Exact = true }).FillAsync("cycling");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Add to KPIs" }).ClickAsync();
        await p.Page.Locator("#f-kpis-0-value").FillAsync("3");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#err-kpis-0-name")).Not.ToBeEmptyAsync();
        Assert.Equal("true", await p.Page.Locator("#f-kpis-0-name").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await app.ODataCountAsync("Practices?$filter=Id eq 'a-fine-slug'"));

        // Removing the KPI makes it valid.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Remove item 1" }).ClickAsync();
        await SubmitAsync(p, "Create", "Created a-fine-slug. Status: draft.");
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
        await p.Page.GetByLabel("Local title").FillAsync("<iframe src=javascript:alert(4)>");
        await SubmitAsync(p, "Create", $"Created {id}");

        await Assertions.Expect(p.Page.Locator($"#records-body tr[data-id='{id}'] td.label")).ToHaveTextAsync(title);
        await Assertions.Expect(p.Page.Locator($"#review-body li[data-id='{id}'] .label")).ToHaveTextAsync(title);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "New record" }).ClickAsync();
        await p.Page.Locator($"#records-body tr[data-id='{id}'] button").ClickAsync();
        await Assertions.Expect(p.Page.Locator("#f-title")).ToHaveValueAsync(title);
        await Assertions.Expect(p.Page.Locator("#f-summary")).ToHaveValueAsync("<b>bold</b> <svg onload=alert(3)>");
        await Assertions.Expect(p.Page.Locator("#f-localTitle")).ToHaveValueAsync("<iframe src=javascript:alert(4)>");
        foreach (var tag in new[] { "img", "script", "svg", "iframe", "b" })
            Assert.Equal(0, await p.Page.Locator($"#editor {tag}").CountAsync());
        Assert.Equal(0, await p.EvalAsync<int>("() => document.querySelectorAll('[onerror], [onload]').length"));
        await p.ScreenshotAsync("editor-hostile");
        await p.AssertAccessibleAsync("editor page with markup in a title");

        // An editor deletes its draft (with the record's version), after confirming on the page.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete it" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#message")).ToContainTextAsync($"Deleted {id}.");
        await Assertions.Expect(p.Page.Locator($"#records-body tr[data-id='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator($"#review-body li[data-id='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync("New practice");
        Assert.Empty(p.Dialogs);
        p.AssertClean();
    }

    [Fact]
    public async Task Without_a_key_the_queue_says_so_and_every_kind_has_a_form_from_its_schema()
    {
        await using var p = await browser.OpenAsync(app);
        await OpenEditorAsync(p, app, null);
        await Assertions.Expect(p.Page.Locator("#review-body")).ToContainTextAsync("Enter an editor’s or a reviewer’s API key");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh the queue" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#review-body")).ToContainTextAsync("needs an API key (401)");

        // Places: enumerations as selects, numbers, lists of enumeration values.
        await p.Page.GetByLabel("Kind of record", new() { Exact = true }).SelectOptionAsync("places");
        await Assertions.Expect(p.Page.Locator("#form-title")).ToHaveTextAsync("New place");
        await Assertions.Expect(p.Page.GetByLabel("Role (required)")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByLabel("Role (required)").Locator("option[value='frontrunner']")).ToHaveCountAsync(1);
        await Assertions.Expect(p.Page.GetByLabel("Latitude")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("#f-interestThemes-spatial_planning")).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.GetByText("Spatial planning").First).ToBeVisibleAsync();
        // Commitments: fields too, no JSON.
        await p.Page.GetByLabel("Kind of record", new() { Exact = true }).SelectOptionAsync("commitments");
        await Assertions.Expect(p.Page.GetByLabel("Target year")).ToBeVisibleAsync();
        Assert.Equal(0, await p.Page.Locator("#record-form textarea.json").CountAsync());

        var reviewer = await app.CreateKeyAsync("reviewer");
        await UseKeyAsync(p, reviewer);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Check the key" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#key-info")).ToContainTextAsync("(reviewer)");
        await p.Page.GetByLabel("Id (required)", new() { Exact = true }).FillAsync("ee-voru-editor-target");
        await p.Page.GetByLabel("Place id (required)").FillAsync("ee-voru");
        await p.Page.GetByLabel("Kind (required)").SelectOptionAsync("climate_target");
        await p.Page.GetByLabel("Title (required)", new() { Exact = true }).FillAsync("Climate neutral by 2045");
        await p.Page.GetByLabel("Target year").FillAsync("2045");
        await p.Page.GetByLabel("Source (required)").FillAsync(SourceId);
        await SubmitAsync(p, "Create", "Created ee-voru-editor-target. Status: published.");
        await Assertions.Expect(p.Page.GetByLabel("Target year")).ToHaveValueAsync("2045");
        Assert.Equal(1, await app.ODataCountAsync("Commitments?$filter=Id eq 'ee-voru-editor-target'"));
        await p.AssertAccessibleAsync("editor page, a commitment");
        p.AssertClean(("/api/review", 401));
    }
}
