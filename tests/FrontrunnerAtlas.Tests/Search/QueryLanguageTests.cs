using FrontrunnerAtlas.Api.Search;
using Lucene.Net.Search;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>The search box language, parsed in process: what each piece of syntax becomes.</summary>
public sealed class QueryLanguageTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    private static QueryClause Word(string text, int position, string? field = null, bool excluded = false) =>
        new(ClauseKind.Word, text, field, excluded, position);

    private static SearchSyntaxException Rejects(string query, int maxLength = 500, int maxClauses = 24) =>
        Assert.Throws<SearchSyntaxException>(() => QueryLanguage.Parse(query, maxLength, maxClauses));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("***")]
    public void Nothing_to_search_for_is_no_clause(string? query) => Assert.Empty(QueryLanguage.Parse(query));

    [Fact]
    public void Words_keep_their_text_and_1_based_positions()
    {
        Assert.Equal([Word("bike", 1), Word("sharing", 7)], QueryLanguage.Parse("bike  sharing"));
        // The parser keeps case and diacritics; the analyzers fold them later.
        Assert.Equal([Word("Kuldīga", 1)], QueryLanguage.Parse("Kuldīga"));
    }

    [Fact]
    public void Phrases_prefixes_fields_and_exclusions()
    {
        Assert.Equal(
        [
            new QueryClause(ClauseKind.Phrase, "central square", null, false, 1),
            Word("valga", 18, excluded: true),
            new QueryClause(ClauseKind.Prefix, "smart", null, false, 25),
            Word("handbook", 32, field: "title"),
            new QueryClause(ClauseKind.Phrase, "old town", "place", true, 47),
        ], QueryLanguage.Parse("\"central square\" -valga smart* title:handbook -place:\" old town \""));
    }

    [Theory]
    [InlineData("TITLE:handbook", "title")]
    [InlineData("Place:kuldiga", "place")]
    public void Field_names_ignore_case(string query, string field) => Assert.Equal(field, Assert.Single(QueryLanguage.Parse(query)).Field);

    [Theory]
    // Nothing after the colon, or an unknown field: plain text.
    [InlineData("title:", "title:")]
    [InlineData("name:foo", "name:foo")]
    // A hyphen inside or at the end of a word is text; only a leading one excludes.
    [InlineData("bike-sharing", "bike-sharing")]
    [InlineData("e-", "e-")]
    // A lone hyphen is a word (that analyses to nothing), not an exclusion of the next word.
    [InlineData("-", "-")]
    // Lucene's own syntax has no meaning here.
    [InlineData("foo~2", "foo~2")]
    [InlineData("name:foo^3", "name:foo^3")]
    [InlineData("(a", "(a")]
    public void Everything_else_is_plain_text(string query, string text)
    {
        var clause = Assert.Single(QueryLanguage.Parse(query));
        Assert.Equal(ClauseKind.Word, clause.Kind);
        Assert.Equal(text, clause.Text);
        Assert.False(clause.Excluded);
    }

    [Fact]
    public void Stars_make_a_prefix_only_at_the_end_of_a_word()
    {
        Assert.Equal([new QueryClause(ClauseKind.Prefix, "smart", null, false, 1)], QueryLanguage.Parse("smart**"));
        Assert.Equal([Word("smart", 1)], QueryLanguage.Parse("*smart"));
        Assert.Equal([Word("sm*rt", 1)], QueryLanguage.Parse("sm*rt"));
    }

    [Fact]
    public void A_quote_ends_a_word_and_starts_a_phrase()
    {
        Assert.Equal([Word("bike", 1), new QueryClause(ClauseKind.Phrase, "sharing", null, false, 5)], QueryLanguage.Parse("bike\"sharing\""));
        Assert.Equal([Word("x", 1, excluded: true), Word("y", 4)], QueryLanguage.Parse("-x y"));
        Assert.Equal([Word("-x", 1, excluded: true)], QueryLanguage.Parse("--x"));
    }

    [Fact]
    public void Control_characters_and_unpaired_surrogates_separate_words_and_emoji_stay()
    {
        Assert.Equal([Word("a", 1), Word("b", 3)], QueryLanguage.Parse("a\0b"));
        Assert.Equal([Word("x", 2)], QueryLanguage.Parse("\ud800x"));
        Assert.Equal([Word("x", 1)], QueryLanguage.Parse("x\udc00"));
        Assert.Equal([Word("😀😀", 1)], QueryLanguage.Parse("😀😀"));
    }

    [Fact]
    public void An_unclosed_quote_is_explained_with_its_position()
    {
        var ex = Rejects("bike \"sharing system");
        Assert.Equal("The quote opened at position 6 is not closed.", ex.Message);
        Assert.Equal(6, ex.Position);
        Assert.Equal(10, Rejects("title:x -\"y").Position);
        Assert.Equal(1, Rejects("\"").Position);
    }

    [Fact]
    public void A_query_past_the_length_limit_is_explained()
    {
        Assert.Single(QueryLanguage.Parse(new string('a', 500)));
        var ex = Rejects(new string('a', 501));
        Assert.Equal("The query is 501 characters long; at most 500 are allowed.", ex.Message);
        Assert.Equal(501, ex.Position);
        Assert.Equal(11, Rejects("0123456789x", maxLength: 10).Position);
    }

    [Fact]
    public void Too_many_clauses_are_explained_at_the_first_one_too_many()
    {
        Assert.Equal(24, QueryLanguage.Parse(string.Join(' ', Enumerable.Repeat("x", 24))).Count);
        var ex = Rejects(string.Join(' ', Enumerable.Repeat("x", 30)));
        Assert.Equal("The query has more than 24 words, phrases or prefixes.", ex.Message);
        Assert.Equal(49, ex.Position); // the 25th x
        Assert.Equal(5, Rejects("a b c", maxClauses: 2).Position);
        // Empty phrases and bare stars are no clauses, so they do not count.
        Assert.Equal(2, QueryLanguage.Parse("a \"\" * b", maxClauses: 2).Count);
    }

    // ---- QueryBuilder: what the clauses become in Lucene ----

    private static readonly string[] FoldedAndLatvian = [F.Folded, AtlasAnalyzers.TextField("lv")];

    private static (BooleanQuery Query, MatchTerms Terms) Build(string query, string[]? fields = null)
    {
        var terms = new MatchTerms();
        return ((BooleanQuery)QueryBuilder.Build(QueryLanguage.Parse(query), terms, fields), terms);
    }

    [Fact]
    public void A_word_is_searched_in_every_language_field_and_the_title_which_weighs_double()
    {
        var (query, terms) = Build("Kuldīgas", FoldedAndLatvian);
        Assert.Equal("+(folded:kuldigas text_lv:kuldīg title_f:kuldigas^2.0)", query.ToString());
        Assert.Equal(new HashSet<(string, string)> { ("folded", "kuldigas"), ("text_lv", "kuldīg"), ("title_f", "kuldigas") }, terms.Terms);
    }

    [Fact]
    public void Fields_phrases_exclusions_and_prefixes()
    {
        Assert.Equal("+(place_f:kuldiga)", Build("place:Kuldīga", FoldedAndLatvian).Query.ToString());
        Assert.Equal("+(title_f:\"central square\"^2.0)", Build("title:\"Central Square\"").Query.ToString());
        // A word the tokenizer splits is a phrase of its parts.
        Assert.Equal("+(folded:\"bike sharing\" title_f:\"bike sharing\"^2.0)", Build("bike-sharing", [F.Folded]).Query.ToString());
        // Only exclusions: everything but them.
        Assert.Equal("-(folded:valga title_f:valga^2.0) +*:*", Build("-valga", [F.Folded]).Query.ToString());
        var (prefix, terms) = Build("title:bike-sh*");
        Assert.Equal("+(+title_f:bike +title_f:sh*)", prefix.ToString());
        Assert.Equal([("title_f", "sh")], terms.Prefixes);
        Assert.Equal([("title_f", "bike")], terms.Terms);
    }

    [Fact]
    public void A_word_of_punctuation_alone_matches_nothing_and_excludes_nothing()
    {
        Assert.Empty(Build("!!! tartu").Query.Clauses);
        Assert.Equal("+*:*", Build("-!!!").Query.ToString());
        Assert.Equal("+(folded:tartu title_f:tartu^2.0)", Build("tartu -!!!", [F.Folded]).Query.ToString());
    }

    [Theory]
    [InlineData("a*", "'a*' at position 1: a prefix needs at least 2 letters before the *.", 1)]
    [InlineData("bike ä*", "'ä*' at position 6: a prefix needs at least 2 letters before the *.", 6)]
    [InlineData("-e-*", "'e-*' at position 1: a prefix needs at least 2 letters before the *.", 1)]
    [InlineData("title:bike-s*", "'bike-s*' at position 1: a prefix needs at least 2 letters before the *.", 1)]
    public void A_one_letter_prefix_is_explained(string query, string message, int position)
    {
        var ex = Assert.Throws<SearchSyntaxException>(() => Build(query));
        Assert.Equal(message, ex.Message);
        Assert.Equal(position, ex.Position);
    }

    // ---- The language at work, on a small index ----

    [Fact]
    public void On_an_index_all_words_must_match_phrases_keep_order_and_exclusions_remove()
    {
        Assert.Equal(["p-elva-square", "p-valga-square"], corpus.Ids("central square").Order());
        Assert.Equal(["p-valga-square"], corpus.Ids("central square valga"));
        Assert.Equal(["p-elva-square"], corpus.Ids("central square -valga"));
        Assert.Empty(corpus.Ids("\"square central\""));
        Assert.Equal(["p-tartu-bikes"], corpus.Ids("title:bike"));
        Assert.Equal(["e-tartu-club", "p-tartu-bikes"], corpus.Ids("place:tartu").Order());
        Assert.Equal(["p-kretinga-streets"], corpus.Ids("kretin*"));
        Assert.Equal(SearchCorpus.Records.Length, corpus.Ids("-nothingatall").Count);
    }

    [Fact]
    public void On_an_index_a_typo_is_forgiven_and_named()
    {
        var typo = corpus.Search("kuldgia");
        Assert.True(typo.Fuzzy);
        Assert.Equal("kuldiga", typo.DidYouMean);
        Assert.Equal("lv-kuldiga", typo.Hits[0].Id);
        // A short word is allowed one edit only.
        var far = corpus.Search("valxx");
        Assert.Equal(0, far.Total);
        Assert.False(far.Fuzzy);
        Assert.Null(far.DidYouMean);
    }
}
