using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>What a planner finds when typing in the search box, in English or the sources' own languages.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class SearchTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<JsonNode> Search(string query) => await _http.GetJsonAsync("/api/search?" + query);

    private static List<string> Ids(JsonNode json) => json["hits"]!.AsArray().Strings("id");

    [Theory]
    // Estonian (light stemmer): an inflected form finds the form in the source text ("rattaringlust").
    [InlineData("rattaringluse", "p01-tartu-bike-sharing")]
    // Latvian (LatvianAnalyzer): "energoefektivitāte" finds "energoefektivitātes".
    [InlineData("energoefektivitāte", "p23-ventspils-vizium-science-centre")]
    // Finnish (FinnishAnalyzer): the nominatives find "ympäristöohjelman seurannan".
    [InlineData("ympäristöohjelma seuranta", "p15-salo-climate-programme-monitoring")]
    // Polish (light stemmer): "miastach" (locative plural) finds "miasta prekursorzy".
    [InlineData("miastach prekursorów", "p38-integrated-planning-frontrunner-cities")]
    // English over a practice written in Latvian, through its English summary.
    [InlineData("needle factory", "p28-kuldiga-adatu-fabrika")]
    // Folded: no diacritics needed.
    [InlineData("kuldiga", "lv-kuldiga")]
    [InlineData("parnu", "ee-parnu")]
    public async Task Finds_in_every_language_of_the_seeds(string query, string expected)
    {
        var json = await Search("q=" + Uri.EscapeDataString(query) + "&size=50");
        Assert.Contains(expected, Ids(json));
        Assert.False(json["fuzzy"]!.GetValue<bool>());
    }

    [Theory]
    // Tartu's bike sharing is written in Estonian with an English summary; planners ask in their own languages.
    [InlineData("kaupunkipyörä", "kaupunkipyörä")]
    [InlineData("yhteiskäyttöpyörät", "kaupunkipyörä")]
    [InlineData("rowery miejskie", "rower miejski")]
    [InlineData("velosipēdu koplietošana", "velosipēdu koplietošana")]
    [InlineData("dviračių dalijimasis", "dviračių dalijimasis")]
    public async Task A_query_in_another_language_finds_the_practice_through_the_thesaurus(string query, string label)
    {
        var json = await Search("q=" + Uri.EscapeDataString(query) + "&type=practice&size=10");
        var hit = json["hits"]!.AsArray().First(h => h!["id"]!.GetValue<string>() == "p01-tartu-bike-sharing")!;
        var concept = Assert.Single(hit["concepts"]!.AsArray());
        Assert.Equal("bike-sharing", concept!["id"]!.GetValue<string>());
        Assert.Equal(label, concept["label"]!.GetValue<string>());
        Assert.False(json["fuzzy"]!.GetValue<bool>());
        // OData's $search goes through the same query.
        var odata = await _http.GetJsonAsync("/odata/Practices?$select=Id&$search=" + Uri.EscapeDataString(query));
        Assert.Contains("p01-tartu-bike-sharing", odata["value"]!.AsArray().Strings("Id"));
        // A word no language has finds nothing.
        var nothing = await Search("q=" + Uri.EscapeDataString(query.Split(' ')[0] + "zzqxv"));
        Assert.Equal(0, nothing["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task All_words_must_match_and_exclusions_remove()
    {
        var both = Ids(await Search("q=central square&size=50"));
        Assert.Contains("p06-valga-new-central-square", both);
        var valga = Ids(await Search("q=central square valga&size=50"));
        Assert.Contains("p06-valga-new-central-square", valga);
        Assert.DoesNotContain("p08-elva-new-central-square", valga);
        var notValga = Ids(await Search("q=central square -valga&size=50"));
        Assert.Contains("p08-elva-new-central-square", notValga);
        Assert.DoesNotContain("p06-valga-new-central-square", notValga);
    }

    [Fact]
    public async Task Phrases_prefixes_and_fields()
    {
        var phrase = Ids(await Search("q=" + Uri.EscapeDataString("\"bike-sharing system\"") + "&size=50"));
        Assert.Contains("p01-tartu-bike-sharing", phrase);
        var prefix = Ids(await Search("q=smartovk*&size=50"));
        Assert.Contains("p02-tartu-smartencity-smartovkas", prefix);
        var place = await Search("q=place:kuldiga&type=practice&size=50");
        Assert.All(place["hits"]!.AsArray(), h => Assert.Equal("lv-kuldiga", h!["placeId"]!.GetValue<string>()));
        var title = Ids(await Search("q=title:handbook&size=50"));
        Assert.Equal(["p20-kurzeme-cross-border-planning-handbook"], title);
    }

    [Fact]
    public async Task A_typo_is_forgiven_and_the_response_says_so()
    {
        var json = await Search("q=kuldgia&size=5");
        Assert.True(json["fuzzy"]!.GetValue<bool>());
        Assert.Equal("kuldiga", json["didYouMean"]!.GetValue<string>());
        Assert.Contains("lv-kuldiga", Ids(json));
        var nothing = await Search("q=zzzqqqxxx");
        Assert.Equal(0, nothing["total"]!.GetValue<int>());
        Assert.False(nothing["fuzzy"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Facets_count_the_whole_result_and_filters_narrow_it()
    {
        var all = await Search("q=energy&size=100");
        var hits = all["hits"]!.AsArray();
        var total = all["total"]!.GetValue<int>();
        Assert.Equal(total, hits.Count);
        var types = all["facets"]!["types"]!.AsObject();
        Assert.Equal(total, types.Sum(t => t.Value!.GetValue<int>()));
        var practices = types["practice"]!.GetValue<int>();
        Assert.Equal(practices, hits.Count(h => h!["type"]!.GetValue<string>() == "practice"));

        var onlyPractices = await Search("q=energy&type=practice&size=100");
        Assert.Equal(practices, onlyPractices["total"]!.GetValue<int>());
        var latvian = await Search("q=energy&country=LV&size=100");
        Assert.Equal(all["facets"]!["countries"]!["LV"]!.GetValue<int>(), latvian["total"]!.GetValue<int>());
        var mobility = await Search("theme=mobility&type=practice&size=100");
        Assert.All(mobility["hits"]!.AsArray(), h => Assert.Equal("practice", h!["type"]!.GetValue<string>()));
        Assert.Equal(mobility["total"]!.GetValue<int>(), mobility["facets"]!["themes"]!["mobility"]!.GetValue<int>());
        var club = await Search("initiative=estonian-smart-cities-club&role=frontrunner&size=100");
        Assert.All(club["hits"]!.AsArray(), h => Assert.Equal("ee-tartu", h!["placeId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bbox_keeps_only_what_lies_in_the_map_extent()
    {
        var json = await Search("q=square&bbox=25,58,27,59.5&size=100");
        var hits = json["hits"]!.AsArray();
        Assert.NotEmpty(hits);
        Assert.All(hits, h =>
        {
            Assert.InRange(h!["latitude"]!.GetValue<double>(), 58, 59.5);
            Assert.InRange(h["longitude"]!.GetValue<double>(), 25, 27);
        });
        Assert.DoesNotContain("p06-valga-new-central-square", Ids(json)); // Valga is at 57.8° N
    }

    [Fact]
    public async Task Highlights_mark_the_matched_words_in_escaped_text()
    {
        var json = await Search("q=rattaringlus&type=practice");
        var hit = json["hits"]!.AsArray().Single(h => h!["id"]!.GetValue<string>() == "p01-tartu-bike-sharing");
        var fragments = hit!["highlights"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Contains(fragments, f => f.Contains("<mark>rattaringlust</mark>"));
        var english = await Search("q=bike&type=practice");
        Assert.Contains(english["hits"]!.AsArray()[0]!["highlights"]!.AsArray(), f => f!.GetValue<string>().Contains("<mark>bike</mark>"));
    }

    [Fact]
    public async Task Suggestions_complete_places_and_practice_titles_folded()
    {
        var json = (await _http.GetJsonAsync("/api/search/suggest?q=parn")).AsArray();
        Assert.Equal("ee-parnu", json[0]!["id"]!.GetValue<string>());
        var kuld = (await _http.GetJsonAsync("/api/search/suggest?q=kuld")).AsArray();
        Assert.Equal("lv-kuldiga", kuld[0]!["id"]!.GetValue<string>());
        Assert.Contains(kuld, s => s!["type"]!.GetValue<string>() == "practice");
        Assert.Empty((await _http.GetJsonAsync("/api/search/suggest?q=")).AsArray());
    }

    [Theory]
    // Issue 13: a network's name suggests the network (its Network panel opens from there).
    [InlineData("smart villages", "smart-villages-development-programme")]
    [InlineData("Smart Cities", "estonian-smart-cities-club")]
    [InlineData("sustainable urb", "sustainable-urban-development-forum")]
    public async Task Suggestions_include_networks(string typed, string network)
    {
        var json = (await _http.GetJsonAsync("/api/search/suggest?q=" + Uri.EscapeDataString(typed))).AsArray();
        var hit = json.SingleOrDefault(s => s!["id"]!.GetValue<string>() == network);
        Assert.True(hit is not null, $"'{typed}' suggests {network}: {json.ToJsonString()}");
        Assert.Equal("initiative", hit!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("q=%22unclosed", "not closed")]
    [InlineData("q=a*", "at least 2 letters")]
    [InlineData("type=garden", "type")]
    [InlineData("theme=Gardening", "theme")]
    [InlineData("role=king", "role")]
    [InlineData("country=Estonia", "country")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("page=0", "page")]
    [InlineData("size=1000", "size")]
    public async Task Bad_input_is_a_400_that_says_what_and_where(string query, string mention)
    {
        var response = await _http.GetAsync("/api/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mention, body);
        HttpExtensions.AssertNoInternals(body);
    }

    [Fact]
    public async Task OData_search_composes_with_filter_select_expand_and_count()
    {
        var json = await _http.GetJsonAsync("/odata/Practices?$search=heritage&$filter=Place/Country eq 'LV'&$select=Id&$expand=Place($select=Name)&$count=true");
        var ids = json.Values().Strings("Id");
        Assert.Contains("p30-kuldiga-unesco-old-town-heritage", ids);
        Assert.Equal(ids.Count, json["@odata.count"]!.GetValue<int>());
        Assert.All(json.Values(), v => Assert.NotNull(v!["Place"]!["Name"]));
        var places = await _http.GetJsonAsync("/odata/Places?$search=parnu&$select=Id");
        Assert.Contains("ee-parnu", places.Values().Strings("Id"));

        var events = await _http.GetAsync("/odata/Events?$search=meeting");
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        var bad = await _http.GetAsync("/odata/Practices?$search=%22open");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("unterminated", JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>());
    }
}
