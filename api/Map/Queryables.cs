using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>A queryable property of a collection as JSON Schema describes it (OGC API - Features Part 3).</summary>
public sealed record Queryable(string Name, string Title, string Type, string? Format = null, IReadOnlyList<string>? Enum = null);

/// <summary>
/// The queryables of each collection: the scalar feature properties sortby takes (FeatureQueries holds the
/// same names with their columns; a test keeps the two lists equal), plus the point geometry.
/// </summary>
public static class Queryables
{
    public const string Rel = "http://www.opengis.net/def/rel/ogc/1.0/queryables";
    public const string SchemaJson = "application/schema+json";

    private static readonly IReadOnlyList<string> Roles = Enum.GetValues<PlaceRole>().Select(QueryValues.Snake).ToList();
    private static readonly IReadOnlyList<string> Kinds = Enum.GetValues<PlaceKind>().Select(QueryValues.Snake).ToList();

    public static IReadOnlyList<Queryable> For(string collectionId) => collectionId switch
    {
        "places" =>
        [
            new("name", "Name (English)", "string"),
            new("localName", "Name in the local language", "string"),
            new("kind", "Kind of place", "string", Enum: Kinds),
            new("country", "Country (ISO 3166-1 alpha-2)", "string"),
            new("population", "Inhabitants", "integer"),
            new("role", "Role in the networks", "string", Enum: Roles),
            new("practiceCount", "Number of practices", "integer"),
            new("integratedCount", "Number of integrated practices (two or more themes)", "integer"),
        ],
        "practices" =>
        [
            new("title", "Title (English)", "string"),
            new("localTitle", "Title in the local language", "string"),
            new("language", "Language of the source (ISO 639-1)", "string"),
            new("isIntegrated", "Integrated (two or more themes)", "boolean"),
            new("placeId", "Id of the place", "string"),
            new("placeName", "Name of the place", "string"),
            new("initiativeId", "Id of the initiative", "string"),
        ],
        "events" =>
        [
            new("title", "Title (English)", "string"),
            new("localTitle", "Title in the local language", "string"),
            new("startDate", "First day", "string", Format: "date"),
            new("endDate", "Last day", "string", Format: "date"),
            new("virtual", "Held online", "boolean"),
            new("initiativeId", "Id of the initiative", "string"),
            new("hostPlaceId", "Id of the host place", "string"),
            new("locationLabel", "Where, as the source says it", "string"),
        ],
        _ => [],
    };

    /// <summary>The JSON Schema document of /collections/{id}/queryables.</summary>
    public static Dictionary<string, object?> Schema(string collectionId, string title, string selfUrl)
    {
        var properties = new Dictionary<string, object?> { ["geometry"] = new Dictionary<string, object?> { ["format"] = "geometry-point" } };
        foreach (var q in For(collectionId))
        {
            var p = new Dictionary<string, object?> { ["title"] = q.Title, ["type"] = q.Type };
            if (q.Format is not null) p["format"] = q.Format;
            if (q.Enum is not null) p["enum"] = q.Enum;
            properties[q.Name] = p;
        }
        return new Dictionary<string, object?>
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = selfUrl,
            ["type"] = "object",
            ["title"] = title,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }
}
