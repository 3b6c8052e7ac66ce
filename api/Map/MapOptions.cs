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
    /// <summary>Longest CQL2 filter= text, in characters; a longer one is a 400.</summary>
    public int FilterMaxLength { get; set; } = 4000;
    /// <summary>Most conditions, operators and values (each IN value counts) one filter may hold.</summary>
    public int FilterMaxNodes { get; set; } = 200;
    /// <summary>Deepest nesting of parentheses, NOT and spatial functions in a filter (bounds the parser's recursion).</summary>
    public int FilterMaxDepth { get; set; } = 20;

    public Cql2.Cql2Limits FilterLimits() => new(FilterMaxLength, FilterMaxNodes, FilterMaxDepth);
}
