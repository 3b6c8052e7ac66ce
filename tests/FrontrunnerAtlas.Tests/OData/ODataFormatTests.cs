using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>What a spreadsheet or a strict OData client asks for, it gets, or a 406/404/405 in OData's error format.</summary>
public sealed class ODataFormatTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Csv_has_a_header_row_and_the_same_rows_and_columns_as_the_json()
    {
        const string query = "/odata/Places?$select=Id,Name,Population&$filter=Country eq 'EE'&$orderby=Id";
        var json = (await _http.GetJsonAsync(query)).Values();
        var csv = await _http.GetAsync(query + "&$format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // The header names the JSON's properties in the JSON's order, and nothing else.
        Assert.Equal(string.Join(',', json[0]!.AsObject().Select(p => p.Key)), lines[0]);
        Assert.Equal(["Id", "Name", "Population"], lines[0].Split(',').Order());
        Assert.Equal(json.Count + 1, lines.Length);
        var id = Array.IndexOf(lines[0].Split(','), "Id");
        Assert.Equal(json.Strings("Id"), lines.Skip(1).Select(l => l.Split(',')[id]).ToList());

        var request = new HttpRequestMessage(HttpMethod.Get, query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var accepted = await _http.SendAsync(request);
        Assert.Equal("text/csv", accepted.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Join("\r\n", lines) + "\r\n", await accepted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/odata/Places?$format=application/atom+xml", null)]
    [InlineData("/odata/Places?$format=xml", null)]
    [InlineData("/odata/Places", "application/atom+xml")]
    public async Task Formats_not_served_are_406_not_json(string url, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NotAcceptable", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metadata_still_answers_xml_and_404_and_405_are_odata_errors()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/odata/$metadata");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);

        var missing = await _http.GetAsync("/odata/NoSuchSet");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NotFound", JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        var post = await _http.PostAsync("/odata/Places", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.NotNull(JsonNode.Parse(await post.Content.ReadAsStringAsync())!["error"]!["message"]);
    }

    [Theory]
    [InlineData("/odata/Practices?$apply=groupby((Place/Country),aggregate($count as N))")]
    [InlineData("/odata/Events?$apply=groupby((HostPlace/Country),aggregate($count as N))")]
    [InlineData("/odata/Mentorships?$apply=groupby((MentorPlace/Name),aggregate($count as N))")]
    public async Task Grouping_through_a_missing_navigation_answers_whole_with_a_null_group(string url)
    {
        var json = await _http.GetJsonAsync(url); // parses: the body is complete
        var groups = json.Values();
        Assert.NotEmpty(groups);
        Assert.Equal(await TotalAsync(url.Split('?')[0]), groups.Sum(g => g!["N"]!.GetValue<int>()));
    }

    private async Task<int> TotalAsync(string set) => (await _http.GetJsonAsync(set + "?$count=true&$top=0"))["@odata.count"]!.GetValue<int>();

    [Theory]
    [InlineData("/odata/Places?$filter=Version eq 1")]
    [InlineData("/odata/Places?$orderby=Version")]
    [InlineData("/odata/Places?$filter=Role has 'Frontrunner'")]
    [InlineData("/odata/Places?$filter=Kind eq Atlas.PlaceKind'99'")]
    [InlineData("/odata/Practices?$filter=BudgetAmount gt 1e30")]
    [InlineData("/odata/Places?$filter=null")]
    [InlineData("/odata/Places?$apply=filter(null)")]
    [InlineData("/odata/Places?$apply=compute($it as X)/groupby((X))")]
    [InlineData("/odata/Practices?$filter=StartDate eq 'x'")]
    public async Task Queries_that_cannot_be_evaluated_are_400s_in_odata_format_naming_no_types(string url)
    {
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>()));
        HttpExtensions.AssertNoInternals(body);
        Assert.DoesNotMatch(@"\b(System|Microsoft)\.[A-Z]|`1", body);
    }

    [Fact]
    public async Task A_collection_expanded_inside_an_expanded_collection_is_refused_before_it_runs()
    {
        var refused = await _http.GetAsync("/odata/Places?$expand=Practices($expand=Place($expand=Practices))&$top=1000");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Practices/Place/Practices", JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>());
        await _http.GetJsonAsync("/odata/Places?$expand=Practices($expand=Place),Memberships($expand=Initiative)&$top=5");
        await _http.GetJsonAsync("/odata/Practices?$expand=Place($expand=Practices)&$top=5");
    }

    [Theory]
    [InlineData("Places", "MenteeOf/any()", "MenteeOf")]
    [InlineData("Places", "Practices/any()", "Practices")]
    [InlineData("Initiatives", "Mentorships/any()", "Mentorships")]
    [InlineData("Initiatives", "Commitments/any()", "Commitments")]
    [InlineData("Events", "HostPlace ne null", "HostPlace")]
    [InlineData("Events", "Initiative ne null", "Initiative")]
    [InlineData("Mentorships", "MenteePlace ne null", "MenteePlace")]
    [InlineData("Commitments", "Place ne null", "Place")]
    [InlineData("Memberships", "Initiative ne null", "Initiative")]
    public async Task Every_declared_navigation_is_routable_as_a_path_and_matches_expand(string set, string filter, string navigation)
    {
        var expanded = (await _http.GetJsonAsync($"/odata/{set}?$filter={filter}&$top=1&$select=Id&$expand={navigation}($select=Id)")).Values().Single()!;
        var key = expanded["Id"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? expanded["Id"]!.ToJsonString() : $"'{expanded["Id"]!.GetValue<string>()}'";
        var viaPath = await _http.GetJsonAsync($"/odata/{set}({key})/{navigation}");
        var expected = expanded[navigation]!;
        if (expected is JsonArray list)
            Assert.Equal(list.Select(e => e!["Id"]!.ToJsonString()).Order(), viaPath.Values().Select(e => e!["Id"]!.ToJsonString()).Order());
        else
            Assert.Equal(expected["Id"]!.ToJsonString(), viaPath["Id"]!.ToJsonString());
    }

    [Fact]
    public async Task A_collection_navigation_with_nothing_behind_it_is_an_empty_collection() =>
        // No mentorship in the sources names its mentor.
        Assert.Empty((await _http.GetJsonAsync("/odata/Places('ee-tartu')/MentorOf")).Values());

    private async Task<HashSet<string>> SearchIds(string search) =>
        (await _http.GetJsonAsync("/odata/Practices?$select=Id&$top=1000&$search=" + Uri.EscapeDataString(search))).Values()
            .Select(v => v!["Id"]!.GetValue<string>()).ToHashSet();

    [Fact]
    public async Task Search_follows_the_odata_grammar_on_top_of_the_index()
    {
        var bike = await SearchIds("bike");
        var heritage = await SearchIds("heritage");
        Assert.Contains("p01-tartu-bike-sharing", bike);
        Assert.NotEmpty(heritage);
        Assert.Equal(bike.Union(heritage).Order(), (await SearchIds("bike OR heritage")).Order());
        Assert.Equal(bike.Intersect(heritage).Order(), (await SearchIds("bike AND heritage")).Order());
        Assert.Equal(bike.Except(heritage).Order(), (await SearchIds("bike AND NOT heritage")).Order());
        var all = (await _http.GetJsonAsync("/odata/Practices?$select=Id&$top=1000")).Values().Select(v => v!["Id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(all.Except(bike).Order(), (await SearchIds("NOT bike")).Order());
        Assert.Equal((await SearchIds("bike OR heritage")).Order(), (await SearchIds("(heritage OR bike)")).Order());
        Assert.Contains("p01-tartu-bike-sharing", await SearchIds("\"bike sharing\""));

        var broken = await _http.GetAsync("/odata/Practices?$search=" + Uri.EscapeDataString("(bike"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        HttpExtensions.AssertNoInternals(await broken.Content.ReadAsStringAsync());
    }
}
