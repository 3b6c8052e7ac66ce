using System.Globalization;
using System.Text;

namespace FrontrunnerAtlas.Tests.Docker;

/// <summary>
/// Reads the block-style YAML that `docker-compose config` prints (PyYAML's safe_dump: nested mappings,
/// indentless sequences, plain and quoted scalars folded at 80 columns, <c>{}</c> and <c>[]</c>) into
/// dictionaries, lists and strings. Not a general YAML parser: anchors, tags, flow collections with content
/// and block scalars (<c>|</c>, <c>&gt;</c>) are rejected with a <see cref="FormatException"/>.
/// </summary>
internal static class BlockYaml
{
    public static object? Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#') && l != "---" && l != "...")
            .Select(l => new Line(l.Length - l.TrimStart(' ').Length, l.TrimStart(' ')))
            .ToList();
        var reader = new Reader(lines);
        var node = reader.Node(0);
        if (reader.Pos < lines.Count) throw new FormatException($"Unexpected line: '{lines[reader.Pos].Text}'.");
        return node;
    }

    private readonly record struct Line(int Indent, string Text);

    private sealed class Reader(List<Line> lines)
    {
        public int Pos;
        private bool More => Pos < lines.Count;
        private Line Cur => lines[Pos];

        public object? Node(int minIndent)
        {
            if (!More || Cur.Indent < minIndent) return null;
            return IsItem(Cur.Text) ? Sequence(Cur.Indent) : Mapping(Cur.Indent);
        }

        private static bool IsItem(string text) => text == "-" || text.StartsWith("- ", StringComparison.Ordinal);

        private Dictionary<string, object?> Mapping(int indent)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (More && Cur.Indent == indent && !IsItem(Cur.Text))
            {
                var (key, rest) = SplitKey(Cur.Text) ?? throw new FormatException($"Expected 'key:' in '{Cur.Text}'.");
                Pos++;
                if (!map.TryAdd(key, Value(rest, indent, inSequence: false)))
                    throw new FormatException($"Duplicate key '{key}'.");
            }
            if (More && Cur.Indent > indent) throw new FormatException($"Unexpected indentation at '{Cur.Text}'.");
            return map;
        }

        private List<object?> Sequence(int indent)
        {
            var list = new List<object?>();
            while (More && Cur.Indent == indent && IsItem(Cur.Text))
            {
                var rest = Cur.Text.Length == 1 ? "" : Cur.Text[2..].TrimStart(' ');
                if (rest.Length > 0 && SplitKey(rest) is not null)
                {
                    // "- key: value": a mapping whose first entry shares the dash's line.
                    lines[Pos] = new Line(indent + Cur.Text.Length - rest.Length, rest);
                    list.Add(Mapping(lines[Pos].Indent));
                }
                else
                {
                    Pos++;
                    list.Add(Value(rest, indent, inSequence: true));
                }
            }
            return list;
        }

        // The value after "key:" or "- " on a line of the given indentation.
        private object? Value(string rest, int indent, bool inSequence)
        {
            if (rest.Length > 0) return Scalar(rest, indent);
            if (More && Cur.Indent > indent) return Node(Cur.Indent);
            // PyYAML writes a mapping's sequence at the key's own indentation.
            if (!inSequence && More && Cur.Indent == indent && IsItem(Cur.Text)) return Sequence(indent);
            return null;
        }

        private object? Scalar(string first, int indent)
        {
            if (first[0] is '|' or '>' or '&' or '*' or '!') throw new FormatException($"Unsupported YAML: '{first}'.");
            var text = first;
            // Lines indented deeper than the key continue the scalar (folded: one space per line break).
            while (More && Cur.Indent > indent)
            {
                text = text.EndsWith('\\') && text.StartsWith('"') ? text[..^1] + Cur.Text : text + " " + Cur.Text;
                Pos++;
            }
            switch (text)
            {
                case "{}": return new Dictionary<string, object?>(StringComparer.Ordinal);
                case "[]": return new List<object?>();
                case "null" or "~": return null;
            }
            if (text[0] is '{' or '[') throw new FormatException($"Unsupported flow collection: '{text}'.");
            if (text[0] == '\'')
                return text.Length >= 2 && text[^1] == '\'' ? text[1..^1].Replace("''", "'") : throw new FormatException($"Unclosed quote: {text}");
            if (text[0] == '"')
                return text.Length >= 2 && text[^1] == '"' ? Unescape(text[1..^1]) : throw new FormatException($"Unclosed quote: {text}");
            return text;
        }

        // "key: rest" or "key:" (a key may be quoted); null when the text is not a mapping entry.
        private static (string Key, string Value)? SplitKey(string text)
        {
            if (text[0] is '\'' or '"')
            {
                var quote = text[0];
                var i = 1;
                while (i < text.Length)
                {
                    if (quote == '\'' && text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'') { i += 2; continue; }
                    if (quote == '"' && text[i] == '\\') { i += 2; continue; }
                    if (text[i] == quote) break;
                    i++;
                }
                if (i >= text.Length) return null;
                var after = text[(i + 1)..];
                if (after == ":") return ((string)Unquote(text[..(i + 1)]), "");
                if (after.StartsWith(": ", StringComparison.Ordinal)) return ((string)Unquote(text[..(i + 1)]), after[2..].TrimStart(' '));
                return null;
            }
            var colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0) return (text[..colon], text[(colon + 2)..].TrimStart(' '));
            return text.EndsWith(':') && text.Length > 1 ? (text[..^1], "") : null;
        }

        private static object Unquote(string quoted) =>
            quoted[0] == '\'' ? quoted[1..^1].Replace("''", "'") : Unescape(quoted[1..^1]);
    }

    private static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length) { sb.Append(s[i]); continue; }
            var c = s[++i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'x': sb.Append((char)int.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u': sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: sb.Append(c); break; // \\ \" \/ and "\ " (an escaped space)
            }
        }
        return sb.ToString();
    }
}
