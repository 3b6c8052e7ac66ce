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
        Assert.Equal("Id,Name,Population", lines[0]);
        Assert.Equal(json.Count + 1, lines.Length);
        Assert.Equal(json.Strings("Id"), lines.Skip(1).Select(l => l.Split(',')[0]).ToList());

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
}
