using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>The catalogue with markup in its text, written straight into the database before the service starts.</summary>
public sealed class HostileApp : BrowserApp
{
    public const string Title = "<img src=x onerror=alert(1)>";
    public const string Summary = "<script>alert(2)</script> & <b>bold</b> onerror probe";
    public const string LocalTitle = "\"><svg onload=alert(3)>";
    public const string PlaceName = "<img src=y onerror=alert(4)>Ventspils";
    public const string DocTitle = "<a href=javascript:alert(5)>doc</a>";
    public const string SourceTitle = "<img src=s onerror=alert(10)>source";

    protected override async Task SeedAsync()
    {
        await using var db = Db();
        // Panels show a source by its title (and link its Url when it is http(s)).
        db.Sources.Add(new SourceDocument { Id = "xss-source", Title = SourceTitle, Url = "javascript:alert(10)" });
        await db.SaveChangesAsync();
        db.Practices.Add(new Practice
        {
            Id = "xss-probe",
            Title = Title,
            LocalTitle = LocalTitle,
            Summary = Summary,
            Description = "<iframe src=javascript:alert(6)></iframe>",
            LocalText = "<style>body{display:none}</style>",
            Language = "lv",
            PlaceId = "lv-ventspils",
            Themes = [Theme.Energy, Theme.Mobility],
            Tags = ["cycling"],
            Kpis = [new Kpi { Name = "<u onmouseover=alert(7)>kpi</u>", Value = 1, Unit = "<i>u</i>" }],
            Documents = [new DocumentLink { Title = DocTitle, Url = "javascript:alert(8)" }, new DocumentLink { Title = "Report", Url = "https://example.org/report.pdf" }],
            ContactOrganisation = "<marquee>org</marquee>",
            Transferability = "<img src=z onerror=alert(9)>",
            Status = PublicationStatus.Published,
            Source = "xss-source",
        });
        await db.SaveChangesAsync();
        await db.Places.Where(p => p.Id == "lv-ventspils").ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, PlaceName));
    }
}

/// <summary>Catalogue text is always text: markup shows as characters and runs nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileTextTests(BrowserFixture browser, HostileApp app) : IClassFixture<HostileApp>
{
    private static async Task AssertInertAsync(AtlasPage p, string where)
    {
        foreach (var tag in new[] { "img", "script", "svg", "iframe", "style", "marquee", "b", "u", "i" })
            Assert.Equal(0, await p.Page.Locator($"{where} {tag}").CountAsync());
        Assert.Equal(0, await p.Page.Locator($"{where} a[href^='javascript:' i]").CountAsync());
        Assert.Equal(0, await p.EvalAsync<int>("() => document.querySelectorAll('[onerror], [onload], [onmouseover]').length"));
    }

    [Fact]
    public async Task A_practice_titled_with_markup_shows_the_characters_and_runs_nothing()
    {
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#practice=xss-probe");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(HostileApp.Title);
        var text = await p.Page.TextContentAsync("#detail") ?? "";
        foreach (var s in new[] { HostileApp.Summary, HostileApp.LocalTitle, HostileApp.DocTitle, HostileApp.PlaceName, "<iframe src=javascript:alert(6)></iframe>",
                     "<style>body{display:none}</style>", "<u onmouseover=alert(7)>kpi</u>", "<marquee>org</marquee>", HostileApp.SourceTitle })
            Assert.Contains(s, text);
        Assert.DoesNotContain("xss-source", text);
        await AssertInertAsync(p, "#detail");
        // A real http(s) document URL is a link; the javascript: one stayed text.
        Assert.Equal("https://example.org/report.pdf", await p.Page.Locator("#detail a", new() { HasTextString = "Report" }).GetAttributeAsync("href"));
        await p.ScreenshotAsync("hostile-practice");

        // The place panel, the list view and the map tooltip.
        await p.Page.Locator("#detail button.back").ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(HostileApp.PlaceName);
        Assert.Contains(HostileApp.Title, await p.Page.TextContentAsync("#detail") ?? "");
        await AssertInertAsync(p, "#detail");
        await p.Page.Locator(".view-switch button", new() { HasTextString = "List" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator(".place-list")).ToContainTextAsync(HostileApp.PlaceName);
        await AssertInertAsync(p, ".place-list");
        await p.Page.Locator(".view-switch button", new() { HasTextString = "Map" }).ClickAsync();
        var (x, y) = await p.ShowPlaceAsync("lv-ventspils");
        await p.Page.Mouse.MoveAsync((float)x, (float)y);
        await Assertions.Expect(p.Page.Locator(".place-tooltip")).ToHaveTextAsync(HostileApp.PlaceName);
        await AssertInertAsync(p, ".maplibregl-map");

        Assert.Empty(p.Dialogs);
        p.AssertClean();
    }

    [Fact]
    public async Task A_mentor_named_with_markup_stays_text_in_the_mentor_list_and_the_mentorships()
    {
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#place=ee-voru");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" }).ClickAsync();
        var ventspils = p.Page.Locator("#detail .mentor-list > li[data-place-id='lv-ventspils']");
        await Assertions.Expect(ventspils.Locator(".mentor-name")).ToHaveTextAsync(HostileApp.PlaceName);
        await ventspils.Locator(".ask-button").ClickAsync();
        await Assertions.Expect(ventspils.Locator("form.ask-form h4")).ToHaveTextAsync($"Ask {HostileApp.PlaceName} for mentoring");
        await AssertInertAsync(p, "#detail");
        await p.ScreenshotAsync("hostile-mentors");
        Assert.Empty(p.Dialogs);
        p.AssertClean();
    }

    [Fact]
    public async Task Markup_found_by_search_stays_text_in_suggestions_and_highlights()
    {
        Assert.True(await app.WaitForSearchAsync(TimeSpan.FromSeconds(60)), "the search index did not come up");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync();
        var box = p.Page.Locator("#search");
        await box.PressSequentiallyAsync("onerror", new() { Delay = 30 });
        await box.PressAsync("Enter");
        await Assertions.Expect(p.Page.Locator("#results .result-title", new() { HasTextString = HostileApp.Title })).ToBeVisibleAsync();
        await AssertInertAsync(p, "#results");
        // Only <mark> is taken from the server's highlights; everything else in them is text.
        var tags = await p.Page.Locator("#results .fragment *").EvaluateAllAsync<string[]>("es => es.map((e) => e.tagName)");
        Assert.All(tags, t => Assert.Equal("MARK", t));
        await p.ScreenshotAsync("hostile-search");
        await p.Page.Locator("#results .result-button", new() { HasTextString = HostileApp.Title }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(HostileApp.Title);
        Assert.Empty(p.Dialogs);
        p.AssertClean();
    }
}
