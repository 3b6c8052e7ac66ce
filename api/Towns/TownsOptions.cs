namespace FrontrunnerAtlas.Api.Towns;

/// <summary>The gazetteer's API. Section "Towns" of the configuration.</summary>
public sealed class TownsOptions
{
    public const string Section = "Towns";
    /// <summary>Towns per /api/towns answer when the client gives no limit.</summary>
    public int DefaultLimit { get; set; } = 10;
    /// <summary>Largest limit; a larger one is a 400, not silently cut.</summary>
    public int MaxLimit { get; set; } = 100;
    /// <summary>Longest q, in characters.</summary>
    public int MaxQueryLength { get; set; } = 100;
    /// <summary>Catalogue places listed with a town (/api/towns/{geonamesId}) without ?places=, and the most it may ask for.</summary>
    public int NearestPlaces { get; set; } = 5;
    public int MaxNearestPlaces { get; set; } = 50;
    /// <summary>
    /// How often an instance asks PostgreSQL whether the gazetteer was reloaded (towns import); its name index
    /// is then rebuilt in the background while the old one keeps answering.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Deepest zoom of the town label tiles (/tiles/towns/{z}/{x}/{y}.mvt); the map over-zooms beyond.</summary>
    public int TileMaxZoom { get; set; } = 14;
    /// <summary>Most towns in one tile (the largest are kept), so that no tile grows large wherever it is.</summary>
    public int TileMaxTowns { get; set; } = 1000;
    /// <summary>Cache-Control max-age of a tile: the gazetteer is reference data that changes with a reload only.</summary>
    public TimeSpan TileMaxAge { get; set; } = TimeSpan.FromDays(1);
}
