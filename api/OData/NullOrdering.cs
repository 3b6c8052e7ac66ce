using System.Linq.Expressions;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>
/// OData orders nulls first when ascending and last when descending; PostgreSQL does the opposite. This rewrites
/// each ordering on a nullable key k of the composed query into (k IS NULL) then k, which EF Core translates to SQL:
/// ascending: ORDER BY (k IS NULL) DESC, k; descending: ORDER BY (k IS NULL), k DESC.
/// </summary>
internal sealed class NullOrdering : ExpressionVisitor
{
    /// <summary>Set while OData composes and runs a query: only OData's orderings are rewritten.</summary>
    public static readonly AsyncLocal<bool> Active = new();

    public static IQueryable Apply(IQueryable query)
    {
        var rewritten = new NullOrdering().Visit(query.Expression);
        return rewritten == query.Expression ? query : query.Provider.CreateQuery(rewritten);
    }

    protected override Expression VisitMethodCall(MethodCallExpression call)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(call);
        if (visited.Method.DeclaringType != typeof(Queryable) || visited.Arguments.Count != 2) return visited;
        var name = visited.Method.Name;
        if (name is not ("OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending")) return visited;
        if (StripQuote(visited.Arguments[1]) is not LambdaExpression key || !CanBeNull(key)) return visited;

        var descending = name.EndsWith("Descending", StringComparison.Ordinal);
        var first = name.StartsWith("OrderBy", StringComparison.Ordinal);
        var element = visited.Method.GetGenericArguments()[0];
        var isNull = Expression.Lambda(Expression.Equal(key.Body, Expression.Constant(null, key.Body.Type)), key.Parameters);
        // Nulls first ascending: true (null) sorts after false, so descending on "is null"; the reverse when descending.
        var nullsMethod = first ? (descending ? "OrderBy" : "OrderByDescending") : (descending ? "ThenBy" : "ThenByDescending");
        var byNull = Expression.Call(typeof(Queryable), nullsMethod, [element, typeof(bool)], visited.Arguments[0], Expression.Quote(isNull));
        var thenMethod = descending ? "ThenByDescending" : "ThenBy";
        return Expression.Call(typeof(Queryable), thenMethod, [element, key.Body.Type], byNull, Expression.Quote(key));
    }

    private static readonly System.Reflection.NullabilityInfoContext Nullability = new();

    /// <summary>
    /// Whether the key can be null. A non-nullable property of the entity itself (the key OData orders every page by)
    /// is left alone: rewritten, EF orders by a constant first, which keeps PostgreSQL from reading the primary key
    /// in order and stopping after one page.
    /// </summary>
    private static bool CanBeNull(LambdaExpression key)
    {
        var type = key.Body.Type;
        if (type.IsValueType) return Nullable.GetUnderlyingType(type) is not null;
        if (key.Body is MemberExpression { Member: System.Reflection.PropertyInfo property, Expression: ParameterExpression })
            lock (Nullability) return Nullability.Create(property).ReadState != System.Reflection.NullabilityState.NotNull;
        return true;
    }

    private static Expression StripQuote(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Quote } q ? q.Operand : e;
}

/// <summary>Applies <see cref="NullOrdering"/> as EF Core compiles a query that OData composed.</summary>
internal sealed class NullOrderingInterceptor : Microsoft.EntityFrameworkCore.Diagnostics.IQueryExpressionInterceptor
{
    public static readonly NullOrderingInterceptor Instance = new();

    public Expression QueryCompilationStarting(Expression queryExpression, Microsoft.EntityFrameworkCore.Diagnostics.QueryExpressionEventData eventData) =>
        NullOrdering.Active.Value ? new NullOrdering().Visit(queryExpression) : queryExpression;
}
