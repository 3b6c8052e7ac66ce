using System.Text;
using Lucene.Net.Analysis.TokenAttributes;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// Marks the words a query matched in a stored text: the text is analysed again with the analyzers of the
/// fields it was indexed in, tokens whose terms the query used are marked, and a fragment around the marks
/// is returned HTML-escaped with matches wrapped in &lt;mark&gt;.
/// </summary>
public static class Highlighter
{
    public const int FragmentLength = 180;

    public static string? Fragment(string? text, string? language, MatchTerms terms)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var spans = new List<(int Start, int End)>();
        // The three folded fields share one analyzer: one pass marks them all.
        Mark(text, F.Folded, AtlasAnalyzers.Folded, terms.ForFolded, terms.FoldedPrefixes, spans);
        Mark(text, AtlasAnalyzers.TextField("en"), AtlasAnalyzers.For("en"), terms.For(AtlasAnalyzers.TextField("en")), [], spans);
        if (AtlasAnalyzers.Supports(language) && language != "en")
            Mark(text, AtlasAnalyzers.TextField(language!), AtlasAnalyzers.For(language!), terms.For(AtlasAnalyzers.TextField(language!)), [], spans);
        if (spans.Count == 0) return null;
        var merged = Merge(spans);

        // A window round the first match, widened to word boundaries.
        var from = 0;
        var to = text.Length;
        if (text.Length > FragmentLength)
        {
            from = Math.Max(0, merged[0].Start - 40);
            while (from > 0 && !char.IsWhiteSpace(text[from - 1])) from--;
            to = Math.Min(text.Length, from + FragmentLength);
            while (to < text.Length && !char.IsWhiteSpace(text[to])) to++;
        }
        var sb = new StringBuilder();
        if (from > 0) sb.Append('…');
        var at = from;
        foreach (var (start, end) in merged)
        {
            if (start < from || end > to) continue;
            sb.Append(Escape(text[at..start])).Append("<mark>").Append(Escape(text[start..end])).Append("</mark>");
            at = end;
        }
        sb.Append(Escape(text[at..to]));
        if (to < text.Length) sb.Append('…');
        return sb.ToString();
    }

    // Only the five characters that matter in HTML text and attributes; letters like "ä" stay as they are.
    internal static string Escape(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    // Marks past this many characters after the first one cannot fall in the window around it (the window is
    // FragmentLength long, widened to whole words): analysis stops there rather than reading a long text to its end.
    private const int ReadPastFirstMark = FragmentLength + 200;

    private static void Mark(string text, string field, Lucene.Net.Analysis.Analyzer analyzer, IReadOnlySet<string> wanted,
        IReadOnlyList<string> prefixes, List<(int Start, int End)> spans)
    {
        if (wanted.Count == 0 && prefixes.Count == 0) return;
        var stop = spans.Count == 0 ? int.MaxValue : spans.Min(s => s.Start) + ReadPastFirstMark;
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && offset.StartOffset <= stop)
        {
            var t = term.ToString();
            if (wanted.Contains(t) || prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)))
            {
                spans.Add((offset.StartOffset, offset.EndOffset));
                stop = Math.Min(stop, offset.StartOffset + ReadPastFirstMark);
            }
        }
        stream.End();
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        var sorted = spans.OrderBy(s => s.Start).ThenByDescending(s => s.End).ToList();
        var merged = new List<(int Start, int End)> { sorted[0] };
        foreach (var s in sorted.Skip(1))
        {
            var last = merged[^1];
            if (s.Start <= last.End) merged[^1] = (last.Start, Math.Max(last.End, s.End));
            else merged.Add(s);
        }
        return merged;
    }
}
