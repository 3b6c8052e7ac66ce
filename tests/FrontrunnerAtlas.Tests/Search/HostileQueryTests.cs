using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Search;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>
/// Any q at all is searched or rejected with the parser's own explanation, never another error. In process:
/// /api/search answers a <see cref="SearchSyntaxException"/> with a 400 problem carrying its message and
/// position, and anything else that escapes the search with a 500; so a q is handled well exactly when the
/// search either returns or throws that exception with a message a person can act on.
/// </summary>
public sealed class HostileQueryTests(SearchCorpus corpus) : IClassFixture<SearchCorpus>
{
    private static readonly string[] Hostile =
    [
        "\"", "\"\"", "\"\"\"", "-", "--", "-\"", "*", "**", "a*", "-*", "title:", "place:", "title:\"", "title:*", "place:-x",
        "(", ")", "[", "]", "{", "}", "~", "^", "!", "&&", "||", "\\", "/", "/.*/", "AND OR NOT", "field:", ":", "::",
        "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\0", "\u0001\u0002", "\ud800", "\udc00x", "😀😀😀", "ä*", "e-*",
        new string('a', 499), new string('a', 501), string.Join(' ', Enumerable.Repeat("x", 30)), "\"a b c d e f g h i j\"~3",
        "name:foo^3", "foo~2", "*foo", "?oo", "foo?", "+foo", "title:title:title", "- - -", "\"-\"", "a -a", "-a",
    ];

    private const string Alphabet = "abcdeéäõšžł ąęėīū-*\"():^~?!/\\[]{}+&|'<>%;0123456789 \t\n\u0000\u200b😀ÄÖÜ";

    // Pieces of the query language and of other query languages, to be strung together.
    private static readonly string[] Pieces =
    [
        "title:", "place:", "-", "\"", "*", "a", "ab", "bike", "Kuldīga", "rattaringluse", "miastach", "central", "square",
        "e-", "ä", "😀", "\u0000", "\ud800", "(", ")", "~2", "^3", "AND", "OR", "NOT", "\\", "-\"", "title:\"", "x*", "sm*rt",
    ];

    /// <summary>The hostile list, 3,000 random strings (every 100th up to 700 long) and 2,000 strings of pieces.</summary>
    private static IEnumerable<string> Queries()
    {
        var random = new Random(20261123);
        foreach (var q in Hostile) yield return q;
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, i % 100 == 0 ? 700 : 40);
            var sb = new StringBuilder();
            for (var c = 0; c < length; c++) sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            yield return sb.ToString();
        }
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 30); n > 0; n--) sb.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            yield return sb.ToString();
        }
    }

    /// <summary>What the parser and query builder make of q (in the fields of every language): a Lucene query, or their explanation.</summary>
    internal static SearchSyntaxException? Interpret(string q)
    {
        try
        {
            var clauses = QueryLanguage.Parse(q, SearchCorpus.Options.MaxQueryLength, SearchCorpus.Options.MaxClauses);
            var query = QueryBuilder.Build(clauses, new MatchTerms());
            Assert.NotNull(query.ToString());
            return null;
        }
        catch (SearchSyntaxException ex)
        {
            return ex;
        }
    }

    private static readonly string[] Internals = ["Exception", "   at ", "System.", "Lucene", "FrontrunnerAtlas", "Stack"];

    /// <summary>A message for a person: a sentence that names no internals, with a position inside q.</summary>
    internal static void AssertExplains(SearchSyntaxException ex, string q)
    {
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.EndsWith(".", ex.Message);
        Assert.DoesNotContain(ex.Message, char.IsControl);
        foreach (var word in Internals) Assert.DoesNotContain(word, ex.Message);
        Assert.InRange(ex.Position, 1, q.Length);
        // The service's last line of defence would answer it as the endpoint does: a 400 with the same message.
        Assert.Equal((400, "Invalid search query", ex.Message), AtlasExceptionHandler.Classify(ex));
    }

    private static string Show(string q) => q.Length > 80 ? $"{q[..80]}... ({q.Length} chars)" : q;

    /// <summary>Runs the check on every query and fails with the first few queries it threw on, by name.</summary>
    private static void ForEach(IEnumerable<string> queries, Action<string> check)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var q in queries)
        {
            count++;
            try { check(q); }
            catch (Exception ex) { failures.Add($"q={Show(q)}: {ex.GetType().Name}: {ex.Message}"); }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} queries failed:\n{string.Join("\n", failures.Take(10))}");
    }

    [Fact]
    public void Thousands_of_random_and_hostile_queries_parse_into_a_query_or_are_explained()
    {
        var parsed = 0;
        var explained = new Dictionary<string, int>();
        ForEach(Queries(), q =>
        {
            if (Interpret(q) is not { } ex) { parsed++; return; }
            AssertExplains(ex, q);
            var kind = ex.Message.Contains("not closed") ? "quote" : ex.Message.Contains("characters long") ? "length"
                : ex.Message.Contains("more than") ? "clauses" : ex.Message.Contains("prefix needs") ? "prefix" : ex.Message;
            explained[kind] = explained.GetValueOrDefault(kind) + 1;
        });
        // Every kind of explanation was met, and most input is simply a query.
        Assert.Equal(["clauses", "length", "prefix", "quote"], explained.Keys.Order());
        Assert.True(parsed > (parsed + explained.Values.Sum()) / 2, $"only {parsed} parsed, {string.Join(", ", explained)}");
    }

    [Fact]
    public void The_search_itself_answers_or_explains_the_same_way()
    {
        // The whole search (typo retry, highlights, facets) on the hostile list and every 10th generated query:
        // most random input finds nothing and is retried with typo tolerance, which costs far more than parsing.
        ForEach(Queries().Where((_, i) => i < Hostile.Length || i % 10 == 0), q =>
        {
            var expected = Interpret(q);
            SearchSyntaxException? actual = null;
            try { corpus.Service.Search(SearchCorpus.Request(q, size: 5)); }
            catch (SearchSyntaxException ex) { actual = ex; }
            Assert.Equal(expected?.Message, actual?.Message);
            Assert.Equal(expected?.Position, actual?.Position);
        });
    }
}

/// <summary>The same contract over HTTP for a handful of cases: a 200, or a 400 problem that explains itself.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class HostileQueryHttpTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    private Task<HttpResponseMessage> Get(string q) => _http.GetAsync("/api/search?size=5&q=" + Uri.EscapeDataString(q));

    [Fact]
    public async Task Hostile_text_is_searched()
    {
        foreach (var q in new[] { "<script>alert(1)</script>", "' OR 1=1 --", "\0\u0001 title:*", "😀😀😀 -\"\" place:-x", "AND OR NOT (foo~2)^3" })
        {
            var response = await Get(q);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"q={q}: {(int)response.StatusCode} {body}");
            Assert.NotNull(JsonNode.Parse(body)!["total"]);
        }
    }

    public static TheoryData<string> Rejected => new()
    {
        "\"", "bike \"sharing", "a*", "kuldiga ä*", new string('a', 501), string.Join(' ', Enumerable.Repeat("x", 30)),
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task A_rejected_query_is_a_problem_with_the_parsers_explanation(string q)
    {
        var expected = HostileQueryTests.Interpret(q)!;
        var response = await Get(q);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal("Invalid search query", problem["title"]!.GetValue<string>());
        Assert.Equal(expected.Message, problem["detail"]!.GetValue<string>());
        Assert.Equal(expected.Position, problem["position"]!.GetValue<int>());
        HttpExtensions.AssertNoInternals(body);
        Assert.DoesNotContain("Exception", body);
    }
}
