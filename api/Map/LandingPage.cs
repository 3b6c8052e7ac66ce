namespace FrontrunnerAtlas.Api.Map;

/// <summary>
/// The API root as OGC API clients (OWSLib, GDAL, QGIS) expect it: "/" answers a JSON landing page to `?f=json`
/// and to any client that does not ask for HTML (with self, conformance, data and service-desc links), while
/// browsers (Accept: text/html) and `?f=html` keep getting the map. The OpenAPI 3 document of the whole API is /openapi/v1.json.
/// </summary>
public static class LandingPage
{
    public const string OpenApiPath = "/openapi/v1.json";

    public static IServiceCollection AddLandingPage(this IServiceCollection services) =>
        // OData's routes describe themselves in $metadata; the OpenAPI document covers the OGC routes and /api/*.
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath is not { } path || !path.StartsWith("odata", StringComparison.OrdinalIgnoreCase));

    public static WebApplication UseLandingPage(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.Path == "/" && HttpMethods.IsGet(http.Request.Method) && WantsJson(http.Request))
            {
                await Results.Json(Body(http), contentType: "application/json").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    public static IEndpointRouteBuilder MapLandingPage(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(OpenApiPath).ExcludeFromDescription();
        return app;
    }

    internal static bool WantsJson(HttpRequest request)
    {
        var f = request.Query["f"].ToString();
        if (f.Length > 0) return f is "json" or "application/json";
        // A browser asks for text/html; API clients ask for JSON or for anything (OWSLib and curl send */*).
        return !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static object Body(HttpContext http)
    {
        var root = PublicLinks.Base(http); // never the request's Host header
        object Link(string href, string rel, string type, string title) => new { href = root + href, rel, type, title };
        return new
        {
            title = "FrontrunnerAtlas",
            description = "Good practices of European municipalities in integrated energy, mobility and spatial planning: places, practices and events as OGC API - Features; everything also as OData v4 at /odata.",
            links = new[]
            {
                Link("/?f=json", "self", "application/json", "This document"),
                Link("/", "alternate", "text/html", "The map"),
                Link("/conformance", "conformance", "application/json", "Conformance classes"),
                Link("/collections", "data", "application/json", "Collections"),
                Link(OpenApiPath, "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API as OpenAPI 3"),
                Link("/odata/$metadata", "describedby", "application/xml", "The OData model"),
            },
        };
    }
}
