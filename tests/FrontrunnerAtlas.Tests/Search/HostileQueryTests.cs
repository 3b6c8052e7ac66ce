using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Search;

/// <summary>Any q at all is a 200 or a 400 that explains itself; never a 500.</summary>
public sealed class HostileQueryTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private static readonly string[] Hostile =
    [
        "\"", "\"\"", "\"\"\"", "-", "--", "-\"", "*", "**", "a*", "-*", "title:", "place:", "title:\"", "title:*", "place:-x",
        "(", ")", "[", "]", "{", "}", "~", "^", "!", "&&", "||", "\\", "/", "/.*/", "AND OR NOT", "field:", ":", "::",
        "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\0", "\u0001\u0002", "\ud800", "\udc00x", "😀😀😀", "ä*", "e-*",
        new string('a', 499), new string('a', 501), string.Join(' ', Enumerable.Repeat("x", 30)), "\"a b c d e f g h i j\"~3",
        "name:foo^3", "foo~2", "*foo", "?oo", "foo?", "+foo", "title:title:title", "- - -", "\"-\"", "a -a", "-a",
    ];

    [Fact]
    public async Task Thousands_of_random_and_hostile_queries_never_fail_the_server()
    {
        var http = app.CreateClient();
        var random = new Random(20261123);
        const string alphabet = "abcdeéäõšžł ąęėīū-*\"():^~?!/\\[]{}+&|'<>%;0123456789 \t\n\u0000\u200b😀ÄÖÜ";
        var queries = new List<string>(Hostile);
        for (var i = 0; i < 3000; i++)
        {
            var length = random.Next(0, i % 100 == 0 ? 700 : 40);
            var sb = new StringBuilder();
            for (var c = 0; c < length; c++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            queries.Add(sb.ToString());
        }
        var statuses = new Dictionary<HttpStatusCode, int>();
        foreach (var q in queries)
        {
            var response = await http.GetAsync("/api/search?size=5&q=" + Uri.EscapeDataString(q));
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest,
                $"q={q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
            }
        }
        // Most random input is simply searched.
        Assert.True(statuses[HttpStatusCode.OK] > queries.Count / 2);
    }
}
