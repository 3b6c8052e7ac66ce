using System.Text.Json;
using FrontrunnerAtlas.Api.Curation;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>The schemas of data/ as the write API applies them: every bad field named as the importer names it.</summary>
public sealed class RecordSchemasTests
{
    private static Dictionary<string, string[]> Validate(string kind, string json) =>
        RecordSchemas.Validate(kind, JsonDocument.Parse(json).RootElement);

    private const string Initiative = """
        { "id": "a-network", "name": "A network", "kind": "network", "aims": [], "themes": ["energy"], "tags": [],
          "summary": "Text.", "source": "tarkade-linnade-klubi", "external": false, "website": null }
        """;

    [Fact]
    public void A_valid_record_has_no_errors() => Assert.Empty(Validate("initiatives", Initiative));

    [Fact]
    public void Each_bad_field_is_named_once_without_the_noise_of_untaken_branches()
    {
        var errors = Validate("initiatives", Initiative
            .Replace("\"website\": null", "\"website\": \"javascript:alert(1)\", \"colour\": \"green\"")
            .Replace("[\"energy\"]", "[\"energy\", \"gardening\"]")
            .Replace("\"kind\": \"network\", ", ""));
        Assert.Equal(["colour", "kind", "themes[1]", "website"], errors.Keys.Order());
        Assert.Equal(["is required"], errors["kind"]);
        Assert.Equal(["is not a field of this record"], errors["colour"]);
    }

    [Theory]
    [InlineData("/0", "record")]
    [InlineData("/0/budget/amount", "budget.amount")]
    [InlineData("/0/themes/1", "themes[1]")]
    [InlineData("/0/kpis/0/name", "kpis[0].name")]
    public void Json_pointers_become_field_names(string pointer, string field) => Assert.Equal(field, RecordSchemas.Field(pointer));

    [Fact]
    public void Not_an_object_and_unknown_kinds()
    {
        Assert.Equal(["record"], Validate("places", "[1]").Keys);
        Assert.Empty(Validate("no-such-kind", "{}"));
        Assert.Null(RecordSchemas.Text("no-such-kind"));
        Assert.Contains("\"items\"", RecordSchemas.Text("practices"));
    }
}
