using System.Globalization;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace FrontrunnerAtlas.Api.Map.Cql2;

/// <summary>Bounds on what one filter may ask for (Map:FilterMaxLength, FilterMaxNodes, FilterMaxDepth).</summary>
public sealed record Cql2Limits(int MaxLength, int MaxNodes, int MaxDepth);

/// <summary>
/// CQL2 text (OGC 21-065) as far as this service evaluates it: comparisons, AND/OR/NOT, parentheses, LIKE,
/// BETWEEN, IN, IS [NOT] NULL, TRUE/FALSE, DATE(...), TIMESTAMP(...) and the spatial functions with WKT or BBOX
/// literals. Everything else is refused with the position where it stands. Ours, by recursive descent: no
/// .NET library parses CQL2, and a hand-written parser lets every message name the token before the failure.
/// </summary>
public static class Cql2Parser
{
    /// <summary>The spatial functions, each with the one that means the same with its arguments swapped.</summary>
    public static readonly IReadOnlyDictionary<string, string> SpatialFunctions = new Dictionary<string, string>
    {
        ["S_INTERSECTS"] = "S_INTERSECTS", ["S_EQUALS"] = "S_EQUALS", ["S_DISJOINT"] = "S_DISJOINT", ["S_TOUCHES"] = "S_TOUCHES",
        ["S_OVERLAPS"] = "S_OVERLAPS", ["S_CROSSES"] = "S_CROSSES", ["S_WITHIN"] = "S_CONTAINS", ["S_CONTAINS"] = "S_WITHIN",
    };

    private static readonly HashSet<string> GeometryTags =
        ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];

    // Words that cannot be a property name unless written in double quotes.
    private static readonly HashSet<string> Reserved =
        ["AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "TRUE", "FALSE", "DATE", "TIMESTAMP", "INTERVAL", "BBOX", "CASEI", "ACCENTI"];

    /// <summary>Parses text; <paramref name="latitudeFirst"/> when the geometries are in EPSG:4326's axis order (filter-crs).</summary>
    public static Cql2Predicate Parse(string text, Cql2Limits limits, bool latitudeFirst = false)
    {
        if (text.Length > limits.MaxLength)
            throw new Cql2Exception($"filter: the filter is {text.Length} characters long; at most {limits.MaxLength} are allowed.", limits.MaxLength + 1);
        var parser = new Parser(text, Lexer.Tokens(text), limits, latitudeFirst);
        return parser.ParseFilter();
    }

    private enum TokenKind { Word, QuotedWord, String, Number, Symbol, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Index, int Length)
    {
        public int Position => Index + 1;
        public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
        public bool IsWord(string word) => Kind == TokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);
        public string Upper => Text.ToUpperInvariant();

        public string Describe() => Kind switch
        {
            TokenKind.End => "the end of the filter",
            TokenKind.String => Cql2Literal.Quote(Text.Length > 40 ? Text[..40] + "…" : Text),
            TokenKind.QuotedWord => $"\"{Text}\"",
            _ => $"'{Text}'",
        };
    }

    private static class Lexer
    {
        public static List<Token> Tokens(string s)
        {
            var tokens = new List<Token>();
            var i = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                var start = i;
                if (c == '\'')
                {
                    var value = new System.Text.StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= s.Length) throw new Cql2Exception($"filter: the string opened at position {start + 1} is not closed.", start + 1);
                        if (s[i] == '\'' && i + 1 < s.Length && s[i + 1] == '\'') { value.Append('\''); i += 2; continue; }
                        if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '\'') { value.Append('\''); i += 2; continue; }
                        if (s[i] == '\'') { i++; break; }
                        value.Append(s[i++]);
                    }
                    tokens.Add(new Token(TokenKind.String, value.ToString(), start, i - start));
                }
                else if (c == '"')
                {
                    var close = s.IndexOf('"', i + 1);
                    if (close < 0) throw new Cql2Exception($"filter: the property name quoted at position {start + 1} is not closed.", start + 1);
                    i = close + 1;
                    tokens.Add(new Token(TokenKind.QuotedWord, s[(start + 1)..close], start, i - start));
                }
                else if (char.IsDigit(c) || ((c is '-' or '+' or '.') && NumberFollows(s, i)))
                {
                    if (c is '-' or '+') i++;
                    while (i < s.Length && char.IsDigit(s[i])) i++;
                    if (i < s.Length && s[i] == '.') { i++; while (i < s.Length && char.IsDigit(s[i])) i++; }
                    if (i < s.Length && s[i] is 'e' or 'E')
                    {
                        var e = i + 1;
                        if (e < s.Length && s[e] is '+' or '-') e++;
                        if (e < s.Length && char.IsDigit(s[e])) { i = e; while (i < s.Length && char.IsDigit(s[i])) i++; }
                    }
                    tokens.Add(new Token(TokenKind.Number, s[start..i], start, i - start));
                }
                else if (char.IsLetter(c) || c is '_' or ':')
                {
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or ':' or '.')) i++;
                    tokens.Add(new Token(TokenKind.Word, s[start..i], start, i - start));
                }
                else if (c is '(' or ')' or ',' or '=')
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start, 1));
                    i++;
                }
                else if (c is '<' or '>')
                {
                    var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                    var op = two is "<=" or ">=" or "<>" ? two : c.ToString();
                    tokens.Add(new Token(TokenKind.Symbol, op, start, op.Length));
                    i += op.Length;
                }
                else if (c == '!' && i + 1 < s.Length && s[i + 1] == '=')
                    throw new Cql2Exception($"filter: '!=' at position {start + 1} is not CQL2; write '<>' for 'not equal'.", start + 1);
                else
                    throw new Cql2Exception($"filter: unexpected character '{c}' at position {start + 1}" +
                                            (c is '+' or '-' or '*' or '/' ? " (arithmetic is not supported)." : "."), start + 1);
            }
            tokens.Add(new Token(TokenKind.End, "", s.Length, 0));
            return tokens;
        }

        private static bool NumberFollows(string s, int i)
        {
            var j = s[i] is '-' or '+' ? i + 1 : i;
            if (j < s.Length && s[j] == '.') j++;
            return j < s.Length && char.IsDigit(s[j]);
        }
    }

    private sealed class Parser(string text, List<Token> tokens, Cql2Limits limits, bool latitudeFirst)
    {
        private static readonly NtsGeometryServices Wgs84 = new(PrecisionModel.Floating.Value, 4326);
        private int _at;
        private int _depth;
        private int _nodes;

        private Token Current => tokens[_at];
        private Token Previous => tokens[_at - 1];
        private Token Next() => tokens[_at++];

        public Cql2Predicate ParseFilter()
        {
            if (Current.Kind == TokenKind.End) throw new Cql2Exception("filter: the filter is empty.", 1);
            var filter = ParseOr();
            if (Current.Kind != TokenKind.End) throw Fail($"expected AND, OR or the end of the filter after {Previous.Describe()}", Current);
            return filter;
        }

        // OR binds loosest, then AND, then NOT: a OR b AND NOT c is a OR (b AND (NOT c)).
        private Cql2Predicate ParseOr() => ParseChain("OR", ParseAnd, (l, r, at) => new Cql2Or(l, r, at));

        private Cql2Predicate ParseAnd() => ParseChain("AND", ParseFactor, (l, r, at) => new Cql2And(l, r, at));

        private Cql2Predicate ParseChain(string keyword, Func<Cql2Predicate> operand, Func<Cql2Predicate, Cql2Predicate, int, Cql2Predicate> combine)
        {
            var left = operand();
            while (Current.IsWord(keyword))
            {
                var op = Next();
                left = combine(left, operand(), op.Position);
                Count(op);
            }
            return left;
        }

        private Cql2Predicate ParseFactor()
        {
            if (!Current.IsWord("NOT")) return ParsePrimary();
            var not = Next();
            Enter(not);
            var operand = ParseFactor();
            _depth--;
            Count(not);
            return new Cql2Not(operand, not.Position);
        }

        private Cql2Predicate ParsePrimary()
        {
            if (Current.Is("("))
            {
                var open = Next();
                Enter(open);
                var inner = ParseOr();
                if (!Current.Is(")")) throw Fail("expected ')'", Current, $"to close the '(' opened at position {open.Position}");
                Next();
                _depth--;
                return inner;
            }
            if (Current.Kind == TokenKind.Word && tokens[_at + 1].Is("(") && SpatialFunctions.ContainsKey(Current.Upper))
                return ParseSpatial();
            return ParsePredicate();
        }

        private Cql2Predicate ParsePredicate()
        {
            var left = ParseScalar("expected a condition (a property, then an operator and a value)");
            if (left is Cql2Literal { Kind: Cql2LiteralKind.Boolean } b && !StartsOperator(Current))
                return new Cql2BooleanPredicate((bool)b.Value, b.Position);

            var op = Current;
            if (op.Kind == TokenKind.Symbol && op.Text is "=" or "<>" or "<" or ">" or "<=" or ">=")
            {
                Next();
                var right = ParseScalar($"expected a value after '{op.Text}'");
                Count(op);
                return new Cql2Comparison(op.Text, left, right, op.Position);
            }
            var negated = false;
            if (op.IsWord("NOT"))
            {
                Next();
                negated = true;
                if (!(Current.IsWord("LIKE") || Current.IsWord("BETWEEN") || Current.IsWord("IN")))
                    throw Fail("expected LIKE, BETWEEN or IN after NOT", Current);
            }
            var keyword = Current;
            if (keyword.IsWord("LIKE"))
            {
                Next();
                if (Current.IsWord("CASEI") || Current.IsWord("ACCENTI")) throw Unsupported(Current);
                if (Current.Kind != TokenKind.String) throw Fail("expected a quoted pattern after LIKE", Current);
                // No pattern can end with a lone escape character (PostgreSQL refuses one): \' before the closing quote is a quote.
                var pattern = Next();
                Count(keyword);
                return new Cql2Like(left, new Cql2Literal(Cql2LiteralKind.String, pattern.Text, pattern.Position), negated, keyword.Position);
            }
            if (keyword.IsWord("BETWEEN"))
            {
                Next();
                var low = ParseScalar("expected a value after BETWEEN");
                if (!Current.IsWord("AND")) throw Fail($"expected AND after the lower bound {Previous.Describe()}", Current);
                Next();
                var high = ParseScalar("expected a value after BETWEEN … AND");
                Count(keyword);
                return new Cql2Between(left, low, high, negated, keyword.Position);
            }
            if (keyword.IsWord("IN"))
            {
                Next();
                if (!Current.Is("(")) throw Fail("expected '(' after IN", Current);
                var open = Next();
                var values = new List<Cql2Scalar> { ParseScalar("expected a value in the list after IN (") };
                while (Current.Is(","))
                {
                    Next();
                    values.Add(ParseScalar("expected a value after ',' in the IN list"));
                }
                if (!Current.Is(")")) throw Fail("expected ',' or ')'", Current, $"to close the IN list opened at position {open.Position}");
                Next();
                Count(keyword);
                return new Cql2In(left, values, negated, keyword.Position);
            }
            if (keyword.IsWord("IS"))
            {
                Next();
                var not = Current.IsWord("NOT");
                if (not) Next();
                if (!Current.IsWord("NULL")) throw Fail($"expected NULL after IS{(not ? " NOT" : "")}", Current);
                Next();
                Count(keyword);
                return new Cql2IsNull(left, not, keyword.Position);
            }
            throw Fail($"expected an operator (=, <>, <, >, <=, >=, LIKE, BETWEEN, IN or IS NULL) after {Previous.Describe()}", Current);
        }

        private static bool StartsOperator(Token t) =>
            (t.Kind == TokenKind.Symbol && t.Text is "=" or "<>" or "<" or ">" or "<=" or ">=")
            || t.IsWord("LIKE") || t.IsWord("BETWEEN") || t.IsWord("IN") || t.IsWord("IS");

        /// <summary>A property, a literal, DATE(...) or TIMESTAMP(...); <paramref name="expected"/> says what was wanted if none comes.</summary>
        private Cql2Scalar ParseScalar(string expected)
        {
            var t = Current;
            Cql2Scalar scalar;
            switch (t.Kind)
            {
                case TokenKind.String:
                    Next();
                    scalar = new Cql2Literal(Cql2LiteralKind.String, t.Text, t.Position);
                    break;
                case TokenKind.Number:
                    Next();
                    if (!double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                        throw new Cql2Exception($"filter: {t.Describe()} at position {t.Position} is not a finite number.", t.Position);
                    scalar = new Cql2Literal(Cql2LiteralKind.Number, number, t.Position);
                    break;
                case TokenKind.QuotedWord:
                    Next();
                    scalar = new Cql2Property(t.Text, t.Position);
                    break;
                case TokenKind.Word when t.IsWord("TRUE") || t.IsWord("FALSE"):
                    Next();
                    scalar = new Cql2Literal(Cql2LiteralKind.Boolean, t.IsWord("TRUE"), t.Position);
                    break;
                case TokenKind.Word when (t.IsWord("DATE") || t.IsWord("TIMESTAMP")) && tokens[_at + 1].Is("("):
                    scalar = ParseInstant();
                    break;
                case TokenKind.Word when t.IsWord("NULL"):
                    throw new Cql2Exception($"filter: NULL at position {t.Position} is not a value; test for it with 'property IS NULL'.", t.Position);
                case TokenKind.Word when tokens[_at + 1].Is("("):
                    throw Unsupported(t);
                case TokenKind.Word when !Reserved.Contains(t.Upper):
                    Next();
                    scalar = new Cql2Property(t.Text, t.Position);
                    break;
                default:
                    throw Fail(expected, t);
            }
            Count(t);
            return scalar;
        }

        private Cql2Literal ParseInstant()
        {
            var word = Next();
            Next(); // (
            var value = Current;
            if (value.Kind != TokenKind.String) throw Fail($"expected a quoted {(word.IsWord("DATE") ? "date ('2022-10-12')" : "timestamp ('2022-10-12T08:00:00Z')")} in {word.Upper}(", value);
            Next();
            if (!Current.Is(")")) throw Fail("expected ')'", Current, $"to close {word.Upper}(");
            Next();
            if (word.IsWord("DATE"))
            {
                if (!OgcParameters.DateOnlyPattern().IsMatch(value.Text)
                    || !DateOnly.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    throw new Cql2Exception($"filter: {value.Describe()} at position {value.Position} is not a date (yyyy-mm-dd).", value.Position);
                return new Cql2Literal(Cql2LiteralKind.Date, day, word.Position);
            }
            if (!OgcParameters.DateTimePattern().IsMatch(value.Text)
                || !DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                throw new Cql2Exception($"filter: {value.Describe()} at position {value.Position} is not an RFC 3339 timestamp (2022-10-12T08:00:00Z).", value.Position);
            return new Cql2Literal(Cql2LiteralKind.Timestamp, instant.ToUniversalTime(), word.Position);
        }

        private Cql2Spatial ParseSpatial()
        {
            var fn = Next();
            var open = Next(); // (
            Enter(open);
            var first = ParseSpatialArgument(fn, open);
            if (!Current.Is(",")) throw Fail($"expected ',' and a second argument of {fn.Upper}", Current);
            var comma = Next();
            var second = ParseSpatialArgument(fn, comma);
            if (!Current.Is(")")) throw Fail("expected ')'", Current, $"to close {fn.Upper}(");
            Next();
            _depth--;
            Count(fn);
            var name = fn.Upper;
            return (first, second) switch
            {
                (Cql2Property p, Cql2Geometry g) => new Cql2Spatial(name, p, g, fn.Position),
                // S_WITHIN(literal, geometry) is S_CONTAINS(geometry, literal), and so on: the property always comes first.
                (Cql2Geometry g, Cql2Property p) => new Cql2Spatial(SpatialFunctions[name], p, g, fn.Position),
                (Cql2Property, Cql2Property) => throw new Cql2Exception($"filter: {name} at position {fn.Position} compares two properties; one argument must be a geometry literal (POINT, POLYGON, BBOX, ...).", fn.Position),
                _ => throw new Cql2Exception($"filter: {name} at position {fn.Position} compares two literals; one argument must be the property 'geometry'.", fn.Position),
            };
        }

        private Cql2Node ParseSpatialArgument(Token fn, Token after)
        {
            var t = Current;
            if (t.Kind == TokenKind.Word && (GeometryTags.Contains(t.Upper) || t.IsWord("BBOX"))) return ParseGeometry();
            if (t.Kind == TokenKind.QuotedWord || (t.Kind == TokenKind.Word && !Reserved.Contains(t.Upper) && !tokens[_at + 1].Is("(")))
            {
                Next();
                Count(t);
                return new Cql2Property(t.Text, t.Position);
            }
            throw Fail($"expected the property geometry or a geometry literal (POINT, LINESTRING, POLYGON, MULTI…, GEOMETRYCOLLECTION or BBOX) as an argument of {fn.Upper} after {after.Describe()}", t);
        }

        private Cql2Geometry ParseGeometry()
        {
            var tag = Next();
            Count(tag);
            if (tag.IsWord("BBOX")) return ParseBbox(tag);
            // The WKT runs from the tag to its balanced closing parenthesis (or EMPTY); NetTopologySuite reads it.
            if (Current.Kind == TokenKind.Word && Current.Upper is "Z" or "M" or "ZM") Next();
            int end;
            if (Current.IsWord("EMPTY"))
                end = Next().Index + 5;
            else
            {
                if (!Current.Is("(")) throw Fail($"expected '(' and the coordinates of the {tag.Upper}", Current);
                var open = 0;
                do
                {
                    var t = Next();
                    if (t.Kind == TokenKind.End) throw new Cql2Exception($"filter: the {tag.Upper} at position {tag.Position} is not closed.", tag.Position);
                    if (t.Is("(")) open++;
                    else if (t.Is(")")) open--;
                } while (open > 0);
                end = Previous.Index + 1;
            }
            Geometry geometry;
            try
            {
                geometry = new WKTReader(Wgs84).Read(text[tag.Index..end]);
            }
            catch (Exception ex) when (ex is ParseException or ArgumentException or FormatException or InvalidOperationException)
            {
                throw new Cql2Exception($"filter: the {tag.Upper} at position {tag.Position} is not valid WKT ({ex.Message.TrimEnd('.')}).", tag.Position);
            }
            return Checked(geometry, tag);
        }

        private Cql2Geometry ParseBbox(Token tag)
        {
            if (!Current.Is("(")) throw Fail("expected '(' after BBOX", Current);
            Next();
            var n = new List<double>();
            while (true)
            {
                var t = Current;
                if (t.Kind != TokenKind.Number || !double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw Fail("expected a number in BBOX(…)", t);
                Next();
                n.Add(v);
                if (Current.Is(")")) { Next(); break; }
                if (!Current.Is(",")) throw Fail("expected ',' or ')' in BBOX(…)", Current);
                Next();
            }
            if (n.Count is not (4 or 6))
                throw new Cql2Exception($"filter: BBOX at position {tag.Position} has {n.Count} numbers; it takes 4 (west, south, east, north) or 6 (with the lowest and highest elevation).", tag.Position);
            var (x0, y0, x1, y1) = n.Count == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
            if (latitudeFirst) (x0, y0, x1, y1) = (y0, x0, y1, x1);
            var f = Wgs84.CreateGeometryFactory();
            if (y0 > y1) throw new Cql2Exception($"filter: BBOX at position {tag.Position} has its south edge above its north edge.", tag.Position);
            // A box whose west edge is east of its east edge crosses the antimeridian: two boxes.
            Geometry box = x0 <= x1
                ? f.ToGeometry(new Envelope(x0, x1, y0, y1))
                : f.CreateMultiPolygon([(Polygon)f.ToGeometry(new Envelope(x0, 180, y0, y1)), (Polygon)f.ToGeometry(new Envelope(-180, x1, y0, y1))]);
            InRange(box, tag);
            var canonical = string.Join(",", new[] { x0, y0, x1, y1 }.Select(Cql2Literal.FormatNumber));
            return new Cql2Geometry(box, $"BBOX({canonical})", tag.Position);
        }

        private Cql2Geometry Checked(Geometry geometry, Token tag)
        {
            if (latitudeFirst) geometry.Apply(new SwapAxes());
            InRange(geometry, tag);
            var invalid = new IsValidOp(geometry).ValidationError;
            if (invalid is not null)
                throw new Cql2Exception($"filter: the {tag.Upper} at position {tag.Position} is not a valid geometry ({invalid.Message.ToLowerInvariant()} near {Cql2Literal.FormatNumber(invalid.Coordinate.X)} {Cql2Literal.FormatNumber(invalid.Coordinate.Y)}).", tag.Position);
            return Cql2Geometry.FromWkt(geometry, tag.Position);
        }

        private void InRange(Geometry g, Token tag)
        {
            foreach (var c in g.Coordinates)
                if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                    throw new Cql2Exception($"filter: the {tag.Upper} at position {tag.Position} has the point {Cql2Literal.FormatNumber(c.X)} {Cql2Literal.FormatNumber(c.Y)} outside longitudes -180..180 and latitudes -90..90" +
                                            (latitudeFirst ? " (with filter-crs EPSG:4326, latitude comes first)." : " (longitude comes first)."), tag.Position);
        }

        private void Enter(Token t)
        {
            if (++_depth > limits.MaxDepth)
                throw new Cql2Exception($"filter: nested more than {limits.MaxDepth} levels deep at position {t.Position}.", t.Position);
        }

        private void Count(Token t)
        {
            if (++_nodes > limits.MaxNodes)
                throw new Cql2Exception($"filter: more than {limits.MaxNodes} conditions, operators and values (at position {t.Position}); split the question into simpler filters.", t.Position);
        }

        private static Cql2Exception Fail(string expected, Token found, string? why = null)
        {
            var at = $"filter: {expected} at position {found.Position}{(why is null ? "" : " " + why)}";
            return new Cql2Exception(found.Kind == TokenKind.End ? $"{at}, but the filter ends there." : $"{at}, found {found.Describe()}.", found.Position);
        }

        private static Cql2Exception Unsupported(Token t)
        {
            var name = t.Upper;
            var why = name switch
            {
                "CASEI" or "ACCENTI" => $"{name} (case- and accent-insensitive comparison) is not supported; compare the exact text, or use LIKE with both spellings",
                _ when name.StartsWith("T_", StringComparison.Ordinal) || name == "INTERVAL" => $"the temporal function {name} is not supported; compare dates with <, >, BETWEEN (startDate >= DATE('2022-01-01'))",
                _ when name.StartsWith("A_", StringComparison.Ordinal) => $"the array function {name} is not supported",
                _ when GeometryTags.Contains(name) || name == "BBOX" => $"a geometry ({name}) can only be an argument of a spatial function such as S_INTERSECTS(geometry, {name}(…))",
                _ => $"unknown function '{t.Text}'; the functions are {string.Join(", ", SpatialFunctions.Keys)}",
            };
            return new Cql2Exception($"filter: {why} (position {t.Position}).", t.Position);
        }
    }

    /// <summary>EPSG:4326 lists latitude first; CRS84, the storage order, longitude first.</summary>
    private sealed class SwapAxes : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            seq.SetX(i, seq.GetY(i));
            seq.SetY(i, x);
        }
    }
}
