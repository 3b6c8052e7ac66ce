using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.Map.Cql2;

/// <summary>
/// A parsed CQL2 filter as an EF Core predicate over one collection's entity, so PostgreSQL evaluates it in the
/// same statement as the page. Every literal becomes a query parameter (never SQL text); spatial functions
/// become ST_Intersects and its siblings on the stored geometry, which the GiST index answers.
/// </summary>
/// <remarks>
/// CQL2 compares as SQL does: a comparison with a missing value is unknown, and NOT unknown is still unknown.
/// Each node is therefore translated twice, as "is true" and "is false" (C# booleans have no third value), and
/// NOT swaps the two: NOT (population &gt; 1000) keeps the places with 1000 inhabitants or fewer, not those with
/// no population at all.
/// </remarks>
public static class Cql2Translator
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly MethodInfo CompareStrings = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private static readonly IReadOnlyDictionary<string, string> SpatialMethods = new Dictionary<string, string>
    {
        ["S_INTERSECTS"] = nameof(Geometry.Intersects), ["S_EQUALS"] = nameof(Geometry.EqualsTopologically),
        ["S_DISJOINT"] = nameof(Geometry.Disjoint), ["S_TOUCHES"] = nameof(Geometry.Touches), ["S_WITHIN"] = nameof(Geometry.Within),
        ["S_OVERLAPS"] = nameof(Geometry.Overlaps), ["S_CROSSES"] = nameof(Geometry.Crosses), ["S_CONTAINS"] = nameof(Geometry.Contains),
    };

    /// <summary>The name of the spatial queryable in every collection.</summary>
    public const string GeometryProperty = "geometry";

    /// <summary>
    /// The predicate for <paramref name="filter"/> over T, whose queryables are <paramref name="columns"/> (name →
    /// value) and <paramref name="geometry"/>; throws Cql2Exception for unknown properties and mismatched types.
    /// </summary>
    public static Expression<Func<T, bool>> ToPredicate<T>(Cql2Predicate filter, string collectionId,
        IReadOnlyDictionary<string, LambdaExpression> columns, Expression<Func<T, Geometry?>> geometry)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var scope = new Scope(collectionId, columns, x, Rebind(geometry, x));
        return Expression.Lambda<Func<T, bool>>(scope.Translate(filter).True, x);
    }

    private static Expression Rebind(LambdaExpression column, ParameterExpression x) =>
        ReplacingExpressionVisitor.Replace(column.Parameters[0], x, column.Body);

    /// <summary>A translated predicate: when it is true, and when it is false (both false when it is unknown).</summary>
    private readonly record struct Truth(Expression True, Expression False);

    private enum Kind { String, Integer, Number, Boolean, Date, Enum }

    /// <summary>A queryable property: its non-null value, the test that it has one (null when it always has), its kind.</summary>
    private sealed record Column(string Name, Expression Value, Expression? HasValue, Kind Kind, Type Type);

    private sealed class Scope(string collectionId, IReadOnlyDictionary<string, LambdaExpression> columns, ParameterExpression x, Expression geometry)
    {
        public Truth Translate(Cql2Predicate node) => node switch
        {
            Cql2And a => And(Translate(a.Left), Translate(a.Right)),
            Cql2Or o => Or(Translate(o.Left), Translate(o.Right)),
            Cql2Not n => Swap(Translate(n.Operand)),
            Cql2BooleanPredicate b => new Truth(Expression.Constant(b.Value), Expression.Constant(!b.Value)),
            Cql2Comparison c => Comparison(c),
            Cql2Like l => LikeOf(l),
            Cql2Between b => Between(b),
            Cql2In i => In(i),
            Cql2IsNull n => IsNull(n),
            Cql2Spatial s => Spatial(s),
            _ => throw new Cql2Exception($"filter: this condition is not supported (position {node.Position}).", node.Position),
        };

        private static Truth And(Truth a, Truth b) => new(Expression.AndAlso(a.True, b.True), Expression.OrElse(a.False, b.False));
        private static Truth Or(Truth a, Truth b) => new(Expression.OrElse(a.True, b.True), Expression.AndAlso(a.False, b.False));
        private static Truth Swap(Truth t) => new(t.False, t.True);

        /// <summary>true and false for a test on a value that may be missing (then neither).</summary>
        private static Truth Known(Column c, Expression test) => c.HasValue is null
            ? new Truth(test, Expression.Not(test))
            : new Truth(Expression.AndAlso(c.HasValue, test), Expression.AndAlso(c.HasValue, Expression.Not(test)));

        private Truth Comparison(Cql2Comparison c)
        {
            var (op, left, right) = (c.Operator, c.Left, c.Right);
            if (left is Cql2Literal && right is Cql2Property)
            {
                // 'EE' = country reads as country = 'EE'; the order of a comparison turns with it.
                (left, right) = (right, left);
                op = op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
            }
            var column = PropertyOf(left, right, c);
            var literal = (Cql2Literal)right;
            if (column.Kind == Kind.Enum) return InSet(column, EnumMembers(column).Where(m => Compares(string.CompareOrdinal(m.Name, Text(column, literal, op is "=" or "<>")), op)));
            if (column.Kind == Kind.Boolean && op is not ("=" or "<>"))
                throw new Cql2Exception($"filter: {column.Name} is a boolean; only = and <> compare it (position {c.Position}).", c.Position);
            var (value, constant) = Operands(column, [literal]);
            return Known(column, Compare(value, constant[0], op));
        }

        private Truth LikeOf(Cql2Like l)
        {
            var column = PropertyOf(l.Operand, l.Pattern, l);
            var pattern = (string)l.Pattern.Value;
            var t = column.Kind switch
            {
                Kind.String => Known(column, Expression.Call(Like, Expression.Property(null, typeof(EF), nameof(EF.Functions)), column.Value,
                    Parameter(pattern, typeof(string)), Expression.Constant("\\"))),
                Kind.Enum => InSet(column, EnumMembers(column).Where(m => LikeRegex(pattern).IsMatch(m.Name))),
                _ => throw new Cql2Exception($"filter: LIKE matches text, and {column.Name} is {Describe(column.Kind)} (position {l.Position}).", l.Position),
            };
            return l.Negated ? Swap(t) : t;
        }

        private Truth Between(Cql2Between b)
        {
            var column = PropertyOf(b.Operand, b.Low, b);
            if (b.High is not Cql2Literal high) throw Literal(b.High);
            var low = (Cql2Literal)b.Low;
            if (column.Kind == Kind.Boolean)
                throw new Cql2Exception($"filter: BETWEEN needs ordered values, and {column.Name} is a boolean (position {b.Position}).", b.Position);
            Truth t;
            if (column.Kind == Kind.Enum)
            {
                var (lo, hi) = (Text(column, low, false), Text(column, high, false));
                t = InSet(column, EnumMembers(column).Where(m => string.CompareOrdinal(m.Name, lo) >= 0 && string.CompareOrdinal(m.Name, hi) <= 0));
            }
            else
            {
                var (value, bounds) = Operands(column, [low, high]);
                t = Known(column, Expression.AndAlso(Compare(value, bounds[0], ">="), Compare(value, bounds[1], "<=")));
            }
            return b.Negated ? Swap(t) : t;
        }

        private Truth In(Cql2In i)
        {
            var column = PropertyOf(i.Operand, i.Values[0], i);
            var literals = i.Values.Select(v => v as Cql2Literal ?? throw Literal(v)).ToList();
            Truth t;
            if (column.Kind == Kind.Enum)
            {
                var names = literals.Select(l => Text(column, l, true)).ToHashSet();
                t = InSet(column, EnumMembers(column).Where(m => names.Contains(m.Name)));
            }
            else
            {
                var (value, constants) = Operands(column, literals);
                var type = value.Type;
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
                foreach (var v in constants.Select(c => ((ConstantExpression)c).Value).Distinct()) list.Add(v);
                var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [type], Parameter(list, list.GetType()), value);
                t = Known(column, contains);
            }
            return i.Negated ? Swap(t) : t;
        }

        private Truth IsNull(Cql2IsNull n)
        {
            Expression isNull = n.Operand switch
            {
                Cql2Property { Name: GeometryProperty } => Expression.Equal(geometry, Expression.Constant(null, geometry.Type)),
                Cql2Property p => Resolve(p) is { HasValue: { } has } ? Expression.Not(has) : Expression.Constant(false),
                _ => Expression.Constant(false), // a literal is never null
            };
            var t = new Truth(isNull, Expression.Not(isNull));
            return n.Negated ? Swap(t) : t;
        }

        private Truth Spatial(Cql2Spatial s)
        {
            if (s.Property.Name != GeometryProperty)
            {
                if (!columns.ContainsKey(s.Property.Name)) throw Unknown(s.Property);
                throw new Cql2Exception($"filter: {s.Function} compares geometries, and {s.Property.Name} is not one; the geometry is '{GeometryProperty}' (position {s.Property.Position}).", s.Property.Position);
            }
            var method = typeof(Geometry).GetMethod(SpatialMethods[s.Function], [typeof(Geometry)])!;
            var test = Expression.Call(geometry, method, Parameter(s.Geometry.Value, typeof(Geometry)));
            var has = Expression.NotEqual(geometry, Expression.Constant(null, geometry.Type));
            return new Truth(Expression.AndAlso(has, test), Expression.AndAlso(has, Expression.Not(test)));
        }

        /// <summary>The property of a predicate whose other side is a literal; the errors say what to write instead.</summary>
        private Column PropertyOf(Cql2Scalar operand, Cql2Scalar other, Cql2Node at)
        {
            if (operand is not Cql2Property p)
                throw new Cql2Exception(other is Cql2Property
                    ? $"filter: put the property first and the value second (position {at.Position})."
                    : $"filter: a condition compares a property with a value; there is no property at position {at.Position}.", at.Position);
            if (other is Cql2Property q)
                throw new Cql2Exception($"filter: comparing two properties ({p.Name}, {q.Name}) is not supported; compare a property with a value (position {q.Position}).", q.Position);
            return Resolve(p);
        }

        private Column Resolve(Cql2Property p)
        {
            if (p.Name == GeometryProperty)
                throw new Cql2Exception($"filter: {GeometryProperty} is compared with spatial functions only, e.g. S_INTERSECTS({GeometryProperty}, BBOX(21,57,28,60)) (position {p.Position}).", p.Position);
            if (!columns.TryGetValue(p.Name, out var lambda)) throw Unknown(p);
            var body = Rebind(lambda, x);
            var type = Nullable.GetUnderlyingType(body.Type) ?? body.Type;
            var kind = type == typeof(string) ? Kind.String
                : type == typeof(int) || type == typeof(long) ? Kind.Integer
                : type == typeof(double) || type == typeof(decimal) ? Kind.Number
                : type == typeof(bool) ? Kind.Boolean
                : type == typeof(DateOnly) ? Kind.Date
                : type.IsEnum ? Kind.Enum
                : throw new Cql2Exception($"filter: {p.Name} cannot be filtered on (position {p.Position}).", p.Position);
            var nullable = !body.Type.IsValueType || Nullable.GetUnderlyingType(body.Type) is not null;
            var hasValue = nullable ? Expression.NotEqual(body, Expression.Constant(null, body.Type)) : null;
            var value = body.Type.IsValueType && nullable ? Expression.Property(body, "Value") : body;
            return new Column(p.Name, value, hasValue, kind, type);
        }

        /// <summary>The column's value and the literals as parameters of one type (integers widen to double beside a fraction).</summary>
        private (Expression Value, List<Expression> Constants) Operands(Column column, IReadOnlyList<Cql2Literal> literals)
        {
            var values = literals.Select(l => Coerce(column, l)).ToList();
            var value = column.Value;
            if (column.Kind == Kind.Integer && values.Any(v => v is double))
            {
                value = Expression.Convert(value, typeof(double));
                values = values.Select(v => (object)Convert.ToDouble(v)).ToList();
            }
            return (value, values.Select(v => (Expression)Expression.Constant(v, value.Type)).ToList());
        }

        private static object Coerce(Column column, Cql2Literal l) => (column.Kind, l.Kind) switch
        {
            (Kind.String, Cql2LiteralKind.String) => l.Value,
            (Kind.Integer, Cql2LiteralKind.Number) when (double)l.Value is var d && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue
                => column.Type == typeof(long) ? (long)d : (object)(int)d,
            (Kind.Integer or Kind.Number, Cql2LiteralKind.Number) => l.Value,
            (Kind.Boolean, Cql2LiteralKind.Boolean) => l.Value,
            (Kind.Date, Cql2LiteralKind.Date) => l.Value,
            // Queryables describe dates as strings of format date, so '2022-10-12' is taken as well.
            (Kind.Date, Cql2LiteralKind.String) when OgcParameters.DateOnlyPattern().IsMatch((string)l.Value)
                && DateOnly.TryParseExact((string)l.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
            _ => throw Mismatch(column, l),
        };

        private static Cql2Exception Mismatch(Column column, Cql2Literal l) => new(
            $"filter: {column.Name} is {Describe(column.Kind)}, so it cannot be compared with {l.Describe()} (position {l.Position})" +
            (column.Kind == Kind.Date ? $"; write DATE('2022-10-12')." : "."), l.Position);

        /// <summary>The text an enumeration is compared with; for = and IN it must be one of the values.</summary>
        private static string Text(Column column, Cql2Literal l, bool mustBeMember)
        {
            if (l.Kind != Cql2LiteralKind.String) throw Mismatch(column, l);
            var text = (string)l.Value;
            var members = EnumMembers(column).Select(m => m.Name).ToList();
            if (mustBeMember && !members.Contains(text))
                throw new Cql2Exception($"filter: {Cql2Literal.Quote(text)} is not a value of {column.Name}; its values are {string.Join(", ", members)} (position {l.Position}).", l.Position);
            return text;
        }

        private static IEnumerable<(string Name, object Value)> EnumMembers(Column column) =>
            Enum.GetValues(column.Type).Cast<object>().Select(v => (Validator.Snake(v.ToString()!), v));

        /// <summary>An enumeration's test, decided here for each member (as text, in snake_case) and sent as a list.</summary>
        private Truth InSet(Column column, IEnumerable<(string Name, object Value)> members)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(column.Type))!;
            foreach (var (_, value) in members) list.Add(value);
            if (list.Count == 0) return Known(column, Expression.Constant(false));
            return Known(column, Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [column.Type], Parameter(list, list.GetType()), column.Value));
        }

        private static Expression Compare(Expression value, Expression constant, string op)
        {
            var parameter = Parameter(((ConstantExpression)constant).Value!, constant.Type);
            if (value.Type == typeof(string) && op is not ("=" or "<>"))
                return Compare(Expression.Call(CompareStrings, value, parameter), Expression.Constant(0), op);
            return op switch
            {
                "=" => Expression.Equal(value, parameter),
                "<>" => Expression.NotEqual(value, parameter),
                "<" => Expression.LessThan(value, parameter),
                ">" => Expression.GreaterThan(value, parameter),
                "<=" => Expression.LessThanOrEqual(value, parameter),
                _ => Expression.GreaterThanOrEqual(value, parameter),
            };
        }

        private static bool Compares(int order, string op) => op switch
        {
            "=" => order == 0, "<>" => order != 0, "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0,
        };

        private Cql2Exception Unknown(Cql2Property p)
        {
            var near = columns.Keys.FirstOrDefault(k => k.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
            return new Cql2Exception($"filter: unknown property '{p.Name}' at position {p.Position}" +
                                     (near is null ? "" : $" (did you mean '{near}'? names are case-sensitive)") +
                                     $"; the queryables of {collectionId} are {string.Join(", ", columns.Keys.Append(GeometryProperty))} (see /collections/{collectionId}/queryables).", p.Position);
        }

        private static Cql2Exception Literal(Cql2Scalar s) =>
            new($"filter: expected a value, not a property, at position {s.Position} (comparing two properties is not supported).", s.Position);

        private static string Describe(Kind kind) => kind switch
        {
            Kind.String or Kind.Enum => "a string",
            Kind.Integer => "an integer",
            Kind.Number => "a number",
            Kind.Boolean => "a boolean",
            _ => "a date",
        };
    }

    /// <summary>
    /// A value EF Core sends as a query parameter: it parameterises what it reads from an object's member,
    /// while an Expression.Constant would be written into the SQL text as a literal.
    /// </summary>
    private static Expression Parameter(object value, Type type) =>
        Expression.Property(Expression.Constant(Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)), "Value");

    private sealed class Holder<T>(T value)
    {
        public T Value { get; } = value;
    }

    /// <summary>CQL2's LIKE for values decided in memory: % any text, _ one character, \ escapes the next one.</summary>
    private static Regex LikeRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length) regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}
