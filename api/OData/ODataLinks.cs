using FrontrunnerAtlas.Api.Map;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>
/// OData writes absolute links (@odata.context, @odata.nextLink, @odata.id) from the request's scheme, Host and path
/// base. Under /odata those are set to the public base (Map:PublicBaseUrl, else the server's own address; see
/// <see cref="PublicLinks"/>) before OData runs, so a client's Host header never reaches a link, as on the OGC routes.
/// </summary>
public static class ODataLinks
{
    public static WebApplication UseODataPublicLinks(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/" + ODataSetup.RoutePrefix)
                && Uri.TryCreate(PublicLinks.Base(http), UriKind.Absolute, out var at))
            {
                http.Request.Scheme = at.Scheme;
                http.Request.Host = at.IsDefaultPort ? new HostString(at.Host) : new HostString(at.Host, at.Port);
                http.Request.PathBase = at.AbsolutePath.TrimEnd('/');
            }
            return next(http);
        });
        return app;
    }
}
