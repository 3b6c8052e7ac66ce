using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The real service on Kestrel (a free loopback port, so a browser can reach it), serving the built web map
/// from web/dist at "/", on its own copy of the seeded database. Builds web/dist first when it is missing
/// (`./atlas test` has normally built it).
/// </summary>
public class BrowserApp : AtlasApp
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    public BrowserApp() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public static string WebDist => Path.Combine(TestDatabase.RepoRoot, "web", "dist");

    /// <summary>The app's mail server: reset links mailed from the sign-in page arrive here.</summary>
    public SmtpSink Mail { get; } = new();

    // Mail on (Mail.ServiceSettings), so that the sign-in page offers "Forgot your password?".
    protected override IDictionary<string, string?> Settings => Mail.ServiceSettings(new Dictionary<string, string?>
    {
        ["Web:Root"] = WebDist,
        // A page load makes a handful of OData requests, and the tests load many pages from one address.
        ["Protection:ODataPermits"] = "1000000",
        ["Protection:SearchPermits"] = "1000000",
        // The same for the map layer and /api reads (session, catalogue version, mentors): two pages of one test
        // share the address, and a refused layer would leave a page waiting.
        ["Protection:MapPermits"] = "1000000",
        ["Protection:ReadPermits"] = "1000000",
    });

    protected override async Task BeforeDisposeAsync()
    {
        await Mail.DisposeAsync();
        await base.BeforeDisposeAsync();
    }

    /// <summary>Runs before the app starts: e.g. put hostile rows into the database.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedAsync();
        await EnsureWebBuiltAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.Select(a => a.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/'))
            .First(a => a.StartsWith("http://", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
    }

    /// <summary>Waits (bounded) until the full-text search answers; false when there is none or it never does.</summary>
    public async Task<bool> WaitForSearchAsync(TimeSpan timeout)
    {
        var stop = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < stop)
        {
            var r = await Http.GetAsync("api/search?q=tartu&size=1");
            if (r.IsSuccessStatusCode) return true;
            if (r.StatusCode == System.Net.HttpStatusCode.NotFound) return false;
            await Task.Delay(250);
        }
        return false;
    }

    public async Task<JsonNode> GetJsonAsync(string url) => (await Http.GetFromJsonAsync<JsonNode>(url))!;

    /// <summary>A new API key on this app's database (as `keys create` makes it); returns the secret.</summary>
    public async Task<string> CreateKeyAsync(string role, string? place = null)
    {
        await using var db = Db();
        var output = new StringWriter();
        string[] args = place is null
            ? ["create", "--role", role, "--name", $"{role} of the browser test"]
            : ["create", "--role", role, "--name", $"{role} of {place} (browser test)", "--place", place];
        Assert.Equal(0, await KeysCommand.RunAsync(db, args, output));
        return output.ToString().Trim().Split('\n').Last().Trim();
    }

    /// <summary>An HttpClient on this app that sends the given API key.</summary>
    public HttpClient WithKey(string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task<int> ODataCountAsync(string setAndFilter)
    {
        var sep = setAndFilter.Contains('?') ? '&' : '?';
        var json = await GetJsonAsync($"odata/{setAndFilter}{sep}$count=true&$top=0");
        return json["@odata.count"]!.GetValue<int>();
    }

    private static async Task EnsureWebBuiltAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(WebDist, "index.html")) && File.Exists(Path.Combine(WebDist, "assets", "app.js"))) return;
            var web = Path.Combine(TestDatabase.RepoRoot, "web");
            if (!Directory.Exists(Path.Combine(web, "node_modules"))) await RunAsync("npm", "ci --no-audit --no-fund", web);
            await RunAsync("npm", "run build", web);
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private static async Task RunAsync(string file, string args, string dir)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {args}' in {dir} failed ({p.ExitCode}): {await stdout}\n{await stderr}");
    }
}
