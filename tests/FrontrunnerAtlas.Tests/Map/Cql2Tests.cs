using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Map.Cql2;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>The CQL2 text parser on its own: the tree it builds (as canonical text), precedence, limits and the errors it explains.</summary>
public sealed class Cql2ParserTests
{
    // The defaults of Map:FilterMaxLength, FilterMaxNodes and FilterMaxDepth: 4000, 200, 20.
    private static readonly Cql2Limits Limits = new Api.Map.MapOptions().FilterLimits();

    private static string Canonical(string filter, bool latitudeFirst = false) => Cql2Parser.Parse(filter, Limits, latitudeFirst).ToString();

    [Theory]
    // Precedence: NOT binds tightest, then AND, then OR; parentheses override.
    [InlineData("a = 1 OR b = 2 AND c = 3", "((a = 1) OR ((b = 2) AND (c = 3)))")]
    [InlineData("a = 1 AND b = 2 OR c = 3", "(((a = 1) AND (b = 2)) OR (c = 3))")]
    [InlineData("(a = 1 OR b = 2) AND c = 3", "(((a = 1) OR (b = 2)) AND (c = 3))")]
    [InlineData("NOT a = 1 AND b = 2", "(NOT (a = 1) AND (b = 2))")]
    [InlineData("NOT (a = 1 AND b = 2)", "NOT ((a = 1) AND (b = 2))")]
    [InlineData("a = 1 OR b = 2 OR c = 3", "(((a = 1) OR (b = 2)) OR (c = 3))")]
    // Keywords in any case, any spacing, both ways of escaping a quote, quoted property names.
    [InlineData("country='EE'and role<>'peer'", "((country = 'EE') AND (role <> 'peer'))")]
    [InlineData("\"name\" = 'Via dell''Avvento'", "(name = 'Via dell''Avvento')")]
    [InlineData(@"name = 'Via dell\'Avvento'", "(name = 'Via dell''Avvento')")]
    [InlineData("p >= 10 and p <= 20 and p < 1.5 and p > -.5 and p = 1.0e3", "(((((p >= 10) AND (p <= 20)) AND (p < 1.5)) AND (p > -0.5)) AND (p = 1000))")]
    [InlineData("name like 'T%' and name not like '_a\\%'", @"((name LIKE 'T%') AND (name NOT LIKE '_a\%'))")]
    [InlineData("population between 1000 and 20000", "(population BETWEEN 1000 AND 20000)")]
    [InlineData("population NOT BETWEEN 1000 AND 20000", "(population NOT BETWEEN 1000 AND 20000)")]
    [InlineData("country in ('EE','LV') and role not in ('peer')", "((country IN ('EE', 'LV')) AND (role NOT IN ('peer')))")]
    [InlineData("population is null or localName IS NOT NULL", "((population IS NULL) OR (localName IS NOT NULL))")]
    [InlineData("isIntegrated = true AND virtual <> FALSE", "((isIntegrated = TRUE) AND (virtual <> FALSE))")]
    [InlineData("TRUE", "TRUE")]
    [InlineData("startDate >= date('2022-10-01') and startDate < TIMESTAMP('2022-10-12T10:00:00+02:00')",
        "((startDate >= DATE('2022-10-01')) AND (startDate < TIMESTAMP('2022-10-12T08:00:00Z')))")]
    [InlineData("'EE' = country", "('EE' = country)")]
    // Spatial literals come out in one WKT spelling; the property always comes first.
    [InlineData("s_intersects(geometry, bbox(20, 50, 30.5, 60))", "S_INTERSECTS(geometry, BBOX(20,50,30.5,60))")]
    [InlineData("S_INTERSECTS(geometry, BBOX(20, 50, -100, 30, 60, 100))", "S_INTERSECTS(geometry, BBOX(20,50,30,60))")]
    [InlineData("S_INTERSECTS(geometry,POLYGON((21 57,28 57,28 60,21 60,21 57)))", "S_INTERSECTS(geometry, POLYGON ((21 57, 28 57, 28 60, 21 60, 21 57)))")]
    [InlineData("S_WITHIN(POINT(26.7 58.4), geometry)", "S_CONTAINS(geometry, POINT (26.7 58.4))")]
    [InlineData("S_INTERSECTS(geometry, MULTIPOINT((7.02 49.92), (26 58)))", "S_INTERSECTS(geometry, MULTIPOINT ((7.02 49.92), (26 58)))")]
    [InlineData("S_DISJOINT(geometry, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))", "S_DISJOINT(geometry, GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1)))")]
    // An injection attempt is one string value, quotes and all.
    [InlineData("name = 'x'' OR 1=1 --'", "(name = 'x'' OR 1=1 --')")]
    [InlineData("name = 'Tartu'' OR ''1''=''1'", "(name = 'Tartu'' OR ''1''=''1')")]
    public void Filters_parse_into_one_canonical_text_that_parses_back_to_itself(string filter, string canonical)
    {
        Assert.Equal(canonical, Canonical(filter));
        Assert.Equal(canonical, Canonical(canonical));
    }

    [Fact]
    public void An_injection_attempt_is_a_single_comparison_with_the_whole_text_as_its_value()
    {
        var comparison = Assert.IsType<Cql2Comparison>(Cql2Parser.Parse("name = 'x'' OR 1=1 --'", Limits));
        Assert.Equal("name", Assert.IsType<Cql2Property>(comparison.Left).Name);
        Assert.Equal("x' OR 1=1 --", Assert.IsType<Cql2Literal>(comparison.Right).Value);
    }

    [Fact]
    public void With_filter_crs_EPSG_4326_latitude_comes_first_and_is_turned_to_CRS84()
    {
        Assert.Equal("S_INTERSECTS(geometry, POINT (26.72 58.38))", Canonical("S_INTERSECTS(geometry, POINT(58.38 26.72))", latitudeFirst: true));
        Assert.Equal("S_INTERSECTS(geometry, BBOX(21.5,57.6,28.5,59.8))", Canonical("S_INTERSECTS(geometry, BBOX(57.6,21.5,59.8,28.5))", latitudeFirst: true));
        // Read latitude first, POINT(100 26) has the latitude 100.
        var error = Assert.Throws<Cql2Exception>(() => Canonical("S_INTERSECTS(geometry, POINT(100 26))", latitudeFirst: true));
        Assert.Contains("latitude comes first", error.Message);
    }

    [Fact]
    public void A_box_across_the_antimeridian_is_two_boxes()
    {
        var spatial = Assert.IsType<Cql2Spatial>(Cql2Parser.Parse("S_INTERSECTS(geometry, BBOX(170, 50, -170, 60))", Limits));
        Assert.Equal("MultiPolygon", spatial.Geometry.Value.GeometryType);
        Assert.Equal(2, spatial.Geometry.Value.NumGeometries);
        Assert.Equal(4326, spatial.Geometry.Value.SRID);
    }

    [Theory]
    [InlineData("population > ", 14, "expected a value after '>' at position 14, but the filter ends there")]
    [InlineData("population > )", 14, "expected a value after '>' at position 14, found ')'")]
    [InlineData("name = 'Tartu' OR", 18, "expected a condition")]
    [InlineData("name = 'Tartu' name = 'Valga'", 16, "expected AND, OR or the end of the filter after 'Tartu' at position 16")]
    [InlineData("name = 'Tartu", 8, "the string opened at position 8 is not closed")]
    [InlineData("\"name = 'Tartu'", 1, "not closed")]
    [InlineData("(name = 'Tartu'", 16, "expected ')' at position 16 to close the '(' opened at position 1")]
    [InlineData("name != 'Tartu'", 6, "write '<>'")]
    [InlineData("name = 'Tartu'; DROP TABLE places", 15, "unexpected character ';' at position 15")]
    [InlineData("population > 5 - 3", 16, "arithmetic")]
    [InlineData("name", 5, "expected an operator")]
    [InlineData("name = NULL", 8, "IS NULL")]
    [InlineData("name IS 'x'", 9, "expected NULL after IS")]
    [InlineData("name LIKE 5", 11, "expected a quoted pattern after LIKE")]
    [InlineData("name NOT = 'x'", 10, "expected LIKE, BETWEEN or IN after NOT")]
    [InlineData("population BETWEEN 1 OR 2", 22, "expected AND after the lower bound")]
    [InlineData("name IN 'x'", 9, "expected '(' after IN")]
    [InlineData("name IN ()", 10, "expected a value in the list")]
    [InlineData("name IN ('a', 'b'", 18, "to close the IN list opened at position 9")]
    [InlineData("population = 1e400", 14, "not a finite number")]
    [InlineData("startDate = DATE('2022-13-45')", 18, "not a date")]
    [InlineData("startDate = TIMESTAMP('2022-10-12')", 23, "not an RFC 3339 timestamp")]
    [InlineData("CASEI(name) = 'tartu'", 1, "CASEI")]
    [InlineData("T_AFTER(startDate, DATE('2022-01-01'))", 1, "temporal function T_AFTER is not supported")]
    [InlineData("upper(name) = 'TARTU'", 1, "unknown function 'upper'")]
    [InlineData("name = POINT(1 2)", 8, "can only be an argument of a spatial function")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 10 10, 10 0, 0 10, 0 0)))", 24, "not a valid geometry (self-intersection")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 10 10, 10 0)))", 24, "not valid WKT")]
    [InlineData("S_INTERSECTS(geometry, MULTIPOINT(7.02 49.92, 90 180))", 24, "outside longitudes -180..180 and latitudes -90..90")]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2", 24, "the POINT at position 24 is not closed")]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2)", 34, "expected ')' at position 34 to close S_INTERSECTS(")]
    [InlineData("S_INTERSECTS(geometry, BBOX(1, 2, 3))", 24, "takes 4")]
    [InlineData("S_INTERSECTS(geometry, BBOX(20, 60, 30, 50))", 24, "south edge above its north edge")]
    [InlineData("S_INTERSECTS(geometry, name)", 1, "compares two properties")]
    [InlineData("S_INTERSECTS(POINT(1 2), POINT(1 2))", 1, "compares two literals")]
    [InlineData("S_INTERSECTS(geometry, 'POINT(1 2)')", 24, "expected the property geometry or a geometry literal")]
    [InlineData("", 1, "empty")]
    public void Errors_say_what_was_expected_and_where(string filter, int position, string mention)
    {
        var error = Assert.Throws<Cql2Exception>(() => Cql2Parser.Parse(filter, Limits));
        Assert.StartsWith("filter: ", error.Message);
        Assert.Contains(mention, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Size_depth_and_length_are_bounded_and_said()
    {
        var deep = new string('(', 10_000) + "name = 'x'" + new string(')', 10_000);
        var nested = Assert.Throws<Cql2Exception>(() => Cql2Parser.Parse(deep, Limits with { MaxLength = 100_000 }));
        Assert.Contains("nested more than 20 levels", nested.Message);
        var nots = Assert.Throws<Cql2Exception>(() => Cql2Parser.Parse(string.Concat(Enumerable.Repeat("NOT ", 50)) + "name = 'x'", Limits));
        Assert.Contains("nested more than 20 levels", nots.Message);

        var values = string.Join(", ", Enumerable.Range(1, 300).Select(i => $"'v{i}'"));
        var many = Assert.Throws<Cql2Exception>(() => Cql2Parser.Parse($"name IN ({values})", Limits));
        Assert.Contains("more than 200 conditions, operators and values", many.Message);
        Assert.Equal("(name IN ('v1', 'v2'))", Canonical("name IN ('v1', 'v2')"));

        var longText = "name = '" + new string('x', 4000) + "'";
        var tooLong = Assert.Throws<Cql2Exception>(() => Cql2Parser.Parse(longText, Limits));
        Assert.Contains("at most 4000", tooLong.Message);
    }
}

/// <summary>filter= on the real catalogue, as a client sees it: the right features, 400s that say why, one cache entry per filter.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class Cql2FilterTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private async Task<List<string>> Ids(string collection, string filter, string extra = "")
    {
        var json = await _http.GetJsonAsync($"/collections/{collection}/items?limit=1000&filter={Uri.EscapeDataString(filter)}{extra}");
        var ids = json["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, json["numberMatched"]!.GetValue<int>());
        return ids;
    }

    [Fact]
    public async Task Comparisons_and_AND_pick_the_Estonian_frontrunner()
    {
        Assert.Equal(["ee-tartu"], await Ids("places", "country = 'EE' AND role = 'frontrunner'"));
        Assert.Equal(["ee-tartu"], await Ids("places", "'EE' = country AND 100000 < population AND population < 200000"));
        await using var db = app.Db();
        var notEstonian = await db.Places.Where(p => p.Country != "EE").Select(p => p.Id).OrderBy(i => i).ToListAsync();
        Assert.Equal(notEstonian, (await Ids("places", "country <> 'EE'")).Order(StringComparer.Ordinal));
        Assert.Equal(notEstonian, (await Ids("places", "NOT country = 'EE'")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task S_INTERSECTS_with_a_polygon_around_Estonia_finds_exactly_the_Estonian_places()
    {
        await using var db = app.Db();
        var estonian = await db.Places.Where(p => p.Country == "EE" && p.Latitude != null).Select(p => p.Id).OrderBy(i => i).ToListAsync();
        Assert.True(estonian.Count > 20);
        const string estonia = "POLYGON((21.5 57.6, 28.5 57.6, 28.5 59.8, 21.5 59.8, 21.5 57.6))";
        Assert.Equal(estonian, (await Ids("places", $"S_INTERSECTS(geometry, {estonia})")).Order(StringComparer.Ordinal));
        Assert.Equal(estonian, (await Ids("places", "S_INTERSECTS(geometry, BBOX(21.5, 57.6, 28.5, 59.8))")).Order(StringComparer.Ordinal));
        // The same box in EPSG:4326's order, latitude first.
        Assert.Equal(estonian, (await Ids("places", "S_INTERSECTS(BBOX(57.6, 21.5, 59.8, 28.5), geometry)",
            "&filter-crs=" + Uri.EscapeDataString(Cql2Filter.Epsg4326))).Order(StringComparer.Ordinal));
        Assert.Equal(estonian, (await Ids("places", $"S_WITHIN(geometry, {estonia})")).Order(StringComparer.Ordinal));
        Assert.Equal(estonian, (await Ids("places", $"S_CONTAINS({estonia}, geometry)")).Order(StringComparer.Ordinal));

        // Disjoint from Estonia: every other place that has a point (Dreverna has none, so it is neither).
        var elsewhere = await db.Places.Where(p => p.Country != "EE" && p.Latitude != null).Select(p => p.Id).OrderBy(i => i).ToListAsync();
        Assert.Equal(elsewhere, (await Ids("places", $"S_DISJOINT(geometry, {estonia})")).Order(StringComparer.Ordinal));
        Assert.Equal(["lt-dreverna"], await Ids("places", "geometry IS NULL"));
        Assert.Equal(["ee-lag-tartumaa", "ee-tartu"], (await Ids("places", "S_INTERSECTS(geometry, POINT(26.72509 58.38062))")).Order(StringComparer.Ordinal));
        var ventspils = await _http.GetJsonAsync("/collections/practices/items?limit=100&filter=" + Uri.EscapeDataString("S_INTERSECTS(geometry, BBOX(21.4, 57.3, 21.7, 57.5))"));
        Assert.NotEmpty(ventspils["features"]!.AsArray());
        Assert.All(ventspils["features"]!.AsArray(), f => Assert.Equal("lv-ventspils", f!["properties"]!["placeId"]!.GetValue<string>()));
        Assert.Equal(elsewhere.Count, (await Ids("places", "S_INTERSECTS(geometry, BBOX(170, 40, 30, 70)) AND country <> 'EE'")).Count);
    }

    [Theory]
    [InlineData("S_INTERSECTS", 2)]
    [InlineData("S_WITHIN", 2)]
    [InlineData("S_EQUALS", 0)]
    [InlineData("S_CONTAINS", 0)]
    [InlineData("S_DISJOINT", 43)]
    [InlineData("S_TOUCHES", 0)]
    [InlineData("S_OVERLAPS", 0)]
    [InlineData("S_CROSSES", 0)]
    public async Task Every_spatial_function_takes_every_kind_of_geometry(string function, int inTartuCollection)
    {
        string[] geometries =
        [
            "POINT(26.72509 58.38062)", "POINT Z (26.72509 58.38062 40)", "LINESTRING(20 55, 28 60)", "POLYGON((26 58, 27 58, 27 59, 26 59, 26 58))",
            "MULTIPOINT((26.72509 58.38062), (1 1))", "MULTILINESTRING((20 55, 28 60), (0 0, 1 1))",
            "MULTIPOLYGON(((26 58, 27 58, 27 59, 26 59, 26 58)), ((0 0, 1 0, 1 1, 0 1, 0 0)))",
            "GEOMETRYCOLLECTION(POINT(26.72509 58.38062), LINESTRING(0 0, 1 1))", "BBOX(26, 58, 27, 59)", "POINT EMPTY",
        ];
        foreach (var g in geometries) await Ids("places", $"{function}(geometry, {g})");
        // Tartu and its LAG share one point; a collection of that point and a far line.
        Assert.Equal(inTartuCollection, (await Ids("places", $"{function}(geometry, GEOMETRYCOLLECTION(POINT(26.72509 58.38062), LINESTRING(0 0, 1 1)))")).Count);
    }

    [Fact]
    public async Task LIKE_IN_and_BETWEEN_match_what_the_catalogue_holds()
    {
        await using var db = app.Db();
        var places = await db.Places.AsNoTracking().ToListAsync();
        static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Sorted(places.Where(p => p.Name.StartsWith('T')).Select(p => p.Id)), Sorted(await Ids("places", "name LIKE 'T%'")));
        Assert.Equal(Sorted(places.Where(p => p.Name.Length == 5 && p.Name.EndsWith("rtu")).Select(p => p.Id)), Sorted(await Ids("places", "name LIKE '__rtu'")));
        Assert.Equal(["ee-tartu"], await Ids("places", "name LIKE 'Tartu'"));
        Assert.Empty(await Ids("places", "name LIKE 'tartu'")); // LIKE is case-sensitive in CQL2
        Assert.Equal(Sorted(places.Where(p => p.LocalName != null && !p.LocalName.Contains('M')).Select(p => p.Id)), Sorted(await Ids("places", "localName NOT LIKE '%M%'")));
        Assert.Equal(Sorted(places.Where(p => p.Kind == Api.Catalogue.PlaceKind.VillageArea).Select(p => p.Id)), Sorted(await Ids("places", "kind LIKE 'village%'")));

        var roles = Sorted(places.Where(p => p.Role != Api.Catalogue.PlaceRole.Peer && p.Country is "PL" or "LV").Select(p => p.Id));
        Assert.NotEmpty(roles);
        Assert.Equal(roles, Sorted(await Ids("places", "role IN ('frontrunner', 'follower') AND country IN ('PL', 'LV')")));
        Assert.Equal(roles, Sorted(await Ids("places", "role NOT IN ('peer') AND country IN ('PL', 'LV')")));

        var middle = Sorted(places.Where(p => p.Population is >= 10000 and <= 20000).Select(p => p.Id));
        Assert.True(middle.Count > 3);
        Assert.Equal(middle, Sorted(await Ids("places", "population BETWEEN 10000 AND 20000")));
        Assert.Equal(middle, Sorted(await Ids("places", "population >= 10000 AND population <= 20000")));
        Assert.Equal(Sorted(places.Where(p => p.Population is < 10000 or > 20000).Select(p => p.Id)), Sorted(await Ids("places", "population NOT BETWEEN 10000 AND 20000")));
    }

    [Fact]
    public async Task A_missing_value_is_neither_true_nor_false_as_in_SQL()
    {
        await using var db = app.Db();
        var places = await db.Places.AsNoTracking().ToListAsync();
        var unknown = places.Where(p => p.Population is null).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(unknown.Count > 5);
        Assert.Equal(unknown, (await Ids("places", "population IS NULL")).Order(StringComparer.Ordinal));
        Assert.Equal(places.Count - unknown.Count, (await Ids("places", "population IS NOT NULL")).Count);
        // NOT (population > 20000): the places with a known population of 20000 or fewer; a missing one stays out.
        var small = places.Where(p => p.Population <= 20000).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(small, (await Ids("places", "NOT (population > 20000)")).Order(StringComparer.Ordinal));
        Assert.Equal(small, (await Ids("places", "NOT (NOT (NOT (population > 20000)))")).Order(StringComparer.Ordinal));
        Assert.Equal(places.Count, (await Ids("places", "population > 20000 OR NOT (population > 20000) OR population IS NULL")).Count);
        Assert.Equal(places.Count, (await Ids("places", "TRUE")).Count);
        Assert.Empty(await Ids("places", "FALSE OR NOT TRUE"));
    }

    [Fact]
    public async Task Practices_and_events_filter_on_their_own_queryables_and_with_the_other_parameters()
    {
        await using var db = app.Db();
        var integrated = await db.Practices.Where(p => p.IsIntegrated && p.PlaceId != null).Select(p => p.Id).OrderBy(i => i).ToListAsync();
        Assert.NotEmpty(integrated);
        Assert.Equal(integrated, (await Ids("practices", "isIntegrated = TRUE AND placeId IS NOT NULL")).Order(StringComparer.Ordinal));
        Assert.Equal(["e09-smart-cities-club-meeting-9", "e11-smart-planning-final-conference"],
            (await Ids("events", "startDate >= DATE('2022-10-01')")).Order(StringComparer.Ordinal));
        Assert.Equal(["e11-smart-planning-final-conference"], await Ids("events", "startDate = '2022-10-12'"));
        var virtualUnknown = await db.Events.Where(e => e.Virtual == null).CountAsync();
        Assert.Equal(virtualUnknown, (await Ids("events", "virtual IS NULL")).Count);

        // filter= is one more condition beside bbox, role, country, theme and datetime.
        Assert.Equal(["ee-tartu"], await Ids("places", "population > 50000", "&bbox=21,57,28.5,60&role=frontrunner"));
        Assert.Empty(await Ids("places", "country = 'LV'", "&country=EE"));
        Assert.Equal(["e11-smart-planning-final-conference"], await Ids("events", "endDate IS NOT NULL", "&datetime=2022-10-12"));

        // Paging keeps the filter in next and prev.
        var page = await _http.GetJsonAsync("/collections/places/items?limit=5&filter=" + Uri.EscapeDataString("country = 'EE'"));
        Assert.Equal(27, page["numberMatched"]!.GetValue<int>());
        var next = page["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "next")!["href"]!.GetValue<string>();
        var second = await _http.GetJsonAsync(new Uri(next).PathAndQuery);
        Assert.All(second["features"]!.AsArray(), f => Assert.Equal("EE", f!["properties"]!["country"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("name = 'x'' OR 1=1 --'")]
    [InlineData("name = 'Tartu'' OR ''1''=''1'")]
    [InlineData("name = 'Tartu''; DROP TABLE places; --'")]
    [InlineData("name LIKE '%'' OR name LIKE ''%'")]
    [InlineData("country IN ('EE'') OR (''1''=''1')")]
    public async Task Injection_attempts_are_values_that_match_nothing(string filter)
    {
        Assert.Empty(await Ids("places", filter));
        await using var db = app.Db();
        Assert.Equal(46, await db.Places.CountAsync());
    }

    [Theory]
    [InlineData("places", "filter=height%20%3D%203", "filter", "unknown property 'height' at position 1")]
    [InlineData("places", "filter=Role%20%3D%20'peer'", "filter", "did you mean 'role'?")]
    [InlineData("events", "filter=population%20%3E%201000", "filter", "the queryables of events are")]
    [InlineData("places", "filter=population%20%3E%20", "filter", "expected a value after '>' at position 14")]
    [InlineData("places", "filter=name%20%3D%20'Tartu'%20OR", "filter", "at position 18")]
    [InlineData("places", "filter=population%20%3D%20'many'", "filter", "population is an integer, so it cannot be compared with the string 'many'")]
    [InlineData("places", "filter=role%20%3D%20'leader'", "filter", "'leader' is not a value of role; its values are frontrunner, follower, peer")]
    [InlineData("places", "filter=isIntegrated%20%3D%20TRUE", "filter", "unknown property 'isIntegrated'")]
    [InlineData("practices", "filter=isIntegrated%20%3E%20FALSE", "filter", "only = and <> compare it")]
    [InlineData("events", "filter=startDate%20%3E%20TIMESTAMP('2022-10-12T00:00:00Z')", "filter", "DATE('2022-10-12')")]
    [InlineData("places", "filter=population%20%3D%20integratedCount", "filter", "comparing two properties")]
    [InlineData("places", "filter=geometry%20%3D%203", "filter", "spatial functions only")]
    [InlineData("places", "filter=S_INTERSECTS(name,%20POINT(1%202))", "filter", "name is not one")]
    [InlineData("places", "filter=name%20LIKE%20'x'&filter=name%20LIKE%20'y'", "filter", "given 2 times")]
    [InlineData("places", "filter=name%20%3D%20'Tartu'&filter-lang=cql2-json", "filter-lang", "'cql2-json' is not supported")]
    [InlineData("places", "filter-lang=ecql", "filter-lang", "'ecql' is not supported")]
    [InlineData("places", "filter=S_INTERSECTS(geometry,%20POINT(1%202))&filter-crs=EPSG:3857", "filter-crs", "'EPSG:3857' is not supported")]
    public async Task Bad_filters_are_a_400_problem_that_names_the_parameter_and_says_why(string collection, string query, string parameter, string mention)
    {
        var response = await _http.GetAsync($"/collections/{collection}/items?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Contains(mention, problem["detail"]!.GetValue<string>());
        HttpExtensions.AssertNoInternals(body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task Every_spelling_of_one_filter_shares_one_cache_entry_and_values_travel_as_parameters()
    {
        int PlaceQueries() => app.Sql.Statements.Count(s => s.Contains("FROM places"));
        app.Sql.Clear();
        var first = await Ids("places", "country = 'LV' AND name LIKE 'K%' AND S_INTERSECTS(geometry, BBOX(20.9, 56, 23, 58))");
        Assert.Equal(["lv-kuldiga", "lv-kurzeme-planning-region"], first);
        Assert.True(PlaceQueries() > 0);
        // Every value is a parameter: none is written into the SQL text.
        var sql = app.Sql.Commands.Where(c => c.Sql.Contains("ST_Intersects")).ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, c =>
        {
            Assert.DoesNotContain("'LV'", c.Sql);
            Assert.DoesNotContain("'K%'", c.Sql);
            Assert.Contains(c.Parameters, p => Equals(p.Value, "K%"));
            Assert.Contains(c.Parameters, p => p.Value is NetTopologySuite.Geometries.Geometry);
        });

        app.Sql.Clear();
        string[] respelled =
        [
            "country='LV' and name like 'K%' and s_intersects(geometry,bbox(20.9,56,23,58))",
            "(country = 'LV') AND (name LIKE 'K%') AND S_INTERSECTS(geometry, BBOX(20.90, 56.0, 23, 58.000))",
            "\"country\" = 'LV' AND \"name\" LIKE 'K%' AND S_INTERSECTS(BBOX(20.9, 56, 23, 58), geometry)",
        ];
        foreach (var filter in respelled) Assert.Equal(first, await Ids("places", filter));
        Assert.Equal(0, PlaceQueries());
        // A different filter is a different entry.
        Assert.Equal(["lv-kuldiga", "lv-liepaja"], (await Ids("places", "country = 'LV' AND name LIKE '%a' AND S_INTERSECTS(geometry, BBOX(20.9, 56, 23, 58))")).Order(StringComparer.Ordinal));
        Assert.True(PlaceQueries() > 0);
    }

    [Theory]
    [InlineData("places")]
    [InlineData("practices")]
    [InlineData("events")]
    public async Task Every_queryable_is_accepted_by_the_filter_and_conformance_says_so(string collection)
    {
        var total = (await _http.GetJsonAsync($"/collections/{collection}/items?limit=1"))["numberMatched"]!.GetValue<int>();
        var queryables = (await _http.GetJsonAsync($"/collections/{collection}/queryables"))["properties"]!.AsObject();
        foreach (var (name, _) in queryables)
            Assert.Equal(total, (await Ids(collection, $"{name} IS NULL OR {name} IS NOT NULL")).Count);

        var conformance = (await _http.GetJsonAsync("/conformance"))["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter", conformance);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/cql2-text", conformance);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus", conformance);
        Assert.DoesNotContain("http://www.opengis.net/spec/cql2/1.0/conf/cql2-json", conformance);
        Assert.DoesNotContain("http://www.opengis.net/spec/cql2/1.0/conf/property-property", conformance);
        Assert.DoesNotContain("http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison", conformance);

        var openApi = await _http.GetJsonAsync("/openapi/v1.json");
        var parameters = openApi["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray();
        var lang = parameters.Single(p => p!["name"]!.GetValue<string>() == "filter-lang")!;
        Assert.Equal(["cql2-text", "cql-text"], lang["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains(parameters, p => p!["name"]!.GetValue<string>() == "filter");
    }
}
