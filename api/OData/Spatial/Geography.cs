using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.OData.Spatial;

/// <summary>
/// <c>Geography.Of(p.Location)</c> in a LINQ query is <c>p.location::geography</c> in SQL. The column is a
/// geometry in degrees; cast to geography, Npgsql's NetTopologySuite translations (Distance, IsWithinDistance,
/// Intersects) become PostGIS's geography functions, in metres on the spheroid, and the cast is exactly the
/// expression of the GiST index <c>ix_places_location_geography</c>, so PostgreSQL can answer them from it.
/// </summary>
public static class Geography
{
    public static Point? Of(Point? location) =>
        throw new InvalidOperationException("Geography.Of is translated to SQL by EF Core; it runs only inside a query.");

    /// <summary>Called from the context's OnModelCreating: declares the cast to EF Core.</summary>
    public static void Register(ModelBuilder modelBuilder) =>
        modelBuilder.HasDbFunction(typeof(Geography).GetMethod(nameof(Of))!)
            .HasTranslation(args => new SqlUnaryExpression(ExpressionType.Convert, args[0], typeof(Point),
                // The column's own mapping with the geography store type: the SQL is a cast, '::geography'.
                args[0].TypeMapping!.WithStoreTypeAndSize("geography", null)));
}
