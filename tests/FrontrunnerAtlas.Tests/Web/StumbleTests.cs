using System.Text.Json;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// What a planner stumbled on (issue 13): search on a phone, results that follow the filters, practices without
/// a place, export and sharing of the current view. Each test also checks that the console stayed clean.
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
}
