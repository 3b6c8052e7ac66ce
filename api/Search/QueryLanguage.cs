using System.Text;

namespace FrontrunnerAtlas.Api.Search;

public enum ClauseKind { Word, Phrase, Prefix }

/// <summary>One part of a query: a word, a "phrase" or a prefix*, maybe limited to a field, maybe excluded.</summary>
public sealed record QueryClause(ClauseKind Kind, string Text, string? Field, bool Excluded, int Position);

/// <summary>A query the user can fix; the message says what is wrong and where (1-based character position).</summary>
public sealed class SearchSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}

/// <summary>
/// The search box language: words (all must match), "phrases", prefix*, title:word and place:word, -excluded.
/// Everything else is plain text, so no input can make the parser fail except an unclosed quote or a query
/// past the configured size; those are explained, never thrown as a server error.
/// </summary>
public static class QueryLanguage
{
    public static readonly string[] Fields = ["title", "place"];

    public static List<QueryClause> Parse(string? query, int maxLength = 500, int maxClauses = 24)
    {
        var clauses = new List<QueryClause>();
        if (string.IsNullOrWhiteSpace(query)) return clauses;
        if (query.Length > maxLength)
            throw new SearchSyntaxException($"The query is {query.Length} characters long; at most {maxLength} are allowed.", maxLength + 1);
        var q = Clean(query);
        var i = 0;
        while (i < q.Length)
        {
            if (char.IsWhiteSpace(q[i])) { i++; continue; }
            var start = i;
            var excluded = false;
            if (q[i] == '-' && i + 1 < q.Length && !char.IsWhiteSpace(q[i + 1])) { excluded = true; i++; }
            string? field = null;
            foreach (var f in Fields)
                if (string.Compare(q, i, f + ":", 0, f.Length + 1, StringComparison.OrdinalIgnoreCase) == 0 && i + f.Length + 1 < q.Length && !char.IsWhiteSpace(q[i + f.Length + 1]))
                {
                    field = f;
                    i += f.Length + 1;
                    break;
                }
            if (q[i] == '"')
            {
                var close = q.IndexOf('"', i + 1);
                if (close < 0) throw new SearchSyntaxException($"The quote opened at position {i + 1} is not closed.", i + 1);
                var phrase = q[(i + 1)..close].Trim();
                if (phrase.Length > 0) clauses.Add(new QueryClause(ClauseKind.Phrase, phrase, field, excluded, start + 1));
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] != '"') end++;
                var word = q[i..end];
                i = end;
                var prefix = word.EndsWith('*');
                word = word.Trim('*');
                if (word.Length == 0) continue;
                clauses.Add(new QueryClause(prefix ? ClauseKind.Prefix : ClauseKind.Word, word, field, excluded, start + 1));
            }
            if (clauses.Count > maxClauses)
                throw new SearchSyntaxException($"The query has more than {maxClauses} words, phrases or prefixes.", start + 1);
        }
        return clauses;
    }

    // Control characters and unpaired surrogates carry no meaning in a search box; drop them.
    private static string Clean(string query)
    {
        var sb = new StringBuilder(query.Length);
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1])) { sb.Append(c).Append(query[++i]); continue; }
            if (char.IsSurrogate(c)) { sb.Append(' '); continue; }
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        return sb.ToString();
    }
}
