using FrontrunnerAtlas.Api.Search;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>What the analyzers make of the words planners type and the sources use.</summary>
public sealed class AnalyzerTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    private static List<string> Folded(string text) => AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, F.Folded, text);

    private static List<string> Stems(string language, string text) =>
        AtlasAnalyzers.Terms(AtlasAnalyzers.For(language), AtlasAnalyzers.TextField(language), text);

    [Theory]
    [InlineData("Kuldīga", "kuldiga")]
    [InlineData("KULDĪGA", "kuldiga")]
    [InlineData("Pärnu", "parnu")]
    [InlineData("Võru", "voru")]
    [InlineData("Šiauliai", "siauliai")]
    [InlineData("Ostrołęka", "ostroleka")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Ķekava", "kekava")]
    [InlineData("Žemaitija", "zemaitija")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ærø", "aero")]
    public void Folding_drops_case_and_diacritics_so_plain_letters_find_the_name(string name, string typed)
    {
        Assert.Equal([typed], Folded(name));
        Assert.Equal(Folded(name), Folded(typed));
    }

    [Fact]
    public void Folding_splits_words_and_does_not_stem()
    {
        Assert.Equal(["bike", "sharing", "system", "in", "tartu"], Folded("Bike-sharing system in Tartu!"));
        Assert.Equal(["bikes", "linnas"], Folded("bikes linnas"));
        Assert.Empty(Folded("!!! -- ***"));
    }

    [Theory]
    // Estonian: the town in the inessive, illative, elative, comitative...
    [InlineData("et", "tart", "Tartu", "Tartus", "Tartusse", "Tartust", "Tartuga")]
    [InlineData("et", "parn", "Pärnu", "pärnus", "Pärnusse", "parnust")]
    [InlineData("et", "linn", "linn", "linna", "linnas", "linnade", "linnadega")]
    [InlineData("et", "rattaringl", "rattaringlus", "rattaringluse", "rattaringlust")]
    [InlineData("et", "planeerim", "planeerimine", "planeerimise")]
    // Lithuanian: nominative, genitive, genitive plural, locative plural, dative plural.
    [InlineData("lt", "miest", "miestas", "miesto", "miestų", "miestuose", "miestams")]
    [InlineData("lt", "siaul", "Šiauliai", "Šiaulių", "Šiauliuose")]
    [InlineData("lt", "gatv", "gatvės", "gatvių", "gatvė")]
    // Polish: singular and plural cases; the town with its ogonek or without.
    [InlineData("pl", "miast", "miasto", "miasta", "miastach", "miastami", "miastom", "miast")]
    [InlineData("pl", "ostrolek", "Ostrołęka", "Ostrołęki", "Ostrołęką", "ostroleka")]
    public void Light_stemmers_bring_inflected_forms_to_one_folded_stem(string language, string stem, params string[] forms)
    {
        foreach (var form in forms) Assert.Equal([stem], Stems(language, form));
    }

    [Theory]
    [InlineData("et", "maja", "maja")]
    [InlineData("et", "majas", "maja")]
    [InlineData("et", "Võrus", "voru")]
    [InlineData("pl", "domu", "domu")]
    [InlineData("pl", "dom", "dom")]
    [InlineData("lt", "namai", "nama")]
    public void A_light_stem_keeps_at_least_four_letters(string language, string word, string stem) =>
        Assert.Equal([stem], Stems(language, word));

    [Theory]
    // Latvian, Finnish and English come with Lucene's own stemmers.
    [InlineData("lv", "energoefektivitāte", "energoefektivitātes")]
    [InlineData("lv", "Kuldīga", "Kuldīgas")]
    [InlineData("fi", "ympäristöohjelma", "ympäristöohjelman")]
    [InlineData("fi", "seuranta", "seurannan")]
    [InlineData("en", "bike", "bikes")]
    [InlineData("en", "city", "cities")]
    [InlineData("en", "sharing", "shared")]
    public void Library_stemmers_make_one_term_of_two_forms(string language, string a, string b)
    {
        var stem = Assert.Single(Stems(language, a));
        Assert.Equal([stem], Stems(language, b));
    }

    [Fact]
    public void Stop_words_of_a_language_are_not_terms()
    {
        Assert.Equal(["bike", "citi"], Stems("en", "the bikes of the cities"));
        // The folded field keeps them: it is language-blind.
        Assert.Equal(5, Folded("the bikes of the cities").Count);
    }

    [Fact]
    public void Each_field_has_the_analyzer_of_its_language_and_others_are_folded()
    {
        var perField = AtlasAnalyzers.PerField();
        Assert.Equal(["linn"], AtlasAnalyzers.Terms(perField, AtlasAnalyzers.TextField("et"), "Linnas"));
        Assert.Equal(["linnas"], AtlasAnalyzers.Terms(perField, F.TitleFolded, "Linnas"));
        Assert.Equal(["kuldiga"], AtlasAnalyzers.Terms(perField, F.PlaceFolded, "Kuldīga"));
        Assert.True(AtlasAnalyzers.Supports("et"));
        Assert.True(AtlasAnalyzers.Supports("lt"));
        Assert.True(AtlasAnalyzers.Supports("pl"));
        Assert.False(AtlasAnalyzers.Supports("xx"));
        Assert.False(AtlasAnalyzers.Supports(null));
    }

    [Theory]
    [InlineData("kuldiga", "lv-kuldiga")]
    [InlineData("KULDĪGA", "lv-kuldiga")]
    [InlineData("rattaringluse", "p-tartu-bikes")]
    [InlineData("miastach", "p-ostroleka-planning")]
    [InlineData("gatvės", "p-kretinga-streets")]
    [InlineData("ympäristöohjelma", "p-salo-monitoring")]
    [InlineData("ostroleka", "p-ostroleka-planning")]
    public void A_planner_finds_the_record_by_a_folded_or_inflected_form(string query, string id)
    {
        var response = corpus.Search(query);
        Assert.Contains(id, response.Hits.Select(h => h.Id));
        Assert.False(response.Fuzzy);
    }
}
