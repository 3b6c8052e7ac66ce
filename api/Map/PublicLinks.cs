using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>The base of every absolute link the OGC API and the landing page write.</summary>
public static class PublicLinks
{
    /// <summary>
    /// The rule: Map:PublicBaseUrl when it is set (behind a proxy or under a public name, set it); otherwise the
    /// server's own listening address (https preferred, a wildcard host written as localhost). Never the request's
    /// Host header or X-Forwarded-* headers: a client must not be able to put its own host into our links.
    /// </summary>
    public static string Base(HttpContext http)
    {
        var configured = http.RequestServices.GetService<IOptions<MapOptions>>()?.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var addresses = http.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var listening = addresses?.OrderByDescending(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        // The in-process test server has no address.
        if (listening is null) return "http://localhost" + http.Request.PathBase;
        listening = listening.Replace("://+", "://localhost").Replace("://*", "://localhost");
        if (!Uri.TryCreate(listening, UriKind.Absolute, out var uri)) return "http://localhost" + http.Request.PathBase;
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}{http.Request.PathBase}";
    }
}
