using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>
/// The paths below one entity that a strict OData client follows: entity references (…/Nav/$ref) and single
/// properties (…/Name, …/Name/$value), with 404 for what is not there and 204 for a null, as OData 4.01 says.
/// </summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class ODataPathTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<IEdmModel> ModelAsync() => CsdlReader.Parse(XmlReader.Create(await _http.GetStreamAsync("/odata/$metadata")));

    private static string Literal(JsonNode id) => id.GetValueKind() == JsonValueKind.Number ? id.ToJsonString() : $"'{id.GetValue<string>()}'";

    /// <summary>The key each reference points at: …/odata/Practices('p01-…') → Practices('p01-…').</summary>
    private static string Target(JsonNode reference) => reference["@odata.id"]!.GetValue<string>().Split("/odata/")[1];

    /// <summary>Every row of a collection answer, following @odata.nextLink.</summary>
    private async Task<List<JsonNode>> AllAsync(string url)
    {
        var rows = new List<JsonNode>();
        for (string? next = url; next is not null;)
        {
            var page = await _http.GetJsonAsync(next);
            rows.AddRange(page.Values().Select(v => v!));
            next = page["@odata.nextLink"]?.GetValue<string>();
        }
        return rows;
    }

    [Fact]
    public async Task Every_declared_navigation_answers_references_to_what_the_navigation_shows()
    {
        var model = await ModelAsync();
        var checkedNavigations = 0;
        foreach (var set in model.EntityContainer.EntitySets())
            foreach (var navigation in set.EntityType.NavigationProperties())
            {
                var target = set.FindNavigationTarget(navigation).Name;
                var test = navigation.Type.IsCollection() ? $"{navigation.Name}/any()" : $"{navigation.Name} ne null";
                var rows = (await _http.GetJsonAsync($"/odata/{set.Name}?$filter={test}&$top=1&$select=Id&$expand={navigation.Name}($select=Id)")).Values();
                if (rows.Count == 0) continue; // nothing in the catalogue is related this way (e.g. no mentorship names its mentor)
                var entity = rows[0]!;
                var path = $"/odata/{set.Name}({Literal(entity["Id"]!)})/{navigation.Name}";
                if (navigation.Type.IsCollection())
                {
                    var first = await _http.GetJsonAsync(path + "/$ref");
                    Assert.EndsWith("/odata/$metadata#Collection($ref)", first["@odata.context"]!.GetValue<string>());
                    var related = (await AllAsync($"{path}?$select=Id")).Select(e => $"{target}({Literal(e["Id"]!)})");
                    Assert.Equal(related.Order(), (await AllAsync(path + "/$ref")).Select(Target).Order());
                }
                else
                {
                    var reference = await _http.GetJsonAsync(path + "/$ref");
                    Assert.EndsWith("/odata/$metadata#$ref", reference["@odata.context"]!.GetValue<string>());
                    Assert.Equal($"{target}({Literal(entity[navigation.Name]!["Id"]!)})", Target(reference));
                }
                checkedNavigations++;
            }
        Assert.True(checkedNavigations >= 20, $"only {checkedNavigations} navigations had related records");
    }

    [Fact]
    public async Task References_come_in_pages_and_take_top_and_skip_only()
    {
        // The Estonian Smart Cities Club has more members than a page of the shared host (10).
        const string members = "/odata/Initiatives('estonian-smart-cities-club')/Memberships/$ref";
        var all = (await AllAsync(members)).Select(Target).ToList();
        Assert.True(all.Count > ReadOnlyApp.ODataPageSize, $"{all.Count} members");
        Assert.Equal(all.Distinct().Count(), all.Count);
        var first = await _http.GetJsonAsync(members);
        Assert.Equal(ReadOnlyApp.ODataPageSize, first.Values().Count);
        Assert.Contains("$skip=10", first["@odata.nextLink"]!.GetValue<string>());
        var three = await _http.GetJsonAsync(members + "?$top=3&$skip=2");
        Assert.Equal(all.Skip(2).Take(3), three.Values().Select(r => Target(r!)));
        Assert.Null(three["@odata.nextLink"]);

        foreach (var (query, names) in new[]
                 {
                     ("$filter=Role eq 'Member'", "$filter"), ("$top=-1", "$top"), ("$skip=x", "$skip"), ("$top=5000", "$top"), ("$count=true", "$count"),
                 })
        {
            var response = await _http.GetAsync($"{members}?{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Contains(names, JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>());
        }
        var single = await _http.GetAsync("/odata/Practices('p01-tartu-bike-sharing')/Place/$ref?$top=1");
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        var property = await _http.GetAsync("/odata/Places('ee-tartu')/Name?$select=Name");
        Assert.Equal(HttpStatusCode.BadRequest, property.StatusCode);
    }

    [Fact]
    public async Task A_reference_leads_to_the_entity_it_names()
    {
        var references = (await _http.GetJsonAsync("/odata/Places('ee-tartu')/Practices/$ref")).Values();
        Assert.Contains(references, r => Target(r!) == "Practices('p01-tartu-bike-sharing')");
        var practice = await _http.GetJsonAsync(new Uri(references[0]!["@odata.id"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal("ee-tartu", practice["PlaceId"]!.GetValue<string>());

        var membership = (await _http.GetJsonAsync("/odata/Memberships?$top=1&$select=Id,PlaceId")).Values()[0]!;
        var place = await _http.GetJsonAsync($"/odata/Memberships({membership["Id"]})/Place/$ref");
        Assert.Equal($"Places('{membership["PlaceId"]!.GetValue<string>()}')", Target(place));
    }

    [Fact]
    public async Task A_null_single_navigation_is_204_and_an_unknown_key_or_navigation_404_in_odata_format()
    {
        // Three practices of the sources name no place.
        var placeless = (await _http.GetJsonAsync("/odata/Practices?$filter=PlaceId eq null&$top=1&$select=Id")).Values()[0]!["Id"]!.GetValue<string>();
        var none = await _http.GetAsync($"/odata/Practices('{placeless}')/Place/$ref");
        Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        Assert.Empty(await none.Content.ReadAsByteArrayAsync());
        // A collection with nothing in it is an empty collection, not a 204.
        Assert.Empty((await _http.GetJsonAsync("/odata/Places('ee-tartu')/MentorOf/$ref")).Values());

        foreach (var url in new[]
                 {
                     "/odata/Places('xx-nowhere')/Practices/$ref", "/odata/Practices('nothing-here')/Place/$ref", "/odata/Memberships(999999)/Place/$ref",
                     "/odata/Places('ee-tartu')/Gardens/$ref", "/odata/Places('ee-tartu')/Name/$ref",
                     "/odata/Places('xx-nowhere')/Name", "/odata/Places('xx-nowhere')/Name/$value", "/odata/Places('ee-tartu')/Gardens",
                     "/odata/Places('ee-tartu')/Location/$value", "/odata/Places('ee-tartu')/InterestThemes/$value",
                 })
        {
            var response = await _http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode} {body}");
            Assert.Equal("NotFound", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Each_property_path_answers_the_value_the_entity_has()
    {
        var model = await ModelAsync();
        var properties = 0;
        foreach (var set in model.EntityContainer.EntitySets())
        {
            var rows = (await _http.GetJsonAsync($"/odata/{set.Name}?$top=1")).Values();
            if (rows.Count == 0) continue; // MentorshipUpdates: none until someone asks through the atlas
            var entity = rows[0]!.AsObject();
            // Places(key)/Location included: the same GeoJSON point as in the entity.
            foreach (var property in set.EntityType.StructuralProperties())
            {
                var url = $"/odata/{set.Name}({Literal(entity["Id"]!)})/{property.Name}";
                var expected = entity[property.Name];
                var response = await _http.GetAsync(url);
                if (expected is null)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{url}: {(int)response.StatusCode}, expected 204 for a null");
                    continue;
                }
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.True(JsonNode.DeepEquals(expected, body["value"]), $"{url}: {body["value"]?.ToJsonString()} but the entity has {expected.ToJsonString()}");
                // A collection's context is its type (#Collection(Atlas.Theme)), a single value's is its path.
                if (!property.Type.IsCollection())
                    Assert.EndsWith($"/odata/$metadata#{set.Name}({Literal(entity["Id"]!)})/{property.Name}", body["@odata.context"]!.GetValue<string>());
                properties++;
            }
        }
        Assert.True(properties > 100, $"{properties} property paths checked");
    }

    [Fact]
    public async Task Value_is_the_raw_text_and_204_for_a_null()
    {
        async Task<(HttpStatusCode Status, string? Type, string Text)> Raw(string url)
        {
            var response = await _http.GetAsync(url);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal((HttpStatusCode.OK, "text/plain", "Tartu"), await Raw("/odata/Places('ee-tartu')/Name/$value"));
        Assert.Equal((HttpStatusCode.OK, "text/plain", "58.38062"), await Raw("/odata/Places('ee-tartu')/Latitude/$value"));
        Assert.Equal((HttpStatusCode.OK, "text/plain", "Frontrunner"), await Raw("/odata/Places('ee-tartu')/Role/$value"));
        var population = (await _http.GetJsonAsync("/odata/Places('ee-tartu')/Population"))["value"]!.GetValue<int>();
        Assert.Equal((HttpStatusCode.OK, "text/plain", population.ToString()), await Raw("/odata/Places('ee-tartu')/Population/$value"));
        var dated = (await _http.GetJsonAsync("/odata/Practices?$filter=StartDate ne null&$top=1&$select=Id,StartDate")).Values()[0]!;
        Assert.Equal((HttpStatusCode.OK, "text/plain", dated["StartDate"]!.GetValue<string>()),
            await Raw($"/odata/Practices('{dated["Id"]!.GetValue<string>()}')/StartDate/$value"));

        // Dreverna: the sources give no coordinates.
        var unplaced = (await _http.GetJsonAsync("/odata/Places?$filter=Latitude eq null&$top=1&$select=Id")).Values()[0]!["Id"]!.GetValue<string>();
        foreach (var url in new[] { $"/odata/Places('{unplaced}')/Latitude/$value", $"/odata/Places('{unplaced}')/Latitude" })
        {
            var (status, _, text) = await Raw(url);
            Assert.Equal(HttpStatusCode.NoContent, status);
            Assert.Empty(text);
        }
        // A client that asks for text gets it.
        var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Places('ee-tartu')/Name/$value");
        request.Headers.Accept.ParseAdd("text/plain");
        Assert.Equal("Tartu", await (await _http.SendAsync(request)).Content.ReadAsStringAsync());
    }
}
