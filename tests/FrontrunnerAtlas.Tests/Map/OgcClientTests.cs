using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;
using FrontrunnerAtlas.Tests.Web;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>The OGC API as researchers' own clients read it: the JSON landing page, OpenAPI, and OWSLib for real.</summary>
public sealed class OgcClientTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_root_is_json_for_api_clients_and_the_map_for_browsers()
    {
        var json = new HttpRequestMessage(HttpMethod.Get, "/");
        json.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var landing = JsonNode.Parse(await (await app.Http.SendAsync(json)).Content.ReadAsStringAsync())!;
        var rels = landing["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "self", "conformance", "data", "service-desc" }, rels.ToHashSet());
        Assert.Equal(landing.ToJsonString(), (await app.Http.GetJsonAsync("/?f=json")).ToJsonString());

        var html = new HttpRequestMessage(HttpMethod.Get, "/");
        html.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var page = await app.Http.SendAsync(html);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);

        var openApi = await app.Http.GetJsonAsync("/openapi/v1.json");
        Assert.StartsWith("3.", openApi["openapi"]!.GetValue<string>());
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/collections/{collectionId}/items", paths);
        Assert.Contains("/api/search", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/odata", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OWSLib_reads_the_landing_page_collections_items_in_a_bbox_and_the_api()
    {
        const string script = """
            import json, sys
            from owslib.ogcapi.features import Features
            f = Features(sys.argv[1])
            collections = [c["id"] for c in f.collections()["collections"]]
            items = f.collection_items("places", bbox=[21.0, 56.0, 28.5, 60.0], limit=100)
            api = f.api()
            print(json.dumps({
                "conformance": f.conformance()["conformsTo"],
                "collections": collections,
                "ids": [i["id"] for i in items["features"]],
                "openapi": api.get("openapi") if isinstance(api, dict) else str(type(api)),
            }))
            """;
        var run = new ProcessStartInfo("/usr/bin/python3", ["-c", script, app.BaseUrl + "/"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var python = Process.Start(run)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, $"OWSLib failed: {error}");
        var result = JsonNode.Parse(output)!;
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", result["conformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["places", "practices", "events"], result["collections"]!.AsArray().Select(c => c!.GetValue<string>()));
        var ids = result["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        Assert.Contains("ee-tartu", ids);
        Assert.DoesNotContain("pl-bydgoszcz", ids); // outside the box
        Assert.StartsWith("3.", result["openapi"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/collections/places/items?bbox=21,56,28.5,60")).StatusCode);
    }
}
