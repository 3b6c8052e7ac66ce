using System.Text.Json;
using System.Text.Json.Serialization;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// Enum values in JSON as the catalogue files spell them (snake_case, see QueryValues.Snake), for every JSON API
/// outside /odata; OData writes its own enum member names and does not use these options.
/// </summary>
public sealed class SnakeEnumNaming : JsonNamingPolicy
{
    public static readonly SnakeEnumNaming Instance = new();

    public override string ConvertName(string name) => Catalogue.Validator.Snake(name);

    /// <summary>A converter writing every enum value in snake_case ("spatial_planning", not "SpatialPlanning" or 2).</summary>
    public static JsonStringEnumConverter Converter() => new(Instance, allowIntegerValues: false);
}
