namespace FrontrunnerAtlas.Api.Map;

/// <summary>OGC API - Features paging and links. Section "Map" of the configuration.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";
    /// <summary>Items per page when the client gives no limit.</summary>
    public int DefaultLimit { get; set; } = 100;
    /// <summary>Largest limit a client may ask for; larger values are answered 400, not silently cut.</summary>
    public int MaxLimit { get; set; } = 10000;
    /// <summary>
    /// The public address links are built from ("https://atlas.example.org"); when unset, the server's own
    /// listening address (see PublicLinks). Never taken from a request's Host header.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
