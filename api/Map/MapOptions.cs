namespace FrontrunnerAtlas.Api.Map;

/// <summary>OGC API - Features paging. Section "Map" of the configuration.</summary>
public sealed class MapOptions
{
    public const string Section = "Map";
    /// <summary>Items per page when the client gives no limit.</summary>
    public int DefaultLimit { get; set; } = 100;
    /// <summary>Largest limit a client may ask for; larger values are answered 400, not silently cut.</summary>
    public int MaxLimit { get; set; } = 10000;
}
