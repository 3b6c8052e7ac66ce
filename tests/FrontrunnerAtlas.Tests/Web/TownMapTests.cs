using System.Text.Json;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// Towns of the gazetteer on the map: found from the search box (folded names), opened in a panel with their
/// nearest catalogue places and "Find a mentor", kept in the URL.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TownMapTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string LinesDrawn = "() => (window.atlas.map.mentorLines?.features.length ?? 0)";

    [Fact]
    public async Task Torva_is_found_folded_opens_a_town_panel_finds_mentors_and_draws_lines()
    {
        var towns = await app.GetJsonAsync("api/towns?q=torva&limit=5");
        var torva = towns.AsArray().First(x => (string)x!["name"]! == "Tõrva")!;
        var id = (long)torva["geonamesId"]!;
        Assert.Null(torva["placeId"]); // not in the catalogue: the point of the test

        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        var box = p.Page.Locator("#search");
        await box.PressSequentiallyAsync("torva", new() { Delay = 40 });
        var group = p.Page.GetByRole(AriaRole.Group, new() { Name = "Towns" });
        var option = group.GetByRole(AriaRole.Option).Filter(new() { HasTextString = "Tõrva" });
        await Assertions.Expect(option.First).ToBeVisibleAsync();
        await Assertions.Expect(option.First).ToContainTextAsync("Estonia");
        await p.AssertAccessibleAsync("town suggestions");

        // Keyboard, as for the other suggestions: down to the town, Enter.
        var index = await p.Page.Locator("#suggestions [role=option]").EvaluateAllAsync<int>(
            "(os) => os.findIndex((o) => o.dataset.type === 'town' && o.textContent.includes('Tõrva'))");
        for (var i = 0; i <= index; i++) await box.PressAsync("ArrowDown");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", $"suggestion-{index}");
        await box.PressAsync("Enter");

        var detail = p.Page.Locator("#detail");
        await Assertions.Expect(detail.Locator("h2")).ToHaveTextAsync("Tõrva");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Hash()["town"]);
        await Assertions.Expect(detail.Locator(".facts")).ToContainTextAsync("Estonia");
        await Assertions.Expect(detail.Locator(".facts")).ToContainTextAsync(((int)torva["population"]!).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
        await Assertions.Expect(detail.Locator(".in-catalogue")).ToHaveCountAsync(0);
        // The nearest catalogue places, as the API lists them.
        var api = await app.GetJsonAsync($"api/towns/{id}");
        var nearest = api["nearestPlaces"]!.AsArray();
        Assert.NotEmpty(nearest);
        await Assertions.Expect(detail.Locator(".near-places > li")).ToHaveCountAsync(nearest.Count);
        await Assertions.Expect(detail.Locator(".near-places > li").First).ToContainTextAsync((string)nearest[0]!["name"]!);

        // The map flew there.
        await p.IdleAsync();
        var view = await p.EvalAsync<JsonElement>("() => window.atlas.map.view()");
        Assert.InRange(view.GetProperty("lat").GetDouble(), (double)torva["latitude"]! - 0.3, (double)torva["latitude"]! + 0.3);
        Assert.InRange(view.GetProperty("lon").GetDouble(), (double)torva["longitude"]! - 0.5, (double)torva["longitude"]! + 0.5);

        // Find a mentor: the town has no stored interests, so it is asked for themes; ticking one lists mentors.
        await detail.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" }).ClickAsync();
        await Assertions.Expect(detail.Locator(".mentor-interests")).ToBeVisibleAsync();
        var expected = (await app.GetJsonAsync($"api/towns/{id}/mentors?themes=mobility&limit=10"))["mentors"]!.AsArray();
        Assert.NotEmpty(expected);
        var res = await p.Page.RunAndWaitForResponseAsync(() => p.Page.Locator("#mi-theme-mobility").CheckAsync(),
            r => r.Url.Contains($"/api/towns/{id}/mentors") && r.Url.Contains("themes=mobility"));
        Assert.Equal(200, res.Status);
        var mentors = detail.Locator(".mentor-list > li");
        await Assertions.Expect(mentors).ToHaveCountAsync(expected.Count);
        await Assertions.Expect(mentors.First.Locator(".mentor-name")).ToHaveTextAsync((string)expected[0]!["name"]!);
        // A town outside the catalogue cannot send a request.
        await Assertions.Expect(detail.Locator(".ask-button")).ToHaveCountAsync(0);

        // Lines from the town's point to the mentors.
        await p.Page.WaitForFunctionAsync($"() => ({LinesDrawn})() === {expected.Count}");
        Assert.Equal($"town-{id}", await p.EvalAsync<string>("() => window.atlas.map.mentorLines.features[0].properties.from"));
        var start = await p.EvalAsync<double[]>("() => window.atlas.map.mentorLines.features[0].geometry.coordinates[0]");
        Assert.Equal((double)torva["longitude"]!, start[0], 5);
        await p.IdleAsync();
        Assert.True(await p.EvalAsync<int>("() => window.atlas.map.map.queryRenderedFeatures({ layers: ['mentor-lines'] }).length") > 0, "the lines are rendered");
        // Each line ends at its mentor's marker or, where the marker is merged into a cluster, at that cluster; and carries its rank.
        await p.IdleAsync();
        var misplaced = await p.EvalAsync<string[]>(@"async () => {
            const m = window.atlas.map;
            await m.refreshLineEnds();
            const clusters = m.map.querySourceFeatures('places', { filter: ['has', 'point_count'] }).map((f) => f.geometry.coordinates);
            const same = (a, b) => Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
            return m.mentorLines.features.filter((f) => {
                const end = f.geometry.coordinates[1];
                const own = window.atlas.catalogue.placeById.get(f.properties.to)?.coordinates;
                return f.properties.clustered ? !clusters.some((c) => same(c, end)) : !(own && same(own, end));
            }).map((f) => f.properties.to);
        }");
        Assert.Empty(misplaced);
        var ranks = await p.EvalAsync<string[]>("() => window.atlas.map.map.queryRenderedFeatures({ layers: ['mentor-ranks'] }).map((f) => String(f.properties.rank))");
        Assert.Contains("1", ranks);
        await p.ScreenshotAsync("town-torva-mentors");
        await p.AssertAccessibleAsync("town panel");

        // A shared link reopens the town.
        await using var q = await browser.OpenAsync(app);
        await q.GotoAsync($"#town={id}");
        await Assertions.Expect(q.Page.Locator("#detail h2")).ToHaveTextAsync("Tõrva");
        // Asked without themes first, the API answers 400 (no stored interests): that is the prompt to choose.
        p.AssertClean(($"/api/towns/{id}/mentors", 400));
        q.AssertClean();
    }

    [Fact]
    public async Task Town_names_are_drawn_from_the_tiles_at_a_high_zoom_with_GeoNames_credited()
    {
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#map=10.00/58.3780/26.7290");
        await p.IdleAsync();
        var names = await p.EvalAsync<string[]>("() => window.atlas.map.map.queryRenderedFeatures({ layers: ['town-labels'] }).map((f) => f.properties.name)");
        Assert.Contains("Tartu", names);
        Assert.True(names.Length > 3, $"only {names.Length} labels at zoom 10 over Tartu");
        await Assertions.Expect(p.Page.Locator(".maplibregl-ctrl-attrib")).ToContainTextAsync("GeoNames");
        await p.ScreenshotAsync("town-labels-tartu");
        await p.AssertAccessibleAsync("map with town labels");
        p.AssertClean();
    }

    [Fact]
    public async Task An_editor_proposes_a_town_as_a_place_with_a_draft_prefilled_from_the_gazetteer()
    {
        var torva = (await app.GetJsonAsync("api/towns?q=torva&limit=1"))[0]!;
        var id = (long)torva["geonamesId"]!;
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync($"#town={id}");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tõrva");
        // Without a key there is nothing to propose with.
        await Assertions.Expect(p.Page.Locator("#detail .propose-place")).ToHaveCountAsync(0);
        // The key as Settings keeps it (the tab's sessionStorage).
        await p.EvalAsync<object>("(k) => { sessionStorage.setItem('atlas.apiKey', k); return null; }", await app.CreateKeyAsync("editor"));
        await p.Page.GotoAsync(app.BaseUrl + $"/#town={id}");
        await p.WaitReadyAsync();
        var propose = p.Page.Locator("#detail .propose-place");
        await Assertions.Expect(propose).ToBeVisibleAsync();
        await propose.ClickAsync();
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.editor === 'ready'");
        await Assertions.Expect(p.Page.Locator("#kind")).ToHaveValueAsync("places");
        var fields = p.Page.Locator("#record-form");
        await Assertions.Expect(fields.GetByLabel("Name (required)", new() { Exact = true })).ToHaveValueAsync("Tõrva");
        await Assertions.Expect(fields.GetByLabel("GeoNames id", new() { Exact = true })).ToHaveValueAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await p.AssertAccessibleAsync("editor with a proposed town");
    }
}
