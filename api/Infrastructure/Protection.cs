using System.Net;
using System.Threading.RateLimiting;
using FrontrunnerAtlas.Api.OData;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>Limits and headers that protect the service and its users. Section "Protection" of the configuration.</summary>
public sealed class ProtectionOptions
{
    public const string Section = "Protection";
    /// <summary>Requests per client (IP address) per window on /api/search.</summary>
    public int SearchPermits { get; set; } = 100;
    /// <summary>Requests per client per window on /odata.</summary>
    public int ODataPermits { get; set; } = 100;
    /// <summary>Writes (POST, PUT, PATCH, DELETE) per client per window.</summary>
    public int WritePermits { get; set; } = 30;
    /// <summary>Requests per client per window on OGC API - Features (/collections, /conformance), the map layer.</summary>
    public int MapPermits { get; set; } = 100;
    /// <summary>Requests per client per window on every other read under /api (mentor rankings, nearby places, ...).</summary>
    public int ReadPermits { get; set; } = 100;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Largest request body in bytes (a catalogue import may be larger: ImportBodyBytes).</summary>
    public long MaxBodyBytes { get; set; } = 1_000_000;
    public long ImportBodyBytes { get; set; } = 50_000_000;
    /// <summary>Origins allowed to call the API from a map hosted elsewhere (CORS); empty means same origin only.</summary>
    public string[] CorsOrigins { get; set; } = [];
    /// <summary>Extra sources the web page may connect to or load images from (e.g. a map page that adds layers from elsewhere).</summary>
    public string[] ExtraSources { get; set; } = [];
    /// <summary>
    /// The reverse proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host are believed
    /// (Protection:TrustedProxies): addresses ("10.0.0.7", "::1") or networks ("172.16.0.0/12"). Behind an HTTPS
    /// proxy list it, so that the request counts as HTTPS (the session cookie is Secure, passkeys expect the https
    /// origin) and the client address (rate limits) is the one the proxy saw. Empty (the default): no proxy is
    /// trusted and those headers change nothing, whoever sends them. Only from a listed address, and only the
    /// hops that are listed, walking back from the nearest: a client cannot prepend an address of its choosing.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}

public static class Protection
{

    public static IServiceCollection AddProtection(this IServiceCollection services, IConfiguration config)
    {
        var o = config.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
        services.Configure<ProtectionOptions>(config.GetSection(ProtectionOptions.Section));
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : o.Window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString();
                const string detail = "Too many requests from this client; wait for the time in Retry-After and try again.";
                if (context.HttpContext.Request.Path.StartsWithSegments("/" + ODataSetup.RoutePrefix))
                    await context.HttpContext.Response.WriteAsJsonAsync(ODataErrors.Body("TooManyRequests", detail), ct);
                else if (Localization.PeopleFacing(context.HttpContext.Request.Path))
                {
                    // Said in the person's language: the web shows this detail as it comes.
                    var l = context.HttpContext.Texts();
                    await Results.Problem(statusCode: 429, title: l["Too many requests"], detail: l[detail]).ExecuteAsync(context.HttpContext);
                }
                else
                    await Results.Problem(statusCode: 429, title: "Too many requests", detail: detail).ExecuteAsync(context.HttpContext);
            };
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // A signed-in person or a key has its own budget wherever it asks from; anonymous requests (and
                // failed keys, which stay anonymous) share their address's, so they cannot use up anyone else's.
                var client = http.User.Identity is { IsAuthenticated: true } who
                    ? $"{who.AuthenticationType}:{http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value}"
                    : http.Connection.RemoteIpAddress?.ToString() ?? "local";
                var path = http.Request.Path;
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
                    return Window("w:" + client, o.WritePermits, o.Window);
                if (path.StartsWithSegments("/api/search")) return Window("s:" + client, o.SearchPermits, o.Window);
                if (path.StartsWithSegments("/" + ODataSetup.RoutePrefix)) return Window("o:" + client, o.ODataPermits, o.Window);
                if (path.StartsWithSegments("/collections") || path.StartsWithSegments("/conformance")) return Window("m:" + client, o.MapPermits, o.Window);
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/downloads") || path.StartsWithSegments("/catalog")
                    || path.StartsWithSegments("/schemas") || path.StartsWithSegments("/openapi"))
                    return Window("r:" + client, o.ReadPermits, o.Window);
                // The page's own files and /health (probes must not be turned away).
                return RateLimitPartition.GetNoLimiter("free");
            });
        });
        services.Configure<ForwardedHeadersOptions>(f => TrustOnly(f, o.TrustedProxies));
        // ASP.NET Core's own switch applies forwarded headers from every address (it empties the lists below).
        if (string.Equals(config["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("ASPNETCORE_FORWARDEDHEADERS_ENABLED would believe X-Forwarded-* from any client; " +
                "remove it and list the proxies in Protection:TrustedProxies instead.");
        services.AddCors(c => c.AddDefaultPolicy(p =>
        {
            if (o.CorsOrigins.Length > 0) p.WithOrigins(o.CorsOrigins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("ETag", "Retry-After");
        }));
        return services;
    }

    /// <summary>Forwarded headers from the listed proxies only: addresses and networks, nothing else.</summary>
    private static void TrustOnly(ForwardedHeadersOptions f, string[] trusted)
    {
        f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        // ASP.NET Core trusts loopback by default. Cleared on purpose: the atlas itself listens on 127.0.0.1, so
        // that default would let anyone who reaches it directly (or through a local proxy that passes a client's
        // headers on) claim HTTPS and any client address; a proxy on this machine is listed like any other.
        f.KnownProxies.Clear();
        f.KnownIPNetworks.Clear(); // (the obsolete KnownNetworks is a view of this list)
        foreach (var entry in trusted.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) f.KnownIPNetworks.Add(network);
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address)) f.KnownProxies.Add(address);
            else throw new InvalidOperationException(
                $"Protection:TrustedProxies: '{entry}' is neither an IP address (10.0.0.7) nor a network (10.0.0.0/8).");
        }
        // Every hop is checked against the lists, so a chain of listed proxies (a CDN before nginx) is walked
        // back to the first address that is not one of them: that is the client.
        f.ForwardLimit = null;
    }

    /// <summary>
    /// First in the pipeline: what the trusted proxies forward (scheme, host, client address) is the request's
    /// before anything reads it. Left out when no proxy is listed: with both of its lists empty the middleware
    /// would believe everyone.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var f = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (f.KnownProxies.Count > 0 || f.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
        return app;
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });

    public static WebApplication UseProtection(this WebApplication app)
    {
        var o = app.Configuration.GetSection(ProtectionOptions.Section).Get<ProtectionOptions>() ?? new ProtectionOptions();
        var extra = string.Join(' ', o.ExtraSources);
        // The page loads nothing from elsewhere by default (the basemap ships with it); MapLibre runs its
        // workers from blob: URLs and sets element styles from script.
        var csp = $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {extra}; " +
                  $"connect-src 'self' {extra}; worker-src 'self' blob:; child-src blob:; font-src 'self' data:; object-src 'none'; " +
                  "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        app.Use(async (http, next) =>
        {
            // Set as the answer starts: the exception handler clears the headers of a failed request, and its
            // 500 must carry them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = csp;
                return Task.CompletedTask;
            });
            var limit = http.Request.Path.StartsWithSegments("/api/catalogue/import") ? o.ImportBodyBytes : o.MaxBodyBytes;
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            if (http.Request.ContentLength > limit)
            {
                await Results.Problem(statusCode: (int)HttpStatusCode.RequestEntityTooLarge, title: "Request too large",
                    detail: $"The body is {http.Request.ContentLength} bytes; at most {limit} are accepted here.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        app.UseCors();
        // Who is asking decides whose budget a request spends, so authentication comes before the limits.
        app.UseAuthentication();
        app.UseRateLimiter();
        return app;
    }
}
