using System.Net;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Curation;

public sealed class LimitedApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Protection:SearchPermits"] = "5",
        ["Protection:ODataPermits"] = "5",
        ["Protection:Window"] = "00:01:00",
        ["Protection:MaxBodyBytes"] = "1000",
        ["Protection:CorsOrigins:0"] = "https://maps.example.org",
    };
}

/// <summary>Rate limits, body limits, security headers and CORS as a client meets them.</summary>
public sealed class ProtectionTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    [Fact]
    public async Task Too_many_searches_from_one_client_are_429_with_Retry_After()
    {
        var http = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await http.GetAsync($"/api/search?q=tartu{i}")).StatusCode);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        var limited = await http.GetAsync("/api/search?q=more");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("Retry-After", await limited.Content.ReadAsStringAsync());
        // The map layer is not search: it still answers.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/collections/places/items")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var response = await app.CreateClient().PostAsync("/api/places", new StringContent(new string('x', 5000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_content_security_policy()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
    }

    [Fact]
    public async Task CORS_allows_the_configured_origin_only()
    {
        var http = app.CreateClient();
        var allowed = new HttpRequestMessage(HttpMethod.Get, "/collections");
        allowed.Headers.Add("Origin", "https://maps.example.org");
        Assert.Equal("https://maps.example.org", (await http.SendAsync(allowed)).Headers.GetValues("Access-Control-Allow-Origin").Single());
        var other = new HttpRequestMessage(HttpMethod.Get, "/collections");
        other.Headers.Add("Origin", "https://evil.example.com");
        Assert.False((await http.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }
}
