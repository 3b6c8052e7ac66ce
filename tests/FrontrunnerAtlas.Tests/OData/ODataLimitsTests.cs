using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>Limits and bad input: always a 400 in OData's error format, never a 500 or a stack trace.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class ODataLimitsTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Theory]
    [InlineData("/odata/Places?$top=5000", "Top")]
    [InlineData("/odata/Initiatives?$expand=Memberships($expand=Place($expand=Practices($expand=Initiative($expand=Events))))", "depth")]
    [InlineData("node-count", "node count")]
    public async Task Past_a_limit_is_a_400_with_an_odata_error(string url, string mention)
    {
        // A filter with more syntax nodes than MaxNodeCount allows.
        if (url == "node-count") url = "/odata/Places?$filter=" + string.Join(" or ", Enumerable.Range(0, 120).Select(i => $"Population eq {i}"));
        var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
        Assert.Contains(mention, error["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        HttpExtensions.AssertNoInternals(body);
    }

    [Theory]
    [InlineData("$filter=Name eq")]
    [InlineData("$filter=Nonexistent eq 1")]
    [InlineData("$filter=Population eq 'many'")]
    [InlineData("$filter=Themes/any(t: t eq 'Gardening')")]
    [InlineData("$orderby=Name sideways")]
    [InlineData("$select=Name,,")]
    [InlineData("$top=-1")]
    [InlineData("$skip=abc")]
    [InlineData("$expand=Nothing")]
    [InlineData("$apply=groupby((Nope))")]
    [InlineData("$filter=substring(Name, 'x') eq 'y'")]
    [InlineData("$filter=(((((")]
    [InlineData("$count=maybe")]
    [InlineData("$filter=Latitude div 0 eq 1 and Name eq '\u0000'")]
    public async Task Malformed_queries_are_400_never_500(string query)
    {
        var response = await _http.GetAsync("/odata/Places?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
        Assert.NotNull(JsonNode.Parse(body)!["error"]!["message"]);
        HttpExtensions.AssertNoInternals(body);
    }

    [Fact]
    public async Task An_unknown_entity_set_is_404()
    {
        var response = await _http.GetAsync("/odata/Gardens");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
