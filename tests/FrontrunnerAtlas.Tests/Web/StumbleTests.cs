using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// What a planner stumbled on (issue 13): search on a phone, results that follow the filters, practices without
/// a place, export and sharing of the current view, the loading indicator, the network panel's timeline and
/// events, counts that follow a publish. Each test also checks that the console stayed clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StumbleTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task On_a_phone_search_results_show_on_screen_and_the_filter_drawer_closes_by_button_escape_and_a_tap_outside()
    {
        Assert.True(await app.WaitForSearchAsync(TimeSpan.FromSeconds(60)), "the search index did not come up");
        await using var p = await browser.OpenAsync(app, 390, 844, touch: true);
        await p.GotoAsync();
        var sidebar = p.Page.Locator("#sidebar");
        await Assertions.Expect(sidebar).Not.ToBeInViewportAsync();

        await p.Page.Locator("#search").TapAsync();
        await p.Page.Locator("#search").FillAsync("bike");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).TapAsync();
        var first = p.Page.Locator("#results .result-button").First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        await Assertions.Expect(first).ToBeInViewportAsync();
        await Assertions.Expect(p.Page.Locator("#results h2")).ToBeInViewportAsync();
        await p.ScreenshotAsync("phone-search-results");
        await p.AssertAccessibleAsync("phone search results");

        // Choosing a result closes the drawer: the panel shows.
        await p.Page.Locator("#results .result-button", new() { HasTextString = "Tartu bike-sharing system" }).TapAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu bike-sharing system");
        await Assertions.Expect(sidebar).Not.ToBeInViewportAsync();
        await p.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(p.Page.Locator("#detail")).ToBeHiddenAsync();

        var filters = p.Page.GetByRole(AriaRole.Button, new() { Name = "Filters", Exact = true });
        var close = p.Page.GetByRole(AriaRole.Button, new() { Name = "Close filters" });
        // Its button.
        await filters.TapAsync();
        await Assertions.Expect(sidebar).ToBeInViewportAsync();
        await Assertions.Expect(close).ToBeInViewportAsync();
        await close.TapAsync();
        await Assertions.Expect(sidebar).Not.ToBeInViewportAsync();
        await Assertions.Expect(filters).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(filters).ToBeFocusedAsync();

        // Escape, from a control inside the drawer.
        await filters.TapAsync();
        await Assertions.Expect(sidebar).ToBeInViewportAsync();
        await p.Page.Locator("#f-theme-energy").FocusAsync();
        await p.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(sidebar).Not.ToBeInViewportAsync();
        await Assertions.Expect(filters).ToBeFocusedAsync();

        // A tap outside (on the map beside the drawer).
        await filters.TapAsync();
        await Assertions.Expect(sidebar).ToBeInViewportAsync();
        await Assertions.Expect(sidebar).ToBeInViewportAsync(new() { Ratio = 1 }); // slid in: its box is final
        var drawer = await sidebar.BoundingBoxAsync();
        Assert.True(drawer!.X + drawer.Width < 380, $"the drawer leaves the map beside it ({drawer.X}+{drawer.Width})");
        await p.Page.Touchscreen.TapAsync(385, 600);
        await Assertions.Expect(sidebar).Not.ToBeInViewportAsync();
        await Assertions.Expect(filters).ToHaveAttributeAsync("aria-expanded", "false");
        p.AssertClean();
    }

    [Fact]
    public async Task With_a_search_active_changing_a_filter_changes_the_results_at_once()
    {
        Assert.True(await app.WaitForSearchAsync(TimeSpan.FromSeconds(60)), "the search index did not come up");
        const string q = "energy";
        var all = await app.GetJsonAsync($"api/search?q={q}");
        var lv = await app.GetJsonAsync($"api/search?q={q}&country=LV");
        var lvTotal = lv["total"]!.GetValue<int>();
        Assert.True(lvTotal > 0 && lvTotal < all["total"]!.GetValue<int>(), "the query finds results in Latvia and elsewhere");

        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        await p.Page.Locator("#search").FillAsync(q);
        await p.Page.Locator("#search").PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#results h2")).ToContainTextAsync($"{all["total"]} results");

        await p.Page.Locator("#f-country").SelectOptionAsync("LV");
        await Assertions.Expect(p.Page.Locator("#results h2")).ToContainTextAsync($"{lvTotal} result");
        Assert.Equal(lv["hits"]!.AsArray().Count, await p.Page.Locator("#results .result").CountAsync());
        // Every result at a place is in Latvia (a network or an event has no country of its own).
        foreach (var meta in await p.Page.Locator("#results .result-meta").AllTextContentsAsync())
            Assert.True(meta.Contains("Latvia") || meta.StartsWith("Network") || meta.StartsWith("Event"), $"a result outside Latvia: {meta}");
        Assert.Equal("LV", p.Hash()["country"]);

        // Back to all countries: all results again.
        await p.Page.Locator("#f-country").SelectOptionAsync("");
        await Assertions.Expect(p.Page.Locator("#results h2")).ToContainTextAsync($"{all["total"]} results");
        p.AssertClean();
    }

    [Fact]
    public async Task Every_published_practice_is_counted_and_listed_also_without_a_place_and_the_list_sorts()
    {
        var published = await app.ODataCountAsync("Practices");
        var placeless = (await app.GetJsonAsync("odata/Practices?$filter=PlaceId eq null&$select=Id,Title,Themes"))["value"]!.AsArray();
        Assert.NotEmpty(placeless);
        var allThemes = placeless.Single(x => x!["Themes"]!.AsArray().Count == 3)!["Title"]!.GetValue<string>();
        var energy = await app.ODataCountAsync("Practices?$filter=Themes/any(t: t eq 'Energy')");

        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        Assert.Equal(published.ToString(), await p.Page.GetAttributeAsync("#summary", "data-practices"));
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{published} practices");

        // The list of practices beside the list of places: as many as it says, the placeless ones too.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Practices", Exact = true }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#practice-list-title")).ToBeFocusedAsync();
        Assert.Equal("practices", p.Hash()["list"]);
        var items = p.Page.Locator(".practice-list li");
        await Assertions.Expect(items).ToHaveCountAsync(published);
        await Assertions.Expect(p.Page.Locator("#practice-list-view .list-count")).ToHaveTextAsync($"{published} practices");
        foreach (var x in placeless)
            await Assertions.Expect(p.Page.Locator(".practice-title", new() { HasTextString = x!["Title"]!.GetValue<string>() })).ToHaveCountAsync(1);

        // Sorted by title, then by place (placeless last), then by year: each order as said, and they differ.
        async Task<string[]> Order() => (await p.Page.Locator(".practice-item").EvaluateAllAsync<string[]>("(bs) => bs.map((b) => b.dataset.id)"));
        var byTitle = await Order();
        Assert.True(await p.Page.Locator(".practice-title").EvaluateAllAsync<bool>(
            "(xs) => xs.every((x, i) => i === 0 || xs[i - 1].textContent.localeCompare(x.textContent) <= 0)"), "sorted by title");
        await p.Page.GetByLabel("Sort by").SelectOptionAsync("place");
        Assert.Equal("place", p.Hash()["sort"]);
        var byPlace = await Order();
        Assert.NotEqual(byTitle, byPlace);
        var places = await p.EvalAsync<string?[]>(@"() => [...document.querySelectorAll('.practice-item')].map((b) =>
            window.atlas.catalogue.placeById.get(window.atlas.catalogue.practices.find((x) => x.id === b.dataset.id).placeId)?.name ?? null)");
        var named = places.TakeWhile(x => x is not null).ToArray();
        Assert.Equal(published - placeless.Count, named.Length); // then only the placeless ones
        Assert.True(await p.EvalAsync<bool>("(xs) => xs.every((x, i) => i === 0 || xs[i - 1].localeCompare(x) <= 0)", named), "sorted by place");
        await p.Page.GetByLabel("Sort by").SelectOptionAsync("year");
        var years = await p.EvalAsync<int?[]>(@"() => [...document.querySelectorAll('.practice-item')].map((b) =>
            window.atlas.catalogue.practices.find((x) => x.id === b.dataset.id).year)");
        var known = years.TakeWhile(y => y is not null).ToArray();
        Assert.Equal(known.Order().ToArray(), known);
        Assert.All(years.Skip(known.Length), y => Assert.Null(y));

        // With a filter, the list shows as many as the summary and its own count say (it said 6 and showed 16).
        await p.Page.Locator("#f-theme-energy").CheckAsync();
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{energy} practices");
        await Assertions.Expect(items).ToHaveCountAsync(energy);
        await Assertions.Expect(p.Page.Locator("#practice-list-view .list-count")).ToHaveTextAsync($"{energy} practices");
        // The list of places counts only the practices the filter keeps.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Places", Exact = true }).ClickAsync();
        var perPlace = await p.EvalAsync<int>(@"() => [...document.querySelectorAll('.place-list .place-meta')]
            .reduce((n, m) => n + Number(/(\d+) practices?/.exec(m.textContent)[1]), 0)");
        var energyAtPlaces = await app.ODataCountAsync("Practices?$filter=PlaceId ne null and Themes/any(t: t eq 'Energy')");
        Assert.Equal(energyAtPlaces, perPlace);
        await p.Page.Locator("#f-theme-energy").UncheckAsync();

        // "Integrated practices only" keeps the one practice of no place that covers all three themes.
        await p.Page.Locator("#f-integrated").CheckAsync();
        var integrated = await app.ODataCountAsync("Practices?$filter=IsIntegrated");
        await Assertions.Expect(p.Page.Locator("[data-count='integrated:1']")).ToHaveTextAsync($"({integrated})");
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{integrated} practices");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Practices", Exact = true }).ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(integrated);
        await Assertions.Expect(p.Page.Locator(".practice-title", new() { HasTextString = allThemes })).ToHaveCountAsync(1);
        await p.Page.Locator(".practice-item", new() { HasTextString = allThemes }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(allThemes);
        await p.AssertAccessibleAsync("list of practices");
        p.AssertClean();
    }

    [Fact]
    public async Task The_export_links_carry_the_filters_and_hold_exactly_the_filtered_rows_and_share_copies_the_link()
    {
        await using var p = await browser.OpenAsync(app, permissions: ["clipboard-read", "clipboard-write"]);
        await p.GotoAsync("#country=LV&theme=energy");
        await Assertions.Expect(p.Page.Locator("#summary")).Not.ToBeEmptyAsync();
        var expected = await p.EvalAsync<JsonElement>(@"() => {
            const r = window.atlas.catalogue.apply(window.atlas.state);
            return { practices: r.practices.map((x) => x.id).sort(), places: r.places.map((x) => x.id).sort() };
        }");
        string[] Ids(string name) => expected.GetProperty(name).EnumerateArray().Select(x => x.GetString()!).ToArray();
        Assert.NotEmpty(Ids("practices"));
        Assert.Equal((await p.Page.GetAttributeAsync("#summary", "data-practices"))!, Ids("practices").Length.ToString());

        async Task<string> Download(string id)
        {
            var href = await p.Page.GetAttributeAsync($"#{id}", "href");
            Assert.NotNull(href);
            var r = await app.Http.GetAsync(new Uri(new Uri(app.BaseUrl + "/"), href));
            Assert.True(r.IsSuccessStatusCode, $"{href}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            return await r.Content.ReadAsStringAsync();
        }
        static string[] CsvIds(string csv)
        {
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            var column = Array.IndexOf(lines[0].Split(','), "Id");
            Assert.True(column >= 0, "an Id column: " + lines[0]);
            return lines.Skip(1).Select(l => l.Split(',')[column].Trim('"')).Order(StringComparer.Ordinal).ToArray();
        }

        var practicesHref = await p.Page.GetAttributeAsync("#export-practices-csv", "href");
        Assert.Contains("LV", Uri.UnescapeDataString(practicesHref!));
        Assert.Contains("Energy", Uri.UnescapeDataString(practicesHref!));
        Assert.Equal(Ids("practices").Order(StringComparer.Ordinal), CsvIds(await Download("export-practices-csv")));
        Assert.Equal(Ids("places").Order(StringComparer.Ordinal), CsvIds(await Download("export-places-csv")));
        var geo = JsonDocument.Parse(await Download("export-places-geojson")).RootElement;
        Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
        Assert.Equal(Ids("places").Order(StringComparer.Ordinal),
            geo.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

        // Changing a filter changes the links at once: integrated only, all countries.
        await p.Page.Locator("#f-country").SelectOptionAsync("");
        await p.Page.Locator("#f-theme-energy").UncheckAsync();
        await p.Page.Locator("#f-integrated").CheckAsync();
        await Assertions.Expect(p.Page.Locator("#export-practices-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("IsIntegrated"));
        var integrated = await app.ODataCountAsync("Practices?$filter=IsIntegrated");
        Assert.Equal(integrated, CsvIds(await Download("export-practices-csv")).Length);
        var integratedPlaces = await p.EvalAsync<int>("() => window.atlas.catalogue.apply(window.atlas.state).places.length");
        Assert.Equal(integratedPlaces, JsonDocument.Parse(await Download("export-places-geojson")).RootElement.GetProperty("features").GetArrayLength());

        // Share: the current link, hash and all, on the clipboard.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Copy link to this view" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#live")).ToHaveTextAsync("Link copied.");
        var copied = await p.EvalAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(p.Page.Url, copied);
        Assert.Contains("#", copied);
        Assert.Contains("integrated=1", copied);
        await p.AssertAccessibleAsync("export and share");
        p.AssertClean();
    }

    [Fact]
    public async Task The_map_says_it_loads_until_the_places_are_drawn_and_a_networks_timeline_reads_right_under_its_header()
    {
        await using var p = await browser.OpenAsync(app);
        // Every request stays on the atlas's own origin (no online tile basemap any more).
        var elsewhere = new List<string>();
        p.Page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal))
                elsewhere.Add(r.Url);
        };
        // The places answer only when the test lets them: the indicator must show meanwhile.
        var places = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await p.Page.RouteAsync("**/collections/places/items*", async route =>
        {
            asked.TrySetResult();
            await places.Task;
            await route.ContinueAsync();
        });
        await p.Page.GotoAsync(app.BaseUrl + "/#network=estonian-smart-cities-club");
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var loading = p.Page.Locator("#map-loading");
        await Assertions.Expect(loading).ToBeVisibleAsync();
        await Assertions.Expect(loading).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(loading).ToHaveTextAsync("Loading the places…");
        await Assertions.Expect(p.Page.Locator(".map-area")).ToHaveAttributeAsync("aria-busy", "true");
        places.SetResult();
        await p.WaitReadyAsync();
        await Assertions.Expect(loading).ToHaveCountAsync(0);
        await Assertions.Expect(p.Page.Locator(".map-area")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await Assertions.Expect(p.Page.Locator("#online-tiles")).ToHaveCountAsync(0);

        // The network's events as a user reads them: no "online (online)", no stray "· meeting".
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Estonian Smart Cities Club");
        var items = p.Page.Locator("#detail .timeline > li");
        await Assertions.Expect(items).Not.ToHaveCountAsync(0);
        var where = await p.Page.Locator("#detail .timeline .event-where").AllTextContentsAsync();
        Assert.All(where, w =>
        {
            Assert.DoesNotContain("online (online)", w);
            Assert.False(w.TrimStart().StartsWith('·'), $"a stray separator: '{w}'");
            Assert.False(w.Contains("· ·") || w.TrimEnd().EndsWith('·'), $"an empty part: '{w}'");
        });
        // An online meeting (location "online") and the opening meeting (no place, no "online" flag).
        Assert.Contains("online · virtual meeting (forced by circumstances)", where);
        Assert.Contains("meeting", where);
        Assert.Contains(where, w => w.StartsWith("Tallinn · meeting held within", StringComparison.Ordinal));

        // The timeline scrolls under the sticky header of the panel: the header stays on top.
        var onTop = await p.EvalAsync<JsonElement>(@"() => {
            const detail = document.querySelector('#detail');
            const bar = detail.querySelector('.panel-bar');
            const item = detail.querySelector('.timeline > li');
            detail.scrollTop += item.getBoundingClientRect().top - bar.getBoundingClientRect().top;
            const b = bar.getBoundingClientRect(), i = item.getBoundingClientRect();
            const hit = document.elementFromPoint(b.left + 30, b.top + b.height / 2);
            return { overlaps: i.top < b.bottom && i.bottom > b.top, scrolled: detail.scrollTop > 0, inBar: bar.contains(hit), hit: hit?.outerHTML?.slice(0, 120) ?? null };
        }");
        Assert.True(onTop.GetProperty("scrolled").GetBoolean() && onTop.GetProperty("overlaps").GetBoolean(), "the timeline is under the header: " + onTop);
        Assert.True(onTop.GetProperty("inBar").GetBoolean(), "the header is on top of the timeline: " + onTop);
        await p.AssertAccessibleAsync("network panel with its timeline");
        Assert.Empty(elsewhere);
        p.AssertClean();
    }

    [Fact]
    public async Task An_open_map_updates_its_counts_when_a_reviewer_publishes_or_unpublishes()
    {
        await using var p = await browser.OpenAsync(app);
        // The site's config.js as a host would set it: a check every second instead of every 30.
        await p.Page.RouteAsync("**/config.js", route => route.FulfillAsync(new()
        {
            ContentType = "text/javascript", Body = "window.ATLAS_CONFIG = { pollSeconds: 1 };",
        }));
        await p.GotoAsync();
        var before = await app.ODataCountAsync("Practices");
        await Assertions.Expect(p.Page.Locator("#summary")).ToHaveAttributeAsync("data-practices", before.ToString());

        // An editor's draft changes nothing public; a reviewer's publish does.
        const string id = "p-stumbles-live-counts";
        var editor = app.WithKey(await app.CreateKeyAsync("editor"));
        var reviewer = app.WithKey(await app.CreateKeyAsync("reviewer"));
        var created = await editor.PostAsJsonAsync("api/practices", new
        {
            id, title = "Solar roofs on bus shelters (browser test)", summary = "Bus shelters with solar roofs.", language = "en", placeId = "ee-tartu",
            initiativeId = (string?)null, themes = new[] { "energy" }, tags = Array.Empty<string>(), kpis = Array.Empty<object>(),
            documents = Array.Empty<object>(), status = "draft", source = "citiesmultiply-about", external = false,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        async Task ActAsync(string action)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"api/practices/{id}/{action}");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            var r = await reviewer.SendAsync(request);
            Assert.True(r.IsSuccessStatusCode, $"{action}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        }

        await ActAsync("publish");
        Assert.Equal(before + 1, await app.ODataCountAsync("Practices"));
        await Assertions.Expect(p.Page.Locator("#summary")).ToHaveAttributeAsync("data-practices", (before + 1).ToString());
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{before + 1} practices");
        await Assertions.Expect(p.Page.Locator("#live")).ToContainTextAsync("The catalogue was updated");

        await ActAsync("unpublish");
        await Assertions.Expect(p.Page.Locator("#summary")).ToHaveAttributeAsync("data-practices", before.ToString());
        // While nothing changes the map's checks are answered 304 without a body.
        using var ask = new HttpRequestMessage(HttpMethod.Get, "api/catalogue/version");
        var first = await app.Http.SendAsync(ask);
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/catalogue/version");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await app.Http.SendAsync(again)).StatusCode);
        p.AssertClean();
    }

    [Fact]
    public async Task Practices_and_places_compare_side_by_side_from_a_link_a_panel_and_the_list_also_on_a_phone()
    {
        const string kpiPractice = "p37-smart-villages-strategies-pilot-actions", bike = "p01-tartu-bike-sharing", draft = "p-stumbles-compare-draft";
        var p37 = await app.GetJsonAsync($"odata/Practices('{kpiPractice}')?$expand=Initiative($select=Name)");
        var p37Title = p37["Title"]!.GetValue<string>();
        var valga = await app.GetJsonAsync("odata/Places('ee-valga')?$select=Name,Population");
        var editor = app.WithKey(await app.CreateKeyAsync("editor"));
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("api/practices", new
        {
            id = draft, title = "A draft nobody may compare yet", summary = "Not published.", language = "en", placeId = "ee-valga",
            initiativeId = (string?)null, themes = new[] { "mobility" }, tags = Array.Empty<string>(), kpis = Array.Empty<object>(),
            documents = Array.Empty<object>(), status = "draft", source = "citiesmultiply-about", external = false,
        })).StatusCode);

        // A shared link: the unknown id and the unpublished draft are left out, with a note, and leave the link.
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync($"#compare={kpiPractice},ee-valga,no-such-record,{draft}");
        var compare = p.Page.Locator("#compare");
        var columns = compare.Locator(".compare-table thead th");
        await Assertions.Expect(columns).ToHaveCountAsync(2);
        await Assertions.Expect(compare.Locator(".compare-note")).ToContainTextAsync("no-such-record");
        await Assertions.Expect(compare.Locator(".compare-note")).ToContainTextAsync(draft);
        await p.Page.WaitForFunctionAsync("() => location.hash.includes('compare=')");
        Assert.Equal($"{kpiPractice},ee-valga", p.Hash()["compare"]);
        async Task<string> Cell(string row, string id)
        {
            var at = await columns.EvaluateAllAsync<int>("(ths, id) => ths.findIndex((th) => th.dataset.id === id)", id);
            Assert.True(at >= 0, $"a column for {id}");
            return (await compare.Locator($".compare-table tbody tr:has(th:text-is('{row}')) td").Nth(at).TextContentAsync())!;
        }
        Assert.Equal(valga["Population"]!.GetValue<int>().ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), await Cell("Population", "ee-valga"));
        Assert.Contains("€33,000", await Cell("Budget", kpiPractice));
        Assert.Contains("Training modules: 6 modules", await Cell("Indicators (KPIs)", kpiPractice));
        Assert.Equal(p37["Initiative"]!["Name"]!.GetValue<string>(), await Cell("Networks", kpiPractice));
        Assert.Contains("Place", await Cell("Type", "ee-valga"));
        await p.AssertAccessibleAsync("comparison from a link");

        // The place's own panel: its Compare toggle is pressed; it takes the place out and back in.
        await compare.GetByRole(AriaRole.Button, new() { Name = valga["Name"]!.GetValue<string>(), Exact = true }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(valga["Name"]!.GetValue<string>());
        var toggle = p.Page.Locator("#detail .compare-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await toggle.ClickAsync();
        await Assertions.Expect(columns).ToHaveCountAsync(1);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();
        await Assertions.Expect(columns).ToHaveCountAsync(2);
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await p.Page.Keyboard.PressAsync("Escape");

        // A row of the practices list.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "List", Exact = true }).ClickAsync();
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Practices", Exact = true }).ClickAsync();
        var row = p.Page.GetByRole(AriaRole.Button, new() { Name = "Compare Tartu bike-sharing system", Exact = true });
        await row.ClickAsync();
        await Assertions.Expect(columns).ToHaveCountAsync(3);
        await Assertions.Expect(row).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal($"{kpiPractice},ee-valga,{bike}", p.Hash()["compare"]);

        // With the keyboard: a column's remove button; focus stays in the table.
        await compare.GetByRole(AriaRole.Button, new() { Name = $"Remove {p37Title} from the comparison" }).FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(columns).ToHaveCountAsync(2);
        Assert.True(await p.EvalAsync<bool>("() => document.activeElement.classList.contains('compare-remove')"), "focus on the next remove button");
        Assert.Equal($"ee-valga,{bike}", p.Hash()["compare"]);
        await p.AssertAccessibleAsync("comparison over the list");
        p.AssertClean();

        // On a phone the table scrolls sideways inside its region; the page itself does not.
        await using var phone = await browser.OpenAsync(app, 390, 844, touch: true);
        await phone.GotoAsync($"#compare={kpiPractice},ee-valga,{bike}");
        await Assertions.Expect(phone.Page.Locator("#compare .compare-table thead th")).ToHaveCountAsync(3);
        var widths = await phone.EvalAsync<JsonElement>(@"() => { const s = document.querySelector('.compare-scroll');
            return { inner: s.scrollWidth, box: s.clientWidth, page: document.documentElement.scrollWidth }; }");
        Assert.True(widths.GetProperty("inner").GetInt32() > widths.GetProperty("box").GetInt32(), "the table scrolls sideways: " + widths);
        Assert.True(widths.GetProperty("page").GetInt32() <= 390, "the page does not: " + widths);
        await phone.ScreenshotAsync("phone-compare");
        await phone.AssertAccessibleAsync("comparison on a phone");
        phone.AssertClean();
    }
}
