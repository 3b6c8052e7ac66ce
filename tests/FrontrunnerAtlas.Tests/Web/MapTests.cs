using System.Text.Json;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The web map in headless Chromium against the real service and the real catalogue: what a planner sees and
/// does. Every test also checks that the console stayed clean. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MapTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string FrontrunnerColour = "#c84f00"; // web/src/map.js ROLE_COLOURS

    [Fact]
    public async Task The_map_shows_every_place_that_has_coordinates_clustered_and_coloured_by_role()
    {
        var withCoordinates = await app.ODataCountAsync("Places?$filter=Latitude ne null");
        var all = await app.ODataCountAsync("Places");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        await p.ScreenshotAsync("map-start");

        // The data on the map, and what is drawn: clusters (HTML badges with their counts) plus single markers.
        Assert.Equal(withCoordinates, await p.EvalAsync<int>("() => window.atlas.map.places.features.length"));
        var drawn = await p.EvalAsync<JsonElement>(@"() => {
            const m = window.atlas.map.map;
            const singles = new Set(m.queryRenderedFeatures({ layers: ['places'] }).map((f) => f.properties.id));
            const r = m.getContainer().getBoundingClientRect();
            const clusters = [...document.querySelectorAll('.cluster')].filter((c) => {
              const b = c.getBoundingClientRect();
              return b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
            });
            return { singles: singles.size, clustered: clusters.reduce((n, c) => n + Number(c.textContent), 0), clusters: clusters.length };
        }");
        Assert.True(drawn.GetProperty("clusters").GetInt32() > 0, "the start view groups nearby places into clusters");
        Assert.Equal(withCoordinates, drawn.GetProperty("singles").GetInt32() + drawn.GetProperty("clustered").GetInt32());

        // The summary counts every place (also the one without coordinates, which is only in the list).
        Assert.StartsWith($"{all} places", await p.Page.TextContentAsync("#summary"));

        // Legend: the three roles and the cluster symbol.
        var legend = await p.Page.TextContentAsync(".legend");
        Assert.Contains("Frontrunner", legend);
        Assert.Contains("Follower", legend);
        Assert.Contains("Peer", legend);

        // Clusters split as one zooms in: at street level around Ventspils the place is a single marker of its role.
        var before = drawn.GetProperty("clusters").GetInt32();
        var (x, y) = await p.ShowPlaceAsync("lv-ventspils");
        var png = await p.Page.ScreenshotAsync(new PageScreenshotOptions { Clip = new Clip { X = (float)x, Y = (float)y, Width = 1, Height = 1 } });
        Assert.True(Pixels.Near(Pixels.Rgb(png), Pixels.Hex(FrontrunnerColour)), $"Ventspils (a frontrunner) is drawn in {FrontrunnerColour}, not {Pixels.Rgb(png)}");
        Assert.Contains("lv-ventspils", await p.EvalAsync<string[]>("() => window.atlas.map.map.queryRenderedFeatures({ layers: ['places'] }).map((f) => f.properties.id)"));
        await p.ScreenshotAsync("map-zoomed-ventspils");
        Assert.True(before > 0);
        p.AssertClean();
    }

    [Fact]
    public async Task Clicking_a_place_opens_its_panel_with_networks_commitments_events_and_practices_by_theme()
    {
        var place = await app.GetJsonAsync("odata/Places('lv-kuldiga')?$expand=Practices($select=Id,Title,IsIntegrated),Memberships($expand=Initiative($select=Name))");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        var (x, y) = await p.ShowPlaceAsync("lv-kuldiga");
        await p.Page.Mouse.ClickAsync((float)x, (float)y);
        var chooser = p.Page.Locator(".chooser button", new() { HasTextString = "Kuldīga" });
        if (await p.Page.Locator(".chooser").CountAsync() > 0) await chooser.First.ClickAsync();

        var title = p.Page.Locator("#detail h2");
        await Assertions.Expect(title).ToHaveTextAsync(place["Name"]!.GetValue<string>());
        await Assertions.Expect(title).ToBeFocusedAsync();
        var panel = await p.Page.TextContentAsync("#detail") ?? "";
        Assert.Contains("Latvia", panel);
        Assert.Contains("Peer", panel); // Kuldīga is a peer (its role is the curators' reading of the sources)
        var practices = place["Practices"]!.AsArray();
        Assert.Contains($"Practices ({practices.Count})", panel);
        foreach (var pr in practices) Assert.Contains(pr!["Title"]!.GetValue<string>(), panel);
        foreach (var m in place["Memberships"]!.AsArray()) Assert.Contains(m!["Initiative"]!["Name"]!.GetValue<string>(), panel);
        foreach (var h in new[] { "Networks", "Commitments", "Events hosted" }) Assert.Contains(h, panel);
        Assert.Equal("lv-kuldiga", p.Hash()["place"]);
        // The selected place is ringed on the map.
        Assert.Equal("lv-kuldiga", await p.EvalAsync<string>("() => window.atlas.map.selected?.id"));
        await p.ScreenshotAsync("place-panel");
        await p.AssertAccessibleAsync("place panel");

        // A practice opens from the panel with every field; "integrated" practices carry the badge.
        await p.Page.Locator("#detail .theme-group button").First.ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail[data-kind=practice] h2")).ToBeVisibleAsync();
        var practice = await p.Page.TextContentAsync("#detail") ?? "";
        foreach (var h in new[] { "Summary", "Original-language text", "Themes", "Tags", "Period", "Budget", "Key performance indicators", "Documents", "Contact", "Transferability", "Source" })
            Assert.Contains(h, practice);
        Assert.True(p.Hash().ContainsKey("practice"));
        p.AssertClean();
    }

    [Fact]
    public async Task A_practice_shows_every_field_KPIs_budget_and_documents()
    {
        var pr = await app.GetJsonAsync("odata/Practices('p37-smart-villages-strategies-pilot-actions')");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#practice=p37-smart-villages-strategies-pilot-actions");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(pr["Title"]!.GetValue<string>());
        var rows = p.Page.Locator("#detail table.kpis tbody tr");
        Assert.Equal(pr["Kpis"]!.AsArray().Count, await rows.CountAsync());
        var text = await p.Page.TextContentAsync("#detail") ?? "";
        Assert.Contains("€33,000", text); // as English writes money (Intl)
        // Mobility is stated by the source, Energy is the curators' reading.
        await Assertions.Expect(p.Page.Locator("#detail .chip.theme-energy")).ToHaveTextAsync("Energy (reading)");
        await Assertions.Expect(p.Page.Locator("#detail .chip.theme-mobility")).ToHaveTextAsync("Mobility");
        // The source by its title, linked to its page; never its id.
        var source = p.Page.Locator("#detail p.source a");
        await Assertions.Expect(source).ToHaveTextAsync("JAP project page: 2021/1 Smart Villages development programme (2021/1 Arukate külade arenguprogramm)");
        Assert.Equal("https://japnet.ee/2021-1-arukate-kulade-arenguprogramm/", await source.GetAttributeAsync("href"));
        Assert.DoesNotContain("jap-smart-villages-programme-2021-1", text);
        Assert.Contains(pr["Summary"]!.GetValue<string>(), text);
        await p.ScreenshotAsync("practice-view");

        await p.GotoAsync("#practice=p30-kuldiga-unesco-old-town-heritage");
        var doc = (await app.GetJsonAsync("odata/Practices('p30-kuldiga-unesco-old-town-heritage')"))["Documents"]![0]!;
        await Assertions.Expect(p.Page.Locator("#detail")).ToContainTextAsync(doc["Title"]!.GetValue<string>());
        await p.AssertAccessibleAsync("practice view");
        p.AssertClean();
    }

    [Fact]
    public async Task Filters_change_the_markers_and_the_counts_at_once()
    {
        var energyPlaces = await app.ODataCountAsync("Places?$filter=Practices/any(p: p/Themes/any(t: t eq 'Energy'))");
        var energyPlacesOnMap = await app.ODataCountAsync("Places?$filter=Latitude ne null and Practices/any(p: p/Themes/any(t: t eq 'Energy'))");
        // Counts are of every published practice, also those of no place (they are in the list of practices).
        var energyPractices = await app.ODataCountAsync("Practices?$filter=Themes/any(t: t eq 'Energy')");
        var mobilityPractices = await app.ODataCountAsync("Practices?$filter=Themes/any(t: t eq 'Mobility')");
        var frontrunnersWithEnergy = await app.ODataCountAsync("Places?$filter=Role eq 'Frontrunner' and Practices/any(p: p/Themes/any(t: t eq 'Energy'))");
        var lv = await app.ODataCountAsync("Places?$filter=Country eq 'LV'");
        var club = await app.GetJsonAsync("odata/Memberships?$apply=filter(InitiativeId eq 'estonian-smart-cities-club')/groupby((PlaceId))");
        var all = await app.ODataCountAsync("Places");

        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        Assert.Equal($"({energyPractices})", await p.Page.TextContentAsync("[data-count='theme:energy']"));
        Assert.Equal($"({mobilityPractices})", await p.Page.TextContentAsync("[data-count='theme:mobility']"));

        await p.Page.Locator("#f-theme-energy").CheckAsync();
        await Assertions.Expect(p.Page.Locator("#summary")).ToHaveTextAsync($"{energyPlaces} places · {energyPractices} practices");
        await p.IdleAsync();
        Assert.Equal(energyPlacesOnMap, await p.EvalAsync<int>("() => window.atlas.map.places.features.length"));
        await Assertions.Expect(p.Page.Locator("#live")).ToContainTextAsync($"Showing {energyPlaces} places");
        Assert.Equal("energy", p.Hash()["theme"]);
        await p.ScreenshotAsync("filter-energy");

        await p.Page.Locator("#f-role-frontrunner").CheckAsync();
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{frontrunnersWithEnergy} places");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Clear all filters" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{all} places");

        await p.Page.Locator("#f-country").SelectOptionAsync("LV");
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{lv} places");
        await p.Page.Locator("#f-country").SelectOptionAsync("");

        await p.Page.Locator("#f-network").SelectOptionAsync("estonian-smart-cities-club");
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{club["value"]!.AsArray().Count} places");
        Assert.Equal("estonian-smart-cities-club", p.Hash()["net"]);

        // Tags live in a disclosure; integrated-only combines with them.
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Clear all filters" }).ClickAsync();
        await p.Page.Locator("details.tags summary").ClickAsync();
        await p.Page.Locator("#f-tag-cycling").CheckAsync();
        var cycling = await app.ODataCountAsync("Places?$filter=Practices/any(p: p/Tags/any(t: t eq 'cycling'))");
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{cycling} place");
        await p.AssertAccessibleAsync("filters");
        p.AssertClean();
    }

    [Fact]
    public async Task Search_suggests_lists_highlighted_results_and_flies_to_the_choice()
    {
        Assert.True(await app.WaitForSearchAsync(TimeSpan.FromSeconds(60)), "the search index did not come up");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        var box = p.Page.GetByRole(AriaRole.Combobox, new() { Name = "Search practices, places, networks and events" });
        await box.PressSequentiallyAsync("bike", new() { Delay = 40 });
        var option = p.Page.GetByRole(AriaRole.Option).Filter(new() { HasTextString = "Tartu bike-sharing system" });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await p.ScreenshotAsync("search-suggestions");

        await box.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#results h2")).ToContainTextAsync("for “bike”");
        var marks = p.Page.Locator("#results .fragment mark");
        Assert.True(await marks.CountAsync() > 0, "results show highlighted fragments");
        Assert.Equal("bike", (await marks.First.TextContentAsync())!.ToLowerInvariant());
        Assert.Equal("bike", p.Hash()["q"]);
        await p.ScreenshotAsync("search-results");
        await p.AssertAccessibleAsync("search results");

        await p.Page.Locator("#results .result-button", new() { HasTextString = "Tartu bike-sharing system" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu bike-sharing system");
        await p.IdleAsync();
        var view = await p.EvalAsync<JsonElement>("() => window.atlas.map.view()");
        Assert.InRange(view.GetProperty("lat").GetDouble(), 58.38 - 0.2, 58.38 + 0.2);
        Assert.InRange(view.GetProperty("lon").GetDouble(), 26.73 - 0.3, 26.73 + 0.3);
        Assert.True(view.GetProperty("zoom").GetDouble() >= 7);

        // Keyboard: arrow down to a suggestion and Enter opens it.
        await box.FillAsync("");
        await box.PressSequentiallyAsync("kuld", new() { Delay = 40 });
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await box.PressAsync("ArrowDown");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "suggestion-0");
        await box.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToContainTextAsync("Kuld");

        // Only in the visible extent: over Iberia nothing, over Estonia the bike-sharing practice.
        await p.EvalAsync<object>("() => { window.atlas.map.map.jumpTo({ center: [-4, 40], zoom: 5 }); return null; }");
        await p.IdleAsync();
        await p.Page.GetByLabel("Only in the visible map extent").CheckAsync();
        await box.FillAsync("bike");
        await box.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#results h2")).ToContainTextAsync("Nothing found");
        await p.EvalAsync<object>("() => { window.atlas.map.map.jumpTo({ center: [25.5, 58.6], zoom: 6 }); return null; }");
        await Assertions.Expect(p.Page.Locator("#results .result-button", new() { HasTextString = "Tartu bike-sharing system" })).ToBeVisibleAsync();
        Assert.Equal("1", p.Hash()["extent"]);
        p.AssertClean();
    }

    [Fact]
    public async Task An_old_link_with_theme_and_role_member_names_still_filters()
    {
        // Links shared before the filters were spelled in snake_case: theme=SpatialPlanning&role=Frontrunner.
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#theme=SpatialPlanning,Energy&role=Frontrunner");
        Assert.True(await p.Page.Locator("#f-theme-spatial_planning").IsCheckedAsync());
        Assert.True(await p.Page.Locator("#f-theme-energy").IsCheckedAsync());
        Assert.False(await p.Page.Locator("#f-theme-mobility").IsCheckedAsync());
        Assert.True(await p.Page.Locator("#f-role-frontrunner").IsCheckedAsync());
        var frontrunners = await app.ODataCountAsync(
            "Places?$filter=Role eq 'Frontrunner' and Practices/any(p: p/Themes/any(t: t eq 'Energy' or t eq 'SpatialPlanning'))");
        await Assertions.Expect(p.Page.Locator("#summary")).ToContainTextAsync($"{frontrunners} places");
        Assert.Equal("spatial_planning,energy", p.Hash()["theme"]);
        p.AssertClean();
    }

    [Fact]
    public async Task A_shared_link_restores_place_filters_query_and_map_position()
    {
        await using var first = await browser.OpenAsync(app);
        await first.GotoAsync();
        await first.Page.Locator("#f-theme-mobility").CheckAsync();
        await first.Page.Locator("#f-role-frontrunner").CheckAsync();
        await first.Page.Locator(".view-switch button", new() { HasTextString = "List" }).ClickAsync();
        await first.Page.Locator(".place-item", new() { HasTextString = "Tartu" }).First.ClickAsync();
        await Assertions.Expect(first.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu");
        await first.Page.Locator(".view-switch button", new() { HasTextString = "Map" }).ClickAsync();
        await first.IdleAsync();
        await first.EvalAsync<object>("() => { window.atlas.map.map.jumpTo({ center: [26.1, 58.2], zoom: 7.5 }); return null; }");
        await first.IdleAsync();
        await first.Page.WaitForFunctionAsync("() => location.hash.includes('map=7.50')");
        var url = first.Page.Url;
        first.AssertClean();

        await using var p = await browser.OpenAsync(app);
        await p.Page.GotoAsync(url);
        await p.WaitReadyAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu");
        Assert.True(await p.Page.Locator("#f-theme-mobility").IsCheckedAsync());
        Assert.True(await p.Page.Locator("#f-role-frontrunner").IsCheckedAsync());
        Assert.False(await p.Page.Locator("#f-theme-energy").IsCheckedAsync());
        var view = await p.EvalAsync<JsonElement>("() => window.atlas.map.view()");
        Assert.Equal(7.5, view.GetProperty("zoom").GetDouble(), 1);
        Assert.Equal(58.2, view.GetProperty("lat").GetDouble(), 1);
        Assert.Equal(26.1, view.GetProperty("lon").GetDouble(), 1);
        Assert.Equal(await first.Page.TextContentAsync("#summary"), await p.Page.TextContentAsync("#summary"));
        await p.ScreenshotAsync("shared-link");

        // A query in the link runs the search; Back returns to the previous panel.
        await using var q = await browser.OpenAsync(app);
        await q.GotoAsync("#q=smart&practice=p01-tartu-bike-sharing");
        await Assertions.Expect(q.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu bike-sharing system");
        await Assertions.Expect(q.Page.Locator("#search")).ToHaveValueAsync("smart");
        await Assertions.Expect(q.Page.Locator("#results h2")).ToContainTextAsync("“smart”");
        await q.Page.Locator("#detail button.back").ClickAsync();
        await Assertions.Expect(q.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu");
        await q.Page.GoBackAsync();
        await Assertions.Expect(q.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu bike-sharing system");
        p.AssertClean();
        q.AssertClean();
    }

    [Fact]
    public async Task A_network_highlights_its_members_and_shows_its_events_as_a_timeline()
    {
        const string id = "estonian-smart-cities-club";
        var members = await app.GetJsonAsync($"odata/Memberships?$apply=filter(InitiativeId eq '{id}' and Place/Latitude ne null)/groupby((PlaceId))");
        var events = await app.ODataCountAsync($"Events?$filter=InitiativeId eq '{id}'");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync($"#network={id}");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Estonian Smart Cities Club");
        await p.IdleAsync();
        Assert.Equal(members["value"]!.AsArray().Count, await p.EvalAsync<int>("() => window.atlas.map.highlighted.size"));
        var rendered = await p.EvalAsync<int>("() => new Set(window.atlas.map.map.queryRenderedFeatures({ layers: ['highlight'] }).map((f) => f.properties.id)).size");
        Assert.Equal(members["value"]!.AsArray().Count, rendered);
        var dates = await p.Page.Locator("#detail ol.timeline time").EvaluateAllAsync<string[]>("ts => ts.map((t) => t.getAttribute('datetime'))");
        Assert.Equal(events, await p.Page.Locator("#detail ol.timeline > li").CountAsync());
        Assert.Equal(dates.OrderBy(d => d, StringComparer.Ordinal), dates);
        await p.ScreenshotAsync("network-view");
        await p.AssertAccessibleAsync("network view");

        await p.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(p.Page.Locator("#detail")).ToBeHiddenAsync();
        Assert.Equal(0, await p.EvalAsync<int>("() => window.atlas.map.highlighted.size"));
        p.AssertClean();
    }

    [Fact]
    public async Task Keyboard_and_screen_reader_users_get_a_list_of_places_focus_management_and_live_counts()
    {
        var all = await app.ODataCountAsync("Places");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        await p.AssertAccessibleAsync("start page");

        // The first Tab reaches the skip link, which opens the list of places.
        await p.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(p.Page.Locator(".skip-link")).ToBeFocusedAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#list-title")).ToBeFocusedAsync();
        Assert.Equal(all, await p.Page.Locator(".place-list li").CountAsync());
        Assert.Contains("no coordinates", await p.Page.TextContentAsync(".place-list") ?? ""); // Dreverna is listed too

        await p.Page.Keyboard.PressAsync("Tab");
        var first = p.Page.Locator(".place-item").First;
        await Assertions.Expect(first).ToBeFocusedAsync();
        var name = await first.Locator(".place-name").TextContentAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(name!);
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToBeFocusedAsync();
        await p.ScreenshotAsync("list-view");
        await p.AssertAccessibleAsync("list view with a place open");

        await p.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(p.Page.Locator("#detail")).ToBeHiddenAsync();
        await Assertions.Expect(first).ToBeFocusedAsync();

        // The live region tells the counts after a filter.
        Assert.Equal("polite", await p.Page.GetAttributeAsync("#live", "aria-live"));
        await p.Page.Locator("#f-role-peer").CheckAsync();
        var peers = await app.ODataCountAsync("Places?$filter=Role eq 'Peer'");
        await Assertions.Expect(p.Page.Locator("#live")).ToContainTextAsync($"Showing {peers} places");
        Assert.Equal(peers, await p.Page.Locator(".place-list li").CountAsync());
        p.AssertClean();
    }

    [Fact]
    public async Task On_a_phone_the_filters_fold_away_and_the_panel_is_a_bottom_sheet()
    {
        await using var p = await browser.OpenAsync(app, 390, 844);
        await p.GotoAsync();
        await p.ScreenshotAsync("phone-start");
        var filters = p.Page.GetByRole(AriaRole.Button, new() { Name = "Filters", Exact = true });
        await Assertions.Expect(filters).ToBeVisibleAsync();
        await Assertions.Expect(p.Page.Locator("#sidebar")).Not.ToBeInViewportAsync();
        await filters.ClickAsync();
        await Assertions.Expect(filters).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(p.Page.Locator("#sidebar")).ToBeInViewportAsync();
        await p.ScreenshotAsync("phone-filters");
        await filters.ClickAsync();

        await p.Page.Locator(".view-switch button", new() { HasTextString = "List" }).ClickAsync();
        await p.Page.Locator(".place-item", new() { HasTextString = "Tartu" }).First.ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu");
        var box = await p.Page.Locator("#detail").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box!.Width <= 390 && box.Y > 100, $"the panel is a sheet across the bottom ({box.X},{box.Y} {box.Width}x{box.Height})");
        await p.ScreenshotAsync("phone-place");
        await p.AssertAccessibleAsync("phone layout");
        p.AssertClean();
    }
}
