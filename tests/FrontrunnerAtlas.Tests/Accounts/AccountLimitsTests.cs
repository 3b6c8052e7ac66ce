using System.Net;
using System.Net.Http.Json;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>Small budgets, served by Kestrel itself (the test server adds no headers of its own, so a Server header would be Kestrel's).</summary>
public sealed class LimitedAccountsApp : AccountsApp
{
    public LimitedAccountsApp() => UseKestrel(0);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Protection:ReadPermits"] = "4",
        ["Protection:Window"] = "00:01:00",
        ["Accounts:AccessRequestPermits"] = "2",
    };
}

public sealed class AccountLimitsTests(LimitedAccountsApp app) : IClassFixture<LimitedAccountsApp>
{
    [Fact]
    public async Task Each_person_has_their_own_budget_and_anonymous_requests_cannot_spend_it()
    {
        // Signing in is not a read under /api, so it spends nothing of the budgets below.
        var first = await app.SignedInAsAsync("reviewer");
        var second = await app.SignedInAsAsync("reviewer");
        var anonymous = app.CreateClient();
        // The same address: anonymous requests use up the address's budget, 401s included.
        for (var i = 0; i < 4; i++) await anonymous.GetAsync("/api/access-requests");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/api/places/ee-tartu/mentorships")).StatusCode);

        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/access-requests")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/access-requests")).StatusCode);
        // The second reviewer, on the same address, still has theirs.
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/access-requests")).StatusCode);
    }

    [Fact]
    public async Task Access_requests_are_rate_limited_per_address()
    {
        var http = app.CreateClient();
        object Body() => new { name = "Planner", email = AccountsApp.NewEmail("limit"), role = "editor" };
        // The other test may have used none or all of this host's budget already: at most two pass, and then it is 429.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await http.PostAsJsonAsync("/api/access-requests", Body())).StatusCode);
        Assert.True(statuses.Count(s => s == HttpStatusCode.Accepted) <= 2);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses.Last());
    }

    [Fact]
    public async Task Password_reset_requests_are_rate_limited_per_address_like_access_requests()
    {
        var http = app.CreateClient();
        // Its own budget of the access requests' size (2 here): the other test's requests spend none of it.
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/account/password-reset", new { email = AccountsApp.NewEmail("reset") })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PostAsJsonAsync("/account/password-reset", new { email = AccountsApp.NewEmail("reset") })).StatusCode);
    }

    [Fact]
    public async Task Answers_name_no_server_and_carry_the_security_headers_also_on_errors()
    {
        var http = app.CreateClient();
        var reviewer = await app.SignedInAsAsync("reviewer");
        app.Failing.On = true;
        HttpResponseMessage failed;
        try { failed = await reviewer.GetAsync("/api/access-requests"); }
        finally { app.Failing.On = false; }
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.True(failed.Headers.CacheControl?.NoStore, "a failed authenticated answer is not stored either");
        foreach (var response in new[]
                 {
                     await http.GetAsync("/account/me"),
                     await http.PostAsJsonAsync("/account/login", new { email = "x@example.eu", password = "wrong wrong wrong" }),
                     await http.GetAsync("/api/places/nowhere/mentorships"),
                     failed,
                 })
        {
            Assert.False(response.Headers.Contains("Server"), $"{response.RequestMessage!.RequestUri} names its server");
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            HttpExtensions.AssertNoInternals(await response.Content.ReadAsStringAsync());
        }
    }
}
