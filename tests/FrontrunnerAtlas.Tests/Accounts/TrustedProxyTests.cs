using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>
/// Served by Kestrel on 127.0.0.1, with 127.0.0.2 (and a network elsewhere) as the trusted proxy: Linux routes all of
/// 127.0.0.0/8 to this machine, so a client bound to 127.0.0.2 is "the proxy" and one on 127.0.0.1 is anybody else,
/// both over real TCP connections.
/// </summary>
public sealed class ProxiedAccountsApp : AccountsApp
{
    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    public ProxiedAccountsApp() => UseKestrel(0);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Protection:TrustedProxies:0"] = "127.0.0.2",
        ["Protection:TrustedProxies:1"] = "10.20.0.0/16",
        ["Protection:ReadPermits"] = "3",
        ["Protection:Window"] = "00:05:00",
    };

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            using var _ = CreateClient(); // starts the server
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    /// <summary>A client whose connections come from <paramref name="from"/>; cookies are left to the test (it reads Set-Cookie).</summary>
    public HttpClient From(IPAddress from) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = Address };
}

/// <summary>
/// Protection:TrustedProxies: X-Forwarded-For, -Proto and -Host count only when the connection comes from a listed
/// proxy. Then the request is HTTPS (a Secure session cookie, https invitation links, the origin passkeys check)
/// and rate limits go by the client address the proxy saw; from anyone else those headers change nothing.
/// </summary>
public sealed class TrustedProxyTests(ProxiedAccountsApp app) : IClassFixture<ProxiedAccountsApp>
{
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string client, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "atlas.example.eu");
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        return request;
    }

    /// <summary>
    /// Through <paramref name="client"/>, with forwarded headers saying https, atlas.example.eu and
    /// <paramref name="forwardedFor"/>: an editor signs in (the session cookie as set) and a reviewer's own key
    /// approves an access request (the invitation link, built from the request as Accounts:PublicUrl is unset).
    /// </summary>
    private async Task<(string SessionCookie, string InvitationUrl)> SignInAndInviteAsync(HttpClient client, string forwardedFor)
    {
        var (email, password) = await app.PersonAsync("editor");
        var login = await client.SendAsync(Forwarded(HttpMethod.Post, "/account/login", forwardedFor, new { email, password }));
        await AccountsApp.ReadAsync(login, HttpStatusCode.OK);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("atlas.session=", StringComparison.Ordinal));

        var reviewer = await app.SignedInAsAsync("reviewer");
        var key = (await AccountsApp.ReadAsync(await reviewer.PostAsJsonAsync("/api/keys", new { name = "proxy test" }), HttpStatusCode.Created))["key"]!.GetValue<string>();
        var asked = await reviewer.PostAsJsonAsync("/api/access-requests", new { name = "Planner", email = AccountsApp.NewEmail("proxied"), role = "editor" });
        var id = (await AccountsApp.ReadAsync(asked, HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        var approved = await AccountsApp.ReadAsync(
            await client.SendAsync(Forwarded(HttpMethod.Post, $"/api/access-requests/{id}/approve", forwardedFor, key: key)), HttpStatusCode.OK);
        return (cookie, approved["invitationUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Through_a_trusted_proxy_the_request_is_https_from_the_client_the_proxy_saw()
    {
        using var proxy = app.From(ProxiedAccountsApp.Proxy);
        // The sign-in cookie is Secure (the browser spoke HTTPS to the proxy), and links made from the request
        // name the proxy's scheme and host.
        var (cookie, invitationUrl) = await SignInAndInviteAsync(proxy, "203.0.113.7");
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("https://atlas.example.eu/account/invitation?token=", invitationUrl);

        // OGC links stay on Map:PublicBaseUrl or the server's own address, whatever the proxy says.
        var landing = await proxy.SendAsync(Forwarded(HttpMethod.Get, "/collections?f=json", "203.0.113.7"));
        Assert.DoesNotContain("atlas.example.eu", await landing.Content.ReadAsStringAsync());

        // Anonymous budgets are the clients', not the proxy's: one client spends its own, another still has its.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", "203.0.113.7"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", "203.0.113.7"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", "203.0.113.8"))).StatusCode);
        // A client that sends an X-Forwarded-For of its own through the proxy (which appends the address it saw)
        // is still judged by that last address: the walk back stops at the first one that is not a listed proxy.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", "198.51.100.1, 203.0.113.7"))).StatusCode);
    }

    [Fact]
    public async Task From_an_untrusted_address_forwarded_headers_change_nothing()
    {
        using var anyone = app.From(IPAddress.Loopback);
        var (cookie, invitationUrl) = await SignInAndInviteAsync(anyone, "203.0.113.9");
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"http://{app.Address.Authority}/account/invitation?token=", invitationUrl);

        // A new X-Forwarded-For on every request does not buy a new budget: all of them are this address's.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anyone.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", $"203.0.113.{20 + i}"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anyone.SendAsync(Forwarded(HttpMethod.Get, "/api/places/ee-tartu/mentorships", "203.0.113.99"))).StatusCode);
    }
}
