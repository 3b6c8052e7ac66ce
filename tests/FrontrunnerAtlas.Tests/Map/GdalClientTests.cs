using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;
using FrontrunnerAtlas.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>The running service, with a log of the requests that reach it: what GDAL really asked for.</summary>
public sealed class GdalApp : BrowserApp
{
    /// <summary>One request as it arrived: path, the Part 3 parameters, and the status it was answered with.</summary>
    public sealed record Seen(string Path, string? Filter, string? FilterLang, int Status);

    public ConcurrentQueue<Seen> Requests { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RequestLog(Requests)));
    }

    private sealed class RequestLog(ConcurrentQueue<Seen> requests) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                await inner(http);
                var query = http.Request.Query;
                requests.Enqueue(new Seen(http.Request.Path, query.ContainsKey("filter") ? query["filter"].ToString() : null,
                    query.ContainsKey("filter-lang") ? query["filter-lang"].ToString() : null, http.Response.StatusCode));
            });
            next(app);
        };
    }
}

/// <summary>
/// GDAL's OAPIF driver (Debian's gdal-bin: ogrinfo, ogr2ogr) against the real service, as a GIS user runs it. GDAL
/// 3.6 turns an OGR SQL -where into a CQL filter when the OpenAPI document lists filter-lang with "cql-text" and
/// the properties as parameters of /collections/{id}/items; the request log shows that it did.
/// </summary>
public sealed class GdalClientTests(GdalApp app) : IClassFixture<GdalApp>
{
    private string Source => "OAPIF:" + app.BaseUrl;

    [Fact]
    public async Task Ogrinfo_lists_the_three_collections()
    {
        var output = await RunAsync("ogrinfo", "-ro", "-so", Source);
        Assert.Contains("1: places (title: Places) (Point)", output);
        Assert.Contains("2: practices (title: Practices) (Point)", output);
        Assert.Contains("3: events (title: Events) (Point)", output);
    }

    [Fact]
    public async Task Ogrinfo_reads_every_published_place_through_the_pages()
    {
        await using var db = app.Db();
        var published = await db.Places.CountAsync();
        var output = await RunAsync("ogrinfo", "-ro", Source, "places");
        Assert.Contains($"Feature Count: {published}", output);
        Assert.Equal(published, output.Split('\n').Count(l => l.StartsWith("OGRFeature(places):", StringComparison.Ordinal)));
        Assert.Contains("name (String) = Kuldīga", output);
    }

    [Fact]
    public async Task Ogr2ogr_where_is_sent_as_a_CQL_filter_and_brings_exactly_the_Estonian_places()
    {
        await using var db = app.Db();
        var estonian = await db.Places.Where(p => p.Country == "EE").Select(p => p.Id).OrderBy(i => i).ToListAsync();
        var output = Path.Combine(Path.GetTempPath(), $"atlas-gdal-{Guid.NewGuid():N}.geojson");
        try
        {
            app.Requests.Clear();
            await RunAsync("ogr2ogr", "-f", "GeoJSON", output, Source, "places", "-where", "country = 'EE'");
            var features = JsonNode.Parse(await File.ReadAllTextAsync(output))!["features"]!.AsArray();
            Assert.Equal(estonian, features.Select(f => f!["properties"]!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.All(features, f => Assert.Equal("EE", f!["properties"]!["country"]!.GetValue<string>()));
        }
        finally
        {
            File.Delete(output);
        }
        // The condition reached the server as a filter that the server evaluated (and GDAL did not filter alone).
        var filtered = app.Requests.Where(r => r.Path == "/collections/places/items" && r.Filter is not null).ToList();
        Assert.NotEmpty(filtered);
        // GDAL's first request carries its own text; the pages after it follow our next links, which carry the
        // filter in its canonical CQL2 text.
        Assert.Equal("country = 'EE'", filtered[0].Filter);
        Assert.Equal("cql-text", filtered[0].FilterLang);
        Assert.All(filtered.Skip(1), r =>
        {
            Assert.Equal("(country = 'EE')", r.Filter);
            Assert.Equal("cql2-text", r.FilterLang);
        });
        Assert.All(filtered, r => Assert.Equal(200, r.Status));
        Assert.DoesNotContain(app.Requests, r => r.Status >= 400);
    }

    /// <summary>Runs a GDAL program and returns what it printed; fails (never skips) when GDAL is not installed.</summary>
    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args);
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost"; // the service is on this machine, whatever proxy is set
        var run = await ExternalProgram.RunAsync(start, TimeSpan.FromSeconds(60),
            $"{program} is not installed: install Debian's gdal-bin (./atlas test does) to run GDAL against the service.");
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({run.ExitCode}): {run.Errors}");
        return run.Output;
    }
}
