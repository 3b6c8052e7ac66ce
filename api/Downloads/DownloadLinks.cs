namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>
/// The one place where downloads and /catalog build absolute URLs: from the request's scheme, host and path base.
/// When link building becomes trusted (forwarded headers, a configured public URL), only this changes.
/// </summary>
public static class DownloadLinks
{
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
