using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>What a researcher does from Excel, R or Python, against the real catalogue in PostgreSQL (in pages of 10).</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class ODataQueryTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Metadata_is_valid_CSDL_with_every_entity_set()
    {
        var xml = await _http.GetStringAsync("/odata/$metadata");
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(CsdlReader.TryParse(reader, out IEdmModel model, out var errors), string.Join("; ", errors ?? []));
        Assert.True(model.Validate(out IEnumerable<EdmError> validation), string.Join("; ", validation));
        var sets = model.EntityContainer.EntitySets().Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "Places", "Practices", "Initiatives", "Events", "Mentorships", "Memberships", "Commitments" }, sets);
        var place = (IEdmEntityType)model.FindDeclaredType("Atlas.Place");
        Assert.NotNull(place.FindProperty("Latitude"));
        Assert.Equal("Edm.GeographyPoint", place.FindProperty("Location").Type.FullName());
        Assert.NotNull(place.FindProperty("Practices"));
        Assert.NotNull(((IEdmEntityType)model.FindDeclaredType("Atlas.Practice")).FindProperty("Place"));
    }

    [Fact]
    public async Task Nulls_sort_first_ascending_and_last_descending_as_OData_says()
    {
        async Task<List<int?>> Populations(string url)
        {
            var all = new List<int?>();
            for (string? next = url; next is not null;)
            {
                var json = await _http.GetJsonAsync(next);
                all.AddRange(json.Values().Select(v => v!["Population"]?.GetValue<int?>()));
                next = json["@odata.nextLink"]?.GetValue<string>();
            }
            return all;
        }
        var descending = await Populations("/odata/Places?$orderby=Population desc,Id&$select=Id,Population");
        var ascending = await Populations("/odata/Places?$orderby=Population,Id&$select=Id,Population");
        Assert.Equal(descending.Count, ascending.Count);
        Assert.Contains(null, descending);
        Assert.NotNull(descending[0]);
        Assert.Null(descending[^1]);
        Assert.Null(ascending[0]);
        var known = descending.Where(p => p is not null).ToList();
        Assert.Equal(known.OrderByDescending(p => p).ToList(), known);
    }

    [Fact]
    public async Task Filter_on_a_theme_with_a_lambda_runs_as_SQL_and_finds_only_matching_practices()
    {
        app.Sql.Clear();
        var json = await _http.GetJsonAsync("/odata/Practices?$filter=Themes/any(t: t eq 'Energy')&$select=Id,Themes&$count=true&$top=100");
        var values = json.Values();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains("Energy", v!["Themes"]!.AsArray().Select(t => t!.GetValue<string>())));
        // The count is of every match; the page holds at most the page size (10 here).
        await using (var db = app.Db())
            Assert.Equal(await db.Practices.CountAsync(p => p.Themes.Contains(FrontrunnerAtlas.Api.Catalogue.Theme.Energy)), json["@odata.count"]!.GetValue<int>());
        Assert.Equal(Math.Min(10, json["@odata.count"]!.GetValue<int>()), values.Count);
        var sql = Assert.Single(app.Sql.Statements, s => s.Contains("FROM practices") && s.Contains("LIMIT"));
        Assert.Contains("themes", sql);
        Assert.Contains("WHERE", sql);
        Assert.Contains(app.Sql.Statements, s => s.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_page_is_ordered_by_the_key_alone_so_that_PostgreSQL_can_stop_after_it()
    {
        // Nulls are ordered as OData says only where a key can be null: ordering the non-null id by a constant
        // first made PostgreSQL sort every match before the LIMIT (2.4x the SQL's time at 100,000 practices).
        app.Sql.Clear();
        var json = await _http.GetJsonAsync("/odata/Practices?$filter=IsIntegrated eq true&$expand=Place($select=Id,Name)&$count=true&$top=5");
        Assert.Equal(5, json.Values().Count);
        var page = Assert.Single(app.Sql.Statements, s => s.Contains("FROM practices") && s.Contains("LIMIT"));
        Assert.Matches(@"ORDER BY p\.id\s+LIMIT", page);
        Assert.DoesNotContain("(SELECT 1)", page);
        // A nullable key still gets its nulls where OData wants them.
        app.Sql.Clear();
        await _http.GetJsonAsync("/odata/Places?$orderby=Population desc&$select=Id");
        Assert.Contains(app.Sql.Statements, s => s.Contains("ORDER BY p.population IS NULL, p.population DESC, p.id"));
    }

    [Fact]
    public async Task Filter_with_a_lambda_over_tags_and_a_boolean()
    {
        var json = await _http.GetJsonAsync("/odata/Practices?$filter=Tags/any(t: t eq 'heritage') and IsIntegrated eq false&$select=Title,Tags");
        Assert.NotEmpty(json.Values());
        Assert.All(json.Values(), v => Assert.Contains("heritage", v!["Tags"]!.AsArray().Select(t => t!.GetValue<string>())));
    }

    [Fact]
    public async Task Select_returns_only_the_asked_properties()
    {
        var json = await _http.GetJsonAsync("/odata/Places?$select=Name,Country&$top=3");
        Assert.All(json.Values(), v => Assert.Equal(["Name", "Country"], v!.AsObject().Select(p => p.Key).Order().Reverse()));
    }

    [Fact]
    public async Task Nested_expand_walks_from_an_initiative_to_its_members_places()
    {
        app.Sql.Clear();
        var json = await _http.GetJsonAsync(
            "/odata/Initiatives('lli-431-smart-planning')?$select=Name&$expand=Memberships($select=Role;$expand=Place($select=Name,Country)),Events($select=Title)");
        var members = json["Memberships"]!.AsArray();
        var lead = Assert.Single(members, m => m!["Role"]!.GetValue<string>() == "LeadPartner");
        Assert.Equal("LV", lead!["Place"]!["Country"]!.GetValue<string>());
        Assert.Contains(json["Events"]!.AsArray(), e => e!["Title"]!.GetValue<string>().Contains("conference", StringComparison.OrdinalIgnoreCase));
        // One round trip: the expansion is a join in PostgreSQL, not a query per row.
        Assert.Single(app.Sql.Statements, s => s.Contains("FROM initiatives"));
    }

    [Fact]
    public async Task Navigation_works_both_ways()
    {
        var practices = await _http.GetJsonAsync("/odata/Places('ee-tartu')/Practices?$select=Id,PlaceId");
        Assert.NotEmpty(practices.Values());
        Assert.All(practices.Values(), p => Assert.Equal("ee-tartu", p!["PlaceId"]!.GetValue<string>()));
        var id = practices.Values()[0]!["Id"]!.GetValue<string>();
        var place = await _http.GetJsonAsync($"/odata/Practices('{id}')/Place?$select=Name");
        Assert.Equal("Tartu", place["Name"]!.GetValue<string>());
        var events = await _http.GetJsonAsync("/odata/Initiatives('estonian-smart-cities-club')/Events?$select=Title&$orderby=StartDate");
        Assert.True(events.Values().Count >= 9);
    }

    [Fact]
    public async Task Orderby_top_and_skip_page_through_a_stable_order()
    {
        var all = (await _http.GetJsonAsync("/odata/Places?$select=Id,Population&$filter=Population ne null&$orderby=Population desc,Id&$top=6")).Values().Strings("Id");
        var second = (await _http.GetJsonAsync("/odata/Places?$select=Id&$filter=Population ne null&$orderby=Population desc,Id&$top=3&$skip=3")).Values().Strings("Id");
        Assert.Equal(all.Skip(3), second);
        Assert.Equal("pl-warsaw", all[0]);
    }

    [Fact]
    public async Task Server_driven_paging_follows_nextLink_to_every_place_once()
    {
        var seen = new List<string>();
        string? next = "/odata/Places?$select=Id&$count=true";
        var pages = 0;
        int total = 0;
        while (next is not null && pages++ < 20)
        {
            var json = await _http.GetJsonAsync(next);
            if (json["@odata.count"] is { } c) total = c.GetValue<int>();
            Assert.True(json.Values().Count <= ReadOnlyApp.ODataPageSize);
            seen.AddRange(json.Values().Strings("Id"));
            next = json["@odata.nextLink"]?.GetValue<string>();
        }
        Assert.Equal(46, total);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(pages >= 5);
    }

    [Fact]
    public async Task Count_follows_filter_and_search_in_one_count_statement_and_agrees_with_the_rows_and_the_count_path()
    {
        const string query = "$filter=IsIntegrated eq true&$search=bike OR energy";
        app.Sql.Clear();
        var page = await _http.GetJsonAsync($"/odata/Practices?{query}&$count=true&$top=1&$select=Id");
        var count = page["@odata.count"]!.GetValue<int>();
        Assert.Contains(app.Sql.Statements, s => s.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
        var rows = new List<string>();
        for (string? next = $"/odata/Practices?{query}&$select=Id"; next is not null;)
        {
            var json = await _http.GetJsonAsync(next);
            rows.AddRange(json.Values().Strings("Id"));
            next = json["@odata.nextLink"]?.GetValue<string>();
        }
        Assert.InRange(count, 2, 1000);
        Assert.Equal(rows.Count, count);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), await _http.GetStringAsync($"/odata/Practices/$count?{query}"));
        // Without a filter the count is the whole set's.
        var all = (await _http.GetJsonAsync("/odata/Practices?$count=true&$top=0"))["@odata.count"]!.GetValue<int>();
        Assert.True(all > count);
    }

    [Fact]
    public async Task Links_are_written_from_the_service_address_never_from_the_clients_Host()
    {
        foreach (var url in new[] { "/odata/Places?$select=Id", "/odata/Places('ee-tartu')", "/odata/Places('ee-tartu')/Practices?$select=Id&$top=1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("evil.example", body);
            Assert.Contains("\"@odata.context\":\"http", body);
            Assert.Equal(await _http.GetStringAsync(url), body);
        }
    }

    [Fact]
    public async Task Apply_groupby_and_aggregate_count_in_the_database()
    {
        app.Sql.Clear();
        var json = await _http.GetJsonAsync("/odata/Places?$apply=groupby((Country,Role),aggregate($count as Places))&$orderby=Country");
        var rows = json.Values();
        var estonianFollowers = rows.Single(r => r!["Country"]!.GetValue<string>() == "EE" && r["Role"]!.GetValue<string>() == "Follower");
        Assert.Equal(14, estonianFollowers!["Places"]!.GetValue<int>()); // Võru and the 13 Smart Villages areas
        Assert.Contains(app.Sql.Statements, s => s.Contains("GROUP BY"));

        var total = await _http.GetJsonAsync("/odata/Places?$apply=aggregate($count as Places)");
        Assert.Equal(46, total.Values()[0]!["Places"]!.GetValue<int>());
        var population = await _http.GetJsonAsync("/odata/Places?$apply=filter(Country eq 'EE')/aggregate(Population with sum as Total)");
        Assert.True(population.Values()[0]!["Total"]!.GetValue<long>() > 500_000);
    }

    [Fact]
    public async Task Enum_filters_accept_plain_names()
    {
        var json = await _http.GetJsonAsync("/odata/Places?$filter=Role eq 'Frontrunner' and Country eq 'PL'&$select=Name");
        Assert.Equal(["Bydgoszcz", "Piastów", "Sztum"], json.Values().Strings("Name").Order());
    }

    [Fact]
    public async Task Mentorships_commitments_and_memberships_are_queryable()
    {
        var mentorships = await _http.GetJsonAsync("/odata/Mentorships?$filter=PlannedDays eq 5&$count=true&$expand=MenteePlace($select=Kind)");
        Assert.Equal(13, mentorships["@odata.count"]!.GetValue<int>());
        Assert.All(mentorships.Values(), m => Assert.Equal("VillageArea", m!["MenteePlace"]!["Kind"]!.GetValue<string>()));
        var commitments = await _http.GetJsonAsync("/odata/Commitments?$filter=TargetYear eq 2030&$select=PlaceId");
        Assert.Contains("lv-liepaja", commitments.Values().Strings("PlaceId"));
        var memberships = await _http.GetJsonAsync("/odata/Memberships?$filter=InitiativeId eq 'estonian-smart-cities-club' and Role eq 'Member'&$count=true&$top=0");
        Assert.Equal(12, memberships["@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_single_entity_by_key_and_an_unknown_key()
    {
        var tartu = await _http.GetJsonAsync("/odata/Places('ee-tartu')");
        Assert.Equal(58.38062, tartu["Latitude"]!.GetValue<double>());
        Assert.Equal("Point", tartu["Location"]!["type"]!.GetValue<string>());
        var missing = await _http.GetAsync("/odata/Places('xx-nowhere')");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
