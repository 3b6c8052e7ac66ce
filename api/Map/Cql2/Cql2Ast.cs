using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace FrontrunnerAtlas.Api.Map.Cql2;

/// <summary>
/// A filter the client can fix: the message says what is wrong and where (1-based character position in the
/// filter text), in the client's terms ("filter: expected a value after '=' at position 12").
/// </summary>
public sealed class Cql2Exception(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>
/// A node of a parsed CQL2 filter. ToString is the canonical CQL2 text (keywords upper case, one space, every
/// operation in parentheses, geometries in CRS84): it parses back to the same tree and keys the cache, so
/// spellings of one filter share one entry.
/// </summary>
public abstract record Cql2Node(int Position);

/// <summary>A predicate or a logical combination of predicates: something that is true, false or unknown.</summary>
public abstract record Cql2Predicate(int Position) : Cql2Node(Position);

/// <summary>What a comparison compares: a queryable property or a literal.</summary>
public abstract record Cql2Scalar(int Position) : Cql2Node(Position);

public sealed record Cql2Property(string Name, int Position) : Cql2Scalar(Position)
{
    public override string ToString() => Name;
}

public enum Cql2LiteralKind { String, Number, Boolean, Date, Timestamp }

/// <summary>A literal: string, number (double), boolean, date (DateOnly) or timestamp (UTC DateTimeOffset).</summary>
public sealed record Cql2Literal(Cql2LiteralKind Kind, object Value, int Position) : Cql2Scalar(Position)
{
    public override string ToString() => Kind switch
    {
        Cql2LiteralKind.String => Quote((string)Value),
        Cql2LiteralKind.Number => FormatNumber((double)Value),
        Cql2LiteralKind.Boolean => (bool)Value ? "TRUE" : "FALSE",
        Cql2LiteralKind.Date => $"DATE('{(DateOnly)Value:yyyy-MM-dd}')",
        _ => $"TIMESTAMP('{((DateTimeOffset)Value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)}')",
    };

    /// <summary>How a user would write it in a message: 'EE', 10, TRUE, DATE('2022-10-12').</summary>
    public string Describe() => Kind switch
    {
        Cql2LiteralKind.String => $"the string {this}",
        Cql2LiteralKind.Number => $"the number {this}",
        Cql2LiteralKind.Boolean => $"the boolean {this}",
        Cql2LiteralKind.Date => $"the date {this}",
        _ => $"the timestamp {this}",
    };

    public static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    public static string FormatNumber(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A geometry literal (WKT or BBOX), already in CRS84 (longitude, latitude) and SRID 4326.</summary>
public sealed record Cql2Geometry(Geometry Value, string Text, int Position) : Cql2Node(Position)
{
    public static Cql2Geometry FromWkt(Geometry g, int position) => new(g, new WKTWriter().Write(g), position);

    public override string ToString() => Text;
}

public sealed record Cql2And(Cql2Predicate Left, Cql2Predicate Right, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Left} AND {Right})";
}

public sealed record Cql2Or(Cql2Predicate Left, Cql2Predicate Right, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Left} OR {Right})";
}

public sealed record Cql2Not(Cql2Predicate Operand, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"NOT {Operand}";
}

/// <summary>TRUE or FALSE on its own, as a predicate.</summary>
public sealed record Cql2BooleanPredicate(bool Value, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => Value ? "TRUE" : "FALSE";
}

/// <summary>=, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=.</summary>
public sealed record Cql2Comparison(string Operator, Cql2Scalar Left, Cql2Scalar Right, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Left} {Operator} {Right})";
}

/// <summary>LIKE with the wildcards % and _ and the escape character \.</summary>
public sealed record Cql2Like(Cql2Scalar Operand, Cql2Literal Pattern, bool Negated, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Operand} {(Negated ? "NOT LIKE" : "LIKE")} {Pattern})";
}

public sealed record Cql2Between(Cql2Scalar Operand, Cql2Scalar Low, Cql2Scalar High, bool Negated, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Operand} {(Negated ? "NOT BETWEEN" : "BETWEEN")} {Low} AND {High})";
}

public sealed record Cql2In(Cql2Scalar Operand, IReadOnlyList<Cql2Scalar> Values, bool Negated, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Operand} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", Values)}))";
}

public sealed record Cql2IsNull(Cql2Scalar Operand, bool Negated, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"({Operand} {(Negated ? "IS NOT NULL" : "IS NULL")})";
}

/// <summary>S_INTERSECTS and the other spatial functions: always the geometry property and a literal, in that order.</summary>
public sealed record Cql2Spatial(string Function, Cql2Property Property, Cql2Geometry Geometry, int Position) : Cql2Predicate(Position)
{
    public override string ToString() => $"{Function}({Property}, {Geometry})";
}
