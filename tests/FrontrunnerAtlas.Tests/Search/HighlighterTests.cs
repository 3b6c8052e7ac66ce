using FrontrunnerAtlas.Api.Search;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>The fragments a planner sees under each hit: the matched words marked, everything else as text.</summary>
public sealed class HighlighterTests
{
    private static MatchTerms Terms(string query)
    {
        var terms = new MatchTerms();
        QueryBuilder.Build(QueryLanguage.Parse(query), terms);
        return terms;
    }

    private static string? Fragment(string text, string? language, string query) => Highlighter.Fragment(text, language, Terms(query));

    [Theory]
    [InlineData("Tartu runs a bike-sharing system.", "en", "bike", "Tartu runs a <mark>bike</mark>-sharing system.")]
    // Folded: the word typed without diacritics marks the word written with them.
    [InlineData("Kuldīga old town", "lv", "kuldiga", "<mark>Kuldīga</mark> old town")]
    // Stemmed: English and the text's own language mark inflected forms.
    [InlineData("Electric bikes for the city", "en", "bike", "Electric <mark>bikes</mark> for the city")]
    [InlineData("Tartu linnas on rattaringlust kasutanud", "et", "rattaringluse", "Tartu linnas on <mark>rattaringlust</mark> kasutanud")]
    [InlineData("Doświadczenia miast prekursorów", "pl", "miastach", "Doświadczenia <mark>miast</mark> prekursorów")]
    // Prefixes mark every word they start.
    [InlineData("SmartEnCity and smarter streets", "en", "smart*", "<mark>SmartEnCity</mark> and <mark>smarter</mark> streets")]
    // A phrase marks each of its words; several words each.
    [InlineData("A bike-sharing system", null, "\"bike sharing\"", "A <mark>bike</mark>-<mark>sharing</mark> system")]
    [InlineData("central square in Valga", "et", "valga central", "<mark>central</mark> square in <mark>Valga</mark>")]
    // Matched by the folded and the English analyzer at once: still one mark.
    [InlineData("bike", "en", "bike", "<mark>bike</mark>")]
    public void Marks_the_words_the_query_matched(string text, string? language, string query, string expected) =>
        Assert.Equal(expected, Fragment(text, language, query));

    [Fact]
    public void A_stemmed_match_is_marked_only_with_the_analyzer_of_the_texts_language()
    {
        Assert.Null(Fragment("Tartu linnas on rattaringlust kasutanud", "en", "rattaringluse"));
        Assert.Null(Fragment("Tartu linnas on rattaringlust kasutanud", "xx", "rattaringluse"));
    }

    [Theory]
    [InlineData("<b>bike</b> & \"share\" 'it'", "&lt;b&gt;<mark>bike</mark>&lt;/b&gt; &amp; &quot;share&quot; &#39;it&#39;")]
    [InlineData("<mark>Kuldīga</mark>", "&lt;mark&gt;<mark>Kuldīga</mark>&lt;/mark&gt;")]
    [InlineData("<script>alert('kuldiga')</script>", "&lt;script&gt;alert(&#39;<mark>kuldiga</mark>&#39;)&lt;/script&gt;")]
    public void Text_is_escaped_so_that_only_the_marks_are_markup(string text, string expected) =>
        Assert.Equal(expected, Fragment(text, "en", text.Contains("bike") ? "bike" : "kuldiga"));

    [Fact]
    public void Nothing_matched_or_no_text_is_no_fragment()
    {
        Assert.Null(Fragment("Tartu runs a bike-sharing system.", "en", "kuldiga"));
        Assert.Null(Fragment("", "en", "kuldiga"));
        Assert.Null(Highlighter.Fragment(null, "en", Terms("kuldiga")));
    }

    private static readonly string[] Words = Enumerable.Range(0, 100).Select(i => i == 50 ? "Kuldīga" : $"w{i:00}").ToArray();

    [Fact]
    public void A_long_text_is_cut_to_a_window_of_whole_words_from_40_characters_before_the_match()
    {
        // Each wNN word and its space are 4 characters: the match starts at 200, the window at 160 (w40) and runs
        // 180 characters to the end of the word there (w84).
        var fragment = Fragment(string.Join(' ', Words), "lv", "kuldiga");
        Assert.Equal("…" + string.Join(' ', Words[40..50]) + " <mark>Kuldīga</mark> " + string.Join(' ', Words[51..85]) + "…", fragment);
    }

    [Fact]
    public void Only_marks_inside_the_window_are_shown()
    {
        var text = "Kuldīga " + string.Join(' ', Words) + " Kuldīga";
        var fragment = Fragment(text, "lv", "kuldiga")!;
        Assert.StartsWith("<mark>Kuldīga</mark> w00 w01", fragment);
        Assert.EndsWith("…", fragment);
        Assert.Single(fragment.Split("<mark>").Skip(1));
    }
}
