namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>
/// The one place where downloads and /catalog build absolute URLs: by the same trusted rule as the OGC links
/// (Map:PublicBaseUrl, else the server's own address; never a client's Host header).
/// </summary>
public static class DownloadLinks
{
    public static string Root(HttpRequest request) => Map.PublicLinks.Base(request.HttpContext);
}
