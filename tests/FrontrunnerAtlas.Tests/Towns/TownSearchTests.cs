using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Towns;

/// <summary>GET /api/towns on the real gazetteer (62,467 towns): folded, prefix, word and typo matches, best first.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class TownSearchTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private const long Torva = 588204, Koscierzyna = 3095126, Tartu = 588335, Warsaw = 756135, FrankfurtAmMain = 2925533;

    private async Task<JsonArray> Find(string query) => (await _http.GetJsonAsync("/api/towns?" + query)).AsArray();

    private static List<long> Ids(JsonArray rows) => rows.Select(r => r!["geonamesId"]!.GetValue<long>()).ToList();

    [Theory]
    [InlineData("torva", Torva)]
    [InlineData("Tõrva", Torva)]
    [InlineData("TÕRVA", Torva)]
    [InlineData("To\u0303rva", Torva)] // õ typed as o + a combining tilde
    [InlineData("koscierzyna", Koscierzyna)]
    [InlineData("Kościerzyna", Koscierzyna)]
    [InlineData("tartu", Tartu)]
    [InlineData("koscierz", Koscierzyna)] // prefix
    [InlineData("warszwa", Warsaw)] // typo: GeoNames calls it Warsaw
    [InlineData("warszawa", Warsaw)]
    [InlineData("frankfrt", FrankfurtAmMain)] // a typo in one word of a longer name
    [InlineData("am main", FrankfurtAmMain)] // words of the name
    public async Task The_town_meant_comes_first(string q, long expected)
    {
        var rows = await Find("q=" + Uri.EscapeDataString(q));
        Assert.Equal(expected, Ids(rows)[0]);
    }

    [Fact]
    public async Task A_row_has_the_town_its_point_and_its_catalogue_place()
    {
        var tartu = (await Find("q=tartu&limit=1")).Single()!.AsObject();
        Assert.Equal(["geonamesId", "name", "country", "population", "latitude", "longitude", "placeId"], tartu.Select(p => p.Key));
        Assert.Equal("Tartu", tartu["name"]!.GetValue<string>());
        Assert.Equal("EE", tartu["country"]!.GetValue<string>());
        Assert.Equal(101092, tartu["population"]!.GetValue<int>());
        Assert.Equal(58.38062, tartu["latitude"]!.GetValue<double>());
        Assert.Equal(26.72509, tartu["longitude"]!.GetValue<double>());
        Assert.Equal("ee-tartu", tartu["placeId"]!.GetValue<string>());
        var torva = (await Find("q=torva&limit=1")).Single()!;
        Assert.Null(torva["placeId"]); // not in the catalogue
    }

    [Fact]
    public async Task The_best_match_comes_first_and_then_the_larger_towns()
    {
        // "Par" (Cornwall, 9,462 inhabitants) is the name itself; Paris (2.1 million) only starts with it.
        var rows = await Find("q=par&limit=20");
        Assert.Equal(["Par", "Paris"], rows.Take(2).Select(r => r!["name"]!.GetValue<string>()));
        // After the exact name, every row starts with "par", larger towns first.
        var rest = rows.Skip(1).ToList();
        var compare = System.Globalization.CultureInfo.InvariantCulture.CompareInfo;
        Assert.All(rest, r => Assert.True(compare.IsPrefix(r!["name"]!.GetValue<string>(), "par",
            System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace), r!["name"]!.GetValue<string>()));
        var populations = rest.Select(r => r!["population"]?.GetValue<int>() ?? 0).ToList();
        Assert.Equal(populations.OrderDescending(), populations);
    }

    [Fact]
    public async Task Typos_are_tried_only_when_no_name_matches_as_typed()
    {
        // "tartu" is a name: Târgu-Mureş (1 edit away, and larger) is not offered beside it.
        Assert.Equal(["Tartu"], (await Find("q=tartu")).Select(r => r!["name"]!.GetValue<string>()));
        // "tratu" is no name: the towns 1 edit away, Tartu (two letters swapped) the largest of them.
        Assert.Equal(Tartu, Ids(await Find("q=tratu"))[0]);
    }

    [Fact]
    public async Task The_country_filter_keeps_only_those_countries()
    {
        var belgian = await Find("q=saint&country=be&limit=50");
        Assert.NotEmpty(belgian);
        Assert.All(belgian, r => Assert.Equal("BE", r!["country"]!.GetValue<string>()));
        var two = await Find("q=val&country=EE,LV&limit=50");
        Assert.Equal(["EE", "LV"], two.Select(r => r!["country"]!.GetValue<string>()).Distinct().Order());
        Assert.DoesNotContain(Tartu, Ids(await Find("q=tartu&country=LV")));
        // Typo matches obey it too.
        Assert.Empty(await Find("q=warszwa&country=EE"));
    }

    [Fact]
    public async Task Limit_caps_the_rows()
    {
        Assert.Equal(10, (await Find("q=san")).Count);
        Assert.Equal(3, (await Find("q=san&limit=3")).Count);
        Assert.Equal(100, (await Find("q=s&limit=100")).Count);
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=!!!", "q")]
    [InlineData("country=EE", "q")]
    [InlineData("q=tartu&country=XX", "country")]
    [InlineData("q=tartu&country=RU", "country")] // outside the gazetteer's Europe (data/towns/countries.json)
    [InlineData("q=tartu&country=EE,Estonia", "country")]
    [InlineData("q=tartu&limit=0", "limit")]
    [InlineData("q=tartu&limit=101", "limit")]
    [InlineData("q=tartu&limit=ten", "limit")]
    [InlineData("q=tartu&sort=population", "sort")]
    public async Task Bad_input_is_a_400_that_names_the_parameter(string query, string parameter)
    {
        var response = await _http.GetAsync("/api/towns?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Contains(parameter, problem["detail"]!.GetValue<string>());
        HttpExtensions.AssertNoInternals(body);
    }

    [Fact]
    public async Task A_query_of_over_100_characters_is_refused_and_one_of_100_is_answered()
    {
        var response = await _http.GetAsync("/api/towns?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("q", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!.GetValue<string>());
        Assert.Empty(await Find("q=" + new string('a', 100)));
    }
}
