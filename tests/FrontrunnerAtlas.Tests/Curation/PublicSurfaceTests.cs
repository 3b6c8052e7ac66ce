using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>
/// With a draft of every curated kind present (and a pending revision of a published record), no public
/// endpoint shows any of them: OData sets, navigations and expansions, OGC items, search, suggestions, nearby
/// places, mentors and the towns' nearest places.
/// </summary>
public sealed class PublicSurfaceTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private const string Marker = "zzqdraft";

    [Fact]
    public async Task No_public_endpoint_shows_a_draft_or_a_pending_revision()
    {
        var editor = await app.As("editor");
        var reviewer = await app.As("reviewer");
        const string source = "tarkade-linnade-klubi";
        async Task Draft(string kind, object record)
        {
            var response = await editor.PostAsJsonAsync($"/api/{kind}", record);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{kind}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("draft", response.Headers.GetValues("Atlas-Status").Single());
        }
        // A draft frontrunner 10 km from Tartu, with a practice; drafts in published places and initiatives.
        await Draft("places", new
        {
            id = "ee-zzqdraft-town", name = "Zzqdraft Town", kind = "city", country = "EE", latitude = 58.45, longitude = 26.80,
            population = 20000, role = "frontrunner", roleSource = "reading", roleNote = "Zzqdraft role note.", interestThemes = new[] { "energy" },
            interestTags = Array.Empty<string>(), languages = new[] { "et" },
            source, external = false,
        });
        await Draft("initiatives", new
        {
            id = "zzqdraft-network", name = "Zzqdraft network", kind = "network", aims = Array.Empty<string>(), themes = new[] { "energy" },
            tags = Array.Empty<string>(), summary = "Zzqdraft network summary.", source, external = false,
        });
        await Draft("practices", new
        {
            id = "zzqdraft-practice", title = "Zzqdraft solar bus stops", summary = "Zzqdraft summary of solar bus stops.", language = "en",
            placeId = "ee-zzqdraft-town", initiativeId = "estonian-smart-cities-club", themes = new[] { "energy", "mobility" }, tags = Array.Empty<string>(),
            kpis = Array.Empty<object>(), documents = Array.Empty<object>(), status = "published", source, external = false,
        });
        await Draft("practices", new
        {
            id = "zzqdraft-tartu-practice", title = "Zzqdraft heat pumps in Tartu", summary = "Zzqdraft heat pumps.", language = "en",
            placeId = "ee-tartu", initiativeId = (string?)null, themes = new[] { "energy" }, tags = Array.Empty<string>(),
            kpis = Array.Empty<object>(), documents = Array.Empty<object>(), status = "published", source, external = false,
        });
        await Draft("events", new
        {
            id = "zzqdraft-event", initiativeId = "estonian-smart-cities-club", title = "Zzqdraft meeting", hostPlaceId = "ee-tartu",
            startDate = "2024-05-01", dateLabel = (string?)null, @virtual = false, summary = "Zzqdraft meeting summary.", topics = Array.Empty<string>(), themes = new[] { "energy" }, tags = Array.Empty<string>(), source, external = false,
        });
        await Draft("commitments", new { id = "ee-tartu-zzqdraft", placeId = "ee-tartu", initiativeId = (string?)null, kind = "climate_target", title = "Zzqdraft target", targetYear = 2035, source, external = false });
        await Draft("memberships", new { placeId = "ee-tartu", initiativeId = "zzqdraft-network", role = "member", note = "Zzqdraft membership", source, external = false });

        // A pending revision of a published practice.
        var read = await editor.GetAsync("/api/practices/p01-tartu-bike-sharing");
        var record = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        record["summary"] = "Zzqdraft revised summary.";
        var revision = await editor.Send(HttpMethod.Put, "/api/practices/p01-tartu-bike-sharing", read.Headers.ETag!.Tag, record);
        Assert.Equal(HttpStatusCode.OK, revision.StatusCode);

        // A published control record: once search finds it, the index has seen every change before it.
        var control = await reviewer.PostAsJsonAsync("/api/practices", new
        {
            id = "control-practice", title = "Qqcontrol district heating", summary = "Qqcontrol summary.", language = "en", placeId = "ee-tartu",
            initiativeId = (string?)null, themes = new[] { "energy" }, tags = Array.Empty<string>(), kpis = Array.Empty<object>(),
            documents = Array.Empty<object>(), status = "published", source, external = false,
        });
        Assert.Equal(HttpStatusCode.Created, control.StatusCode);
        var http = app.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await http.GetStringAsync("/api/search?q=qqcontrol")).Contains("control-practice") && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Contains("control-practice", await http.GetStringAsync("/api/search?q=qqcontrol"));

        var follower = (await http.GetJsonAsync("/odata/Places?$filter=Role eq 'Follower' and Latitude ne null&$top=1&$select=Id")).Values()[0]!["Id"]!.GetValue<string>();
        string[] urls =
        [
            "/odata/Places", "/odata/Practices", "/odata/Initiatives", "/odata/Events", "/odata/Commitments", "/odata/Memberships",
            "/odata/Mentorships", "/odata/Sources",
            "/odata/Places?$expand=Practices,Memberships,HostedEvents,Commitments",
            "/odata/Initiatives?$expand=Memberships,Events,Practices",
            "/odata/Practices?$expand=Place,Initiative",
            "/odata/Places('ee-tartu')/Practices", "/odata/Places('ee-tartu')/Commitments", "/odata/Places('ee-tartu')/HostedEvents",
            "/odata/Places('ee-tartu')/Memberships", "/odata/Initiatives('estonian-smart-cities-club')/Practices",
            "/odata/Initiatives('estonian-smart-cities-club')/Events",
            "/odata/Places('ee-tartu')/Practices/$ref", "/odata/Places('ee-tartu')/Commitments/$ref", "/odata/Places('ee-tartu')/HostedEvents/$ref",
            "/odata/Initiatives('estonian-smart-cities-club')/Practices/$ref", "/odata/Initiatives('estonian-smart-cities-club')/Events/$ref",
            "/odata/Practices('p01-tartu-bike-sharing')/Summary", "/odata/Practices('p01-tartu-bike-sharing')/Summary/$value",
            "/odata/Practices?$search=zzqdraft", "/odata/Places?$search=zzqdraft",
            "/collections/places/items?limit=1000", "/collections/practices/items?limit=1000", "/collections/events/items?limit=1000",
            "/collections/places/items?bbox=26,58,27.5,59", "/collections/practices/items/p01-tartu-bike-sharing",
            "/api/search?q=zzqdraft", "/api/search?q=tartu&size=50", "/api/search?q=solar", "/api/search/suggest?q=zzq",
            "/api/places/ee-tartu/nearby?km=200", $"/api/places/{follower}/mentors",
            "/api/places/ee-tartu/mentors",
            "/api/towns/588335?places=50", "/api/towns?q=tartu",
            "/downloads/places.csv", "/downloads/practices.csv", "/downloads/initiatives.csv", "/downloads/events.csv",
            "/downloads/memberships.csv", "/downloads/commitments.csv", "/catalog",
        ];
        foreach (var url in urls)
        {
            var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode} {body}");
            Assert.False(body.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"{url} shows a draft: {body[..Math.Min(body.Length, 400)]}");
        }
        // The bulk download too, file by file.
        using (var zip = new System.IO.Compression.ZipArchive(await http.GetStreamAsync("/downloads/catalogue.zip")))
            foreach (var entry in zip.Entries)
            {
                var text = await new StreamReader(entry.Open()).ReadToEndAsync();
                Assert.False(text.Contains(Marker, StringComparison.OrdinalIgnoreCase), $"catalogue.zip/{entry.FullName} shows a draft");
            }
        // The control shows where the walk looks, so the walk can fail.
        Assert.Contains("Qqcontrol", await http.GetStringAsync("/odata/Places('ee-tartu')/Practices"));
        Assert.Contains("Practices('control-practice')", await http.GetStringAsync("/odata/Places('ee-tartu')/Practices/$ref"));
        // Memberships are referenced by number, which the marker cannot show: the references are those of the published ones.
        Assert.Equal((await http.GetJsonAsync("/odata/Places('ee-tartu')/Memberships?$select=Id")).Values().Select(m => $"Memberships({m!["Id"]})").Order(),
            (await http.GetJsonAsync("/odata/Places('ee-tartu')/Memberships/$ref")).Values().Select(r => r!["@odata.id"]!.GetValue<string>().Split("/odata/")[1]).Order());

        foreach (var url in new[]
                 {
                     "/odata/Places('ee-zzqdraft-town')", "/odata/Practices('zzqdraft-practice')", "/odata/Initiatives('zzqdraft-network')",
                     "/collections/places/items/ee-zzqdraft-town", "/collections/practices/items/zzqdraft-practice",
                     "/collections/events/items/zzqdraft-event", "/api/places/ee-zzqdraft-town/nearby", "/api/places/ee-zzqdraft-town/mentors",
                     "/odata/Places('ee-zzqdraft-town')/Name", "/odata/Places('ee-zzqdraft-town')/Name/$value",
                     "/odata/Places('ee-zzqdraft-town')/Practices/$ref", "/odata/Practices('zzqdraft-practice')/Place/$ref",
                     "/odata/Events('zzqdraft-event')/HostPlace/$ref",
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url)).StatusCode);
    }
}
