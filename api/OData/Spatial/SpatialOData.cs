using System.Text.Json;
using FrontrunnerAtlas.Api.Places;
using Microsoft.AspNetCore.OData.Edm;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.OData.Spatial;

/// <summary>
/// Places' point as OData's Edm.GeographyPoint, with geo.distance and geo.intersects in $filter, $orderby and $compute.
/// Microsoft.AspNetCore.OData has no NetTopologySuite support, so the model, the binders and the serializer are
/// taught here, and only here.
/// </summary>
public static class SpatialOData
{
    /// <summary>
    /// Declares Place.Location as Edm.GeographyPoint. The model builder would describe an NTS Point as a complex
    /// type of its internals, so the property is ignored there and added to the built model, bound to the same
    /// CLR property that EF Core reads from the column; the type mapper tells the query binders ($select) that
    /// this CLR type is that Edm type.
    /// </summary>
    public static void AddLocation(IEdmModel model)
    {
        var place = (EdmEntityType)model.FindDeclaredType($"Atlas.{nameof(Place)}");
        var location = place.AddStructuralProperty(nameof(Place.Location), EdmPrimitiveTypeKind.GeographyPoint, isNullable: true);
        model.SetAnnotationValue(location, new ClrPropertyInfoAnnotation(typeof(Place).GetProperty(nameof(Place.Location))!));
        model.SetTypeMapper(new SpatialTypeMapper());
    }

    /// <summary>Route services of the OData endpoint: the spatial binders and the point serializer.</summary>
    public static IServiceCollection AddSpatialOData(this IServiceCollection services) => services
        .AddSingleton<IFilterBinder, SpatialFilterBinder>()
        .AddSingleton<IOrderByBinder, SpatialOrderByBinder>()
        .AddSingleton<ISelectExpandBinder, SpatialSelectExpandBinder>()
        .AddSingleton<IComputeBinder, SpatialComputeBinder>()
        .AddSingleton<ODataPrimitiveSerializer, SpatialPrimitiveSerializer>();

    /// <summary>A GeoJSON point of an OData answer as a CSV cell: WKT, longitude first, the numbers exactly as in the JSON.</summary>
    public static string? Wkt(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Point"
        && value.TryGetProperty("coordinates", out var xy) && xy.ValueKind == JsonValueKind.Array && xy.GetArrayLength() >= 2
        && xy.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number)
            ? $"POINT ({string.Join(' ', xy.EnumerateArray().Select(n => n.GetRawText()))})"
            : null;
}

/// <summary>OData's CLR-to-Edm type map, with a NetTopologySuite point as Edm.GeographyPoint and back.</summary>
public sealed class SpatialTypeMapper : DefaultODataTypeMapper
{
    private static readonly IEdmPrimitiveTypeReference GeographyPoint = EdmCoreModel.Instance.GetSpatial(EdmPrimitiveTypeKind.GeographyPoint, isNullable: true);

    public override IEdmPrimitiveTypeReference GetEdmPrimitiveType(Type clrType) =>
        clrType == typeof(Point) ? GeographyPoint : base.GetEdmPrimitiveType(clrType);

    // Both ways, or the binders take the point for a type to convert (as they convert uint to long).
    public override Type GetClrPrimitiveType(IEdmPrimitiveType primitiveType, bool nullable) =>
        primitiveType?.PrimitiveKind == EdmPrimitiveTypeKind.GeographyPoint ? typeof(Point) : base.GetClrPrimitiveType(primitiveType, nullable);
}

/// <summary>Writes a NetTopologySuite point (what EF Core reads) as the Microsoft.Spatial point OData's writer knows.</summary>
public sealed class SpatialPrimitiveSerializer : ODataPrimitiveSerializer
{
    public override ODataPrimitiveValue CreateODataPrimitiveValue(object graph, IEdmPrimitiveTypeReference primitiveType, ODataSerializerContext writeContext) =>
        base.CreateODataPrimitiveValue(graph is Point point && primitiveType.PrimitiveKind() == EdmPrimitiveTypeKind.GeographyPoint
            ? Microsoft.Spatial.GeographyPoint.Create(Microsoft.Spatial.CoordinateSystem.Geography(point.SRID), point.Y, point.X, null, null)
            : graph, primitiveType, writeContext);
}
