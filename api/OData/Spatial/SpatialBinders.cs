using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace FrontrunnerAtlas.Api.OData.Spatial;

// Microsoft.AspNetCore.OData binds no geo.* function (it knows nothing of NetTopologySuite), so these binders
// add geo.distance and geo.intersects to $filter, $orderby and $compute. The OData parser has already checked the
// arguments' types against $metadata (a GeographyPoint property, a geography literal); what is bound here is
// NetTopologySuite calls on Geography.Of(property), which Npgsql turns into PostGIS geography SQL.

/// <summary>$filter (also inside $expand and $apply=filter) with geo.distance and geo.intersects.</summary>
public sealed class SpatialFilterBinder : FilterBinder
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        GeoFunctions.Bind(node, n => Bind(n, context)) ?? base.BindSingleValueFunctionCallNode(node, context);

    public override Expression BindBinaryOperatorNode(BinaryOperatorNode node, QueryBinderContext context) =>
        GeoFunctions.BindWithin(node, n => Bind(n, context)) ?? base.BindBinaryOperatorNode(node, context);
}

/// <summary>$orderby=geo.distance(Location, geography'…') asc|desc.</summary>
public sealed class SpatialOrderByBinder : OrderByBinder
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        GeoFunctions.Bind(node, n => Bind(n, context)) ?? base.BindSingleValueFunctionCallNode(node, context);
}

/// <summary>$compute=geo.distance(Location, geography'…') as Metres, so that an answer can carry the distance.</summary>
public sealed class SpatialSelectExpandBinder(IFilterBinder filter, IOrderByBinder orderBy) : SelectExpandBinder(filter, orderBy)
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        GeoFunctions.Bind(node, n => Bind(n, context)) ?? base.BindSingleValueFunctionCallNode(node, context);
}

/// <summary>$apply=compute(geo.distance(…) as Metres).</summary>
public sealed class SpatialComputeBinder : ComputeBinder
{
    public override Expression BindSingleValueFunctionCallNode(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        GeoFunctions.Bind(node, n => Bind(n, context)) ?? base.BindSingleValueFunctionCallNode(node, context);
}

internal static class GeoFunctions
{
    public const string Distance = "geo.distance";
    public const string Intersects = "geo.intersects";
    private const int Wgs84 = 4326;

    private static readonly MethodInfo Cast = typeof(Geography).GetMethod(nameof(Geography.Of))!;
    private static readonly MethodInfo DistanceTo = typeof(Geometry).GetMethod(nameof(Geometry.Distance), [typeof(Geometry)])!;
    private static readonly MethodInfo IsWithin = typeof(Geometry).GetMethod(nameof(Geometry.IsWithinDistance), [typeof(Geometry), typeof(double)])!;
    private static readonly MethodInfo IntersectsWith = typeof(Geometry).GetMethod(nameof(Geometry.Intersects), [typeof(Geometry)])!;
    private static readonly GeometryFactory Factory = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory(Wgs84);

    /// <summary>geo.distance as metres (double?, null where a place has no point), geo.intersects as bool; null for other functions.</summary>
    public static Expression? Bind(SingleValueFunctionCallNode node, Func<QueryNode, Expression> bind)
    {
        switch (node.Name)
        {
            case Distance:
            {
                var (location, other) = Operands(node, bind);
                return Expression.Convert(Expression.Call(location, DistanceTo, other), typeof(double?));
            }
            case Intersects:
            {
                var (location, other) = Operands(node, bind);
                return Expression.Call(location, IntersectsWith, other);
            }
            case var name when name.StartsWith("geo.", StringComparison.Ordinal):
                throw new ODataException($"{name} is not supported; the spatial functions are geo.distance and geo.intersects.");
            default:
                return null;
        }
    }

    /// <summary>
    /// geo.distance(…) le d (or lt, or d ge geo.distance(…)) with a constant d: ST_DWithin, which PostgreSQL answers
    /// from the geography GiST index; a plain comparison of ST_Distance would read every place. Null otherwise.
    /// </summary>
    public static Expression? BindWithin(BinaryOperatorNode node, Func<QueryNode, Expression> bind)
    {
        var (call, limit, op) = (Unwrap(node.Left), Unwrap(node.Right), node.OperatorKind) switch
        {
            (SingleValueFunctionCallNode { Name: Distance } f, ConstantNode c, var k) => (f, c, k),
            (ConstantNode c, SingleValueFunctionCallNode { Name: Distance } f, BinaryOperatorKind.GreaterThanOrEqual) => (f, c, BinaryOperatorKind.LessThanOrEqual),
            (ConstantNode c, SingleValueFunctionCallNode { Name: Distance } f, BinaryOperatorKind.GreaterThan) => (f, c, BinaryOperatorKind.LessThan),
            _ => default,
        };
        if (call is null || op is not (BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.LessThan)) return null;
        // A negative or infinite limit is left to the plain comparison: ST_DWithin refuses a negative tolerance.
        if (limit.Value is not IConvertible number || Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture) is var metres && !(metres >= 0 && double.IsFinite(metres)))
            return null;
        var (location, other) = Operands(call, bind);
        var within = Expression.Call(location, IsWithin, other, Parameter(metres));
        return op == BinaryOperatorKind.LessThanOrEqual
            ? within
            // ST_DWithin includes the limit; the exact test on the few rows it leaves excludes it.
            : Expression.AndAlso(within, Expression.LessThan(Expression.Call(location, DistanceTo, other), Parameter(metres)));
    }

    /// <summary>The spatial property (cast to geography) and the other operand: a literal as a query parameter, or another property.</summary>
    private static (Expression Location, Expression Other) Operands(SingleValueFunctionCallNode node, Func<QueryNode, Expression> bind)
    {
        var args = node.Parameters.Select(Unwrap).ToList();
        if (args.Count != 2) throw new ODataException($"{node.Name} takes two arguments.");
        // Symmetric functions: the property leads, so that it is the one the index is on.
        if (args[0] is ConstantNode && args[1] is not ConstantNode) args.Reverse();
        if (args[0] is ConstantNode)
            throw new ODataException($"{node.Name} needs a spatial property as one argument, such as Location or Place/Location.");
        var location = bind(args[0]);
        if (!typeof(Geometry).IsAssignableFrom(location.Type))
            throw new ODataException($"The first argument of {node.Name} must be a spatial property such as Location or Place/Location.");
        var other = args[1] is ConstantNode constant ? Parameter(Literal(node.Name, constant.Value)) : Expression.Call(Cast, bind(args[1]));
        return (Expression.Call(Cast, location), other);
    }

    private static SingleValueNode Unwrap(QueryNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : (SingleValueNode)node;

    // A member of a closure, so that EF Core sends the value as a parameter and reuses the compiled query.
    private static Expression Parameter<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed record Box<T>(T Value);

    /// <summary>An OData geography literal as a NetTopologySuite geometry in WGS 84, or a 400 that says what is wrong.</summary>
    internal static Geometry Literal(string function, object? value)
    {
        var literal = value as Microsoft.Spatial.Geography
            ?? throw new ODataException($"{function} compares with a geography literal such as geography'SRID=4326;POINT(26.72 58.38)'.");
        if (literal.CoordinateSystem.EpsgId is not Wgs84)
            throw new ODataException($"{function}: the literal is in SRID {literal.CoordinateSystem.EpsgId}; only SRID=4326 (WGS 84 longitude and latitude) is supported.");
        if (literal.IsEmpty) throw new ODataException($"{function}: the literal is empty.");
        return literal switch
        {
            Microsoft.Spatial.GeographyPoint p => Factory.CreatePoint(Coordinate(function, p)),
            Microsoft.Spatial.GeographyPolygon polygon => Polygon(function, polygon),
            _ => throw new ODataException($"{function}: a point or a polygon literal is expected."),
        };
    }

    private static Polygon Polygon(string function, Microsoft.Spatial.GeographyPolygon polygon)
    {
        // Microsoft.Spatial has checked that each ring is closed and has at least four points.
        var rings = polygon.Rings.Select(ring => Factory.CreateLinearRing(ring.Points.Select(p => Coordinate(function, p)).ToArray())).ToList();
        var shape = Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray());
        if (new IsValidOp(shape).ValidationError is { } error)
            throw new ODataException($"{function}: the polygon is not valid: {error.Message} at ({error.Coordinate.X} {error.Coordinate.Y}).");
        return shape;
    }

    private static Coordinate Coordinate(string function, Microsoft.Spatial.GeographyPoint p) =>
        p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180
            ? new Coordinate(p.Longitude, p.Latitude)
            : throw new ODataException($"{function}: ({p.Longitude} {p.Latitude}) is not a longitude and latitude in degrees (longitude first, -180 to 180; latitude -90 to 90).");
}
