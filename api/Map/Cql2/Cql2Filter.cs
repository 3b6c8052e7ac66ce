using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FrontrunnerAtlas.Api.Map.Cql2;

/// <summary>What filter, filter-lang and filter-crs asked for: the parsed filter and its predicate, or the 400 to answer.</summary>
public sealed record Cql2Request(Cql2Predicate? Filter, LambdaExpression? Where, IResult? Problem)
{
    /// <summary>The canonical text (for the cache key): every spelling of one filter gives the same.</summary>
    public string? Canonical => Filter?.ToString();
}

/// <summary>
/// OGC API - Features Part 3 filtering on /collections/{id}/items: filter (CQL2 text), filter-lang and filter-crs,
/// what /conformance claims for them and how the OpenAPI document describes them.
/// </summary>
public static class Cql2Filter
{
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public const string Epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";

    /// <summary>The query parameters of Part 3 that /items takes.</summary>
    public static readonly string[] Parameters = ["filter", "filter-lang", "filter-crs"];

    /// <summary>
    /// filter-lang values: CQL2 text, and "cql-text", its name in the drafts of Part 3, which GDAL up to 3.6
    /// (Debian 12) looks for in the OpenAPI document and sends. JSON (cql2-json) is not taken.
    /// </summary>
    public static readonly string[] Languages = ["cql2-text", "cql-text"];

    private static readonly Dictionary<string, bool> Crs = new(StringComparer.Ordinal)
    {
        // value: whether latitude comes first (EPSG:4326 as EPSG defines it; CRS84 is longitude first).
        [Crs84] = false, ["OGC:CRS84"] = false, [Epsg4326] = true, ["EPSG:4326"] = true,
    };

    /// <summary>Exactly what works: Part 3 filter on features, CQL2 text, basic CQL2, LIKE/BETWEEN/IN and every spatial function with every WKT type.</summary>
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    ];

    /// <summary>Reads the three parameters; a problem names the parameter, and for filter the position.</summary>
    public static Cql2Request Read(IQueryCollection query, string collectionId, MapOptions options)
    {
        foreach (var name in Parameters)
            if (query[name].Count > 1) return Bad(name, $"{name} is given {query[name].Count} times; give it once.");
        var lang = query["filter-lang"].ToString();
        if (lang.Length > 0 && !Languages.Contains(lang))
            return Bad("filter-lang", $"filter-lang: '{lang}' is not supported; the filter language is cql2-text (the default).");
        var crs = query["filter-crs"].ToString();
        if (crs.Length > 0 && !Crs.ContainsKey(crs))
            return Bad("filter-crs", $"filter-crs: '{crs}' is not supported; use {Crs84} (the default, longitude first) or {Epsg4326} (latitude first).");
        var text = query["filter"].ToString();
        if (string.IsNullOrWhiteSpace(text)) return new Cql2Request(null, null, null);
        try
        {
            var filter = Cql2Parser.Parse(text, options.FilterLimits(), crs.Length > 0 && Crs[crs]);
            return new Cql2Request(filter, FeatureQueries.Where(collectionId, filter), null);
        }
        catch (Cql2Exception ex)
        {
            return Bad("filter", ex.Message, ex.Position);
        }
    }

    private static Cql2Request Bad(string parameter, string detail, int? position = null)
    {
        var extensions = new Dictionary<string, object?> { ["parameter"] = parameter };
        if (position is { } p) extensions["position"] = p;
        return new Cql2Request(null, null, Results.Problem(statusCode: 400, title: $"Invalid {parameter}", detail: detail, extensions: extensions));
    }

    /// <summary>
    /// Describes the three parameters on /collections/{collectionId}/items in the OpenAPI document, with the
    /// languages and CRSs as enums: that is where clients such as GDAL learn that the server filters.
    /// </summary>
    public static IServiceCollection AddCql2Filter(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath != "collections/{collectionId}/items") return Task.CompletedTask;
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("filter", "A CQL2 text filter over the collection's queryables, e.g. country = 'EE' AND population > 10000.", null));
            operation.Parameters.Add(Query("filter-lang", "The language of filter: cql2-text (cql-text is its older name).", Languages));
            operation.Parameters.Add(Query("filter-crs", "The CRS of the geometries in filter: CRS84 (longitude first, the default) or EPSG:4326 (latitude first).", [Crs84, Epsg4326]));
            return Task.CompletedTask;
        }));

    private static OpenApiParameter Query(string name, string description, IReadOnlyList<string>? values) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            Default = values is null ? null : JsonValue.Create(values[0]),
        },
    };
}
