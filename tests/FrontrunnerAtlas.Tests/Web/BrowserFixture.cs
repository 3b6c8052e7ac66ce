using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// One headless Chromium for all browser tests: Debian's /usr/bin/chromium (or ATLAS_CHROMIUM) driven by
/// Playwright's .NET package with the node driver it ships; no browser is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string Chromium =>
        Environment.GetEnvironmentVariable("ATLAS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static string ScreenshotDir =>
        Environment.GetEnvironmentVariable("ATLAS_SCREENSHOTS") is { Length: > 0 } d ? d
            : Path.Combine(TestDatabase.RepoRoot, "tests", "FrontrunnerAtlas.Tests", "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"Chromium not found at {Chromium}: install Debian's 'chromium' package (./atlas test tries to) or set ATLAS_CHROMIUM.");
        Directory.CreateDirectory(ScreenshotDir);
        // The whole suite shares two cores with the browser: give what the page shows time to appear.
        Assertions.SetDefaultExpectTimeout(15_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
    }

    /// <summary>
    /// A fresh browser context and page that records console errors, page errors and dialogs; touch makes it a
    /// phone (touch events, mobile viewport), permissions are granted to the page (e.g. "clipboard-read").
    /// </summary>
    public async Task<AtlasPage> OpenAsync(BrowserApp app, int width = 1280, int height = 800, bool touch = false, string[]? permissions = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            HasTouch = touch,
            IsMobile = touch,
            Permissions = permissions,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new AtlasPage(app, context, page);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>Browser tests run one class at a time (the machine has two cores) and share one Chromium.</summary>
    public const string Name = "Browser";
}

/// <summary>A page on the web map, with what a test needs to look at it as a user would.</summary>
public sealed class AtlasPage : IAsyncDisposable
{
    private readonly BrowserApp _app;
    private readonly IBrowserContext _context;

    public IPage Page { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> Dialogs { get; } = [];

    public AtlasPage(BrowserApp app, IBrowserContext context, IPage page)
    {
        _app = app;
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "assert") ConsoleErrors.Add($"{m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => ConsoleErrors.Add("page error: " + e);
        page.Dialog += async (_, d) =>
        {
            Dialogs.Add($"{d.Type}: {d.Message}");
            await d.DismissAsync();
        };
    }

    /// <summary>Opens the map (with a hash, e.g. "#place=ee-tartu") and waits until it is drawn and its filters are loaded.</summary>
    public async Task GotoAsync(string hash = "")
    {
        await Page.GotoAsync(_app.BaseUrl + "/" + hash);
        await WaitReadyAsync();
    }

    public async Task WaitReadyAsync()
    {
        await Page.WaitForFunctionAsync("() => document.body.dataset.index === 'ready'");
        await IdleAsync();
    }

    /// <summary>Waits (at most 30 s, then fails) for the map to stop moving and finish drawing.</summary>
    public async Task IdleAsync()
    {
        var idle = await Page.EvaluateAsync<bool>(@"async () => await Promise.race([
            window.atlas.map.idle().then(() => true),
            new Promise((resolve) => setTimeout(() => resolve(false), 30000)),
        ])");
        if (idle) return;
        // What the map was waiting for, so that a failure says it.
        var state = await Page.EvaluateAsync<string>(@"() => {
            const m = window.atlas.map.map;
            const sources = Object.entries(m.style?.tileManagers ?? m.style?.sourceCaches ?? {})
                .filter(([, c]) => !c.loaded()).map(([id]) => id);
            return JSON.stringify({ loaded: m.loaded(), moving: m.isMoving(), tiles: m.areTilesLoaded(), zoom: m.getZoom(), notLoaded: sources });
        }");
        Assert.Fail($"the map did not become idle within 30 s ({state}); console errors:\n" + string.Join("\n", ConsoleErrors));
    }

    public Task<T> EvalAsync<T>(string js, object? arg = null) => Page.EvaluateAsync<T>(js, arg);

    /// <summary>The hash of the current URL, decoded into its parameters.</summary>
    public Dictionary<string, string> Hash()
    {
        var url = new Uri(Page.Url);
        return url.Fragment.TrimStart('#').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""));
    }

    /// <summary>Where a place is on the screen (page coordinates), after moving the map so it is drawn unclustered.</summary>
    public async Task<(double X, double Y)> ShowPlaceAsync(string id, double zoom = 12.5)
    {
        var json = await Page.EvaluateAsync<JsonElement>(@"async ([id, zoom]) => {
            const m = window.atlas.map;
            const p = window.atlas.catalogue.placeById.get(id);
            m.map.jumpTo({ center: p.coordinates, zoom });
            await m.idle();
            const xy = m.project(p.coordinates);
            const r = m.map.getCanvas().getBoundingClientRect();
            return { x: r.left + xy.x, y: r.top + xy.y };
        }", new object[] { id, zoom });
        return (json.GetProperty("x").GetDouble(), json.GetProperty("y").GetDouble());
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });

    /// <summary>axe-core on the page as it is now; fails on any serious or critical violation.</summary>
    public async Task AssertAccessibleAsync(string what)
    {
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe-core ({what}): " + string.Join("\n", bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Html))}")));
    }

    /// <summary>
    /// No console error, page error or dialog; a 503 from /api/search while its index builds is allowed, and so
    /// is each expected answer a test provokes on purpose (Chromium logs every 4xx of a fetch as a console error):
    /// e.g. ("/api/mentorships", 401).
    /// </summary>
    public void AssertClean(params (string Url, int Status)[] expected)
    {
        var errors = ConsoleErrors.Where(e => !(e.Contains("/api/search") && e.Contains("503")))
            .Where(e => !expected.Any(x => e.Contains(x.Url) && e.Contains($"status of {x.Status} ")))
            .ToList();
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
        Assert.True(Dialogs.Count == 0, "dialogs opened:\n" + string.Join("\n", Dialogs));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
