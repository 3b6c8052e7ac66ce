using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>What a query matched on, per field, so the highlighter can mark the same words.</summary>
public sealed class MatchTerms
{
    private static readonly string[] FoldedFields = [F.Folded, F.TitleFolded, F.PlaceFolded];
    private readonly Dictionary<string, IReadOnlySet<string>> _byField = [];
    private IReadOnlySet<string>? _folded;
    private IReadOnlyList<string>? _foldedPrefixes;

    public HashSet<(string Field, string Term)> Terms { get; } = [];
    public HashSet<(string Field, string Prefix)> Prefixes { get; } = [];

    // Looked up for every hit's highlight: computed once per query.
    public IReadOnlySet<string> For(string field)
    {
        if (!_byField.TryGetValue(field, out var set))
            _byField[field] = set = Terms.Where(t => t.Field == field).Select(t => t.Term).ToHashSet();
        return set;
    }

    public IReadOnlySet<string> ForFolded => _folded ??= Terms.Where(t => FoldedFields.Contains(t.Field)).Select(t => t.Term).ToHashSet();

    public IReadOnlyList<string> FoldedPrefixes => _foldedPrefixes ??= Prefixes.Where(p => FoldedFields.Contains(p.Field)).Select(p => p.Prefix).Distinct().ToList();
}

/// <summary>A thesaurus concept a query met, and the query of its labels (to tell which hits it found).</summary>
public sealed record MatchedConcept(ConceptRef Concept, Query Labels);

/// <summary>Turns parsed clauses into a Lucene query over every language field of the index.</summary>
public static class QueryBuilder
{
    private static readonly string[] TextFields = [F.Folded, .. AtlasAnalyzers.Languages.Select(AtlasAnalyzers.TextField)];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string[]> PresentFields = new();

    /// <summary>The text fields that hold anything in this reader: no need to analyse a query for absent languages.</summary>
    public static string[] FieldsIn(IndexReader reader) => PresentFields.GetValue(reader.CombinedCoreAndDeletesKey, _ =>
    {
        var indexed = MultiFields.GetIndexedFields(reader);
        return TextFields.Where(indexed.Contains).ToArray();
    });

    /// <summary>
    /// The query: every clause must match. With a thesaurus, a word, a run of words or a phrase that is a concept's
    /// label becomes (the words as typed) OR (the concept's labels in every language, at a lower weight), and the
    /// concepts it met are added to <paramref name="matched"/>.
    /// </summary>
    public static Query Build(IReadOnlyList<QueryClause> clauses, MatchTerms terms, string[]? fields = null,
        Thesaurus? thesaurus = null, IndexReader? reader = null, float expansionBoost = 0.25f, List<MatchedConcept>? matched = null)
    {
        fields ??= TextFields;
        var root = new BooleanQuery();
        for (var i = 0; i < clauses.Count; i++)
        {
            if (thesaurus is { Concepts.Count: > 0 } && reader is not null
                && Expanded(clauses, i, terms, fields, thesaurus, reader, expansionBoost, matched) is var (expanded, used))
            {
                root.Add(expanded, Occur.MUST);
                i += used - 1;
                continue;
            }
            var clause = clauses[i];
            var q = clause.Kind == ClauseKind.Prefix ? Prefix(clause, terms) : Text(clause, terms, fields);
            if (q is null)
            {
                // A word that analyses to nothing (punctuation only) cannot match; as an exclusion it excludes nothing.
                if (!clause.Excluded) return new BooleanQuery();
                continue;
            }
            root.Add(q, clause.Excluded ? Occur.MUST_NOT : Occur.MUST);
        }
        if (!root.Clauses.Any(c => c.Occur == Occur.MUST)) root.Add(new MatchAllDocsQuery(), Occur.MUST);
        return root;
    }

    private static bool Expandable(QueryClause c) => !c.Excluded && c.Field is null && c.Kind is ClauseKind.Word or ClauseKind.Phrase;

    /// <summary>The longest run of words from <paramref name="start"/> (or the phrase there) that is a concept's label, expanded.</summary>
    private static (Query Query, int Used)? Expanded(IReadOnlyList<QueryClause> clauses, int start, MatchTerms terms, string[] fields,
        Thesaurus thesaurus, IndexReader reader, float boost, List<MatchedConcept>? matched)
    {
        if (!Expandable(clauses[start])) return null;
        var run = 1;
        if (clauses[start].Kind == ClauseKind.Word)
            while (run < thesaurus.MaxWords && start + run < clauses.Count && clauses[start + run] is { Kind: ClauseKind.Word } next && Expandable(next)) run++;
        for (var n = run; n >= 1; n--)
        {
            var span = clauses.Skip(start).Take(n).ToList();
            var concepts = thesaurus.Match(string.Join(' ', span.Select(c => c.Text)));
            if (concepts.Count == 0) continue;
            // What the words as typed search in each field, to leave out labels that would search the same again.
            var typed = new Dictionary<string, List<string>>();
            var originals = span.Select(c => Text(c, terms, fields, typed)).ToList();
            if (originals.Any(o => o is null)) return null;
            var original = originals[0]!;
            if (n > 1)
            {
                var all = new BooleanQuery();
                foreach (var o in originals) all.Add(o, Occur.MUST);
                original = all;
            }
            var expansion = new BooleanQuery();
            var inIndex = false;
            foreach (var (concept, label) in concepts)
            {
                // Only the labels this index holds, built once per index reader (the query objects are shared, never changed).
                if (Thesaurus.Expansion(concept, reader) is not { } e) continue;
                inIndex = true;
                matched?.Add(new MatchedConcept(new ConceptRef(concept.Id, label), e.Labels));
                var labels = new BooleanQuery();
                foreach (var (field, tokens) in e.LabelTerms)
                {
                    foreach (var t in tokens) terms.Terms.Add((field, t));
                    // A label that is the typed words in the same field ("district heating" typed in English) only finds
                    // documents the words as typed find already (they need every word, in any field): it would score them
                    // a second time at a lower weight, and a phrase of common words is the costliest clause of the query.
                    if (typed.TryGetValue(field, out var same) && same.Count == tokens.Length && same.Order().SequenceEqual(tokens.Order())) continue;
                    labels.Add(Terms(field, tokens, Thesaurus.Slop), Occur.SHOULD);
                }
                if (labels.Clauses.Count > 0) expansion.Add(labels, Occur.SHOULD);
            }
            if (!inIndex) return null;
            // Every label the index holds is the typed words themselves: the concept is still named on its hits.
            if (expansion.Clauses.Count == 0) return (original, n);
            // The words as typed at full weight, the other languages' labels lower: an original-language match ranks first.
            expansion.Boost = boost;
            return (new BooleanQuery { { original, Occur.SHOULD }, { expansion, Occur.SHOULD } }, n);
        }
        return null;
    }

    /// <summary>The typo-tolerant form: every included word may be 1 (short words) or 2 (long words) edits away.</summary>
    public static Query? BuildFuzzy(IReadOnlyList<QueryClause> clauses, IndexReader reader, MatchTerms terms, out string? didYouMean)
    {
        var fields = FieldsIn(reader);
        didYouMean = null;
        var root = new BooleanQuery();
        var suggestion = new List<string>();
        var changed = false;
        foreach (var clause in clauses)
        {
            if (clause.Kind != ClauseKind.Word || clause.Excluded)
            {
                var q = clause.Kind == ClauseKind.Prefix ? Prefix(clause, terms) : Text(clause, terms, fields);
                if (q is null) continue;
                root.Add(q, clause.Excluded ? Occur.MUST_NOT : Occur.MUST);
                if (!clause.Excluded) suggestion.Add(clause.Kind == ClauseKind.Phrase ? $"\"{clause.Text}\"" : clause.Text);
                continue;
            }
            var field = FieldOf(clause.Field);
            var tokens = AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, field, clause.Text);
            if (tokens.Count == 0) return null;
            var words = new List<string>();
            foreach (var token in tokens)
            {
                var edits = token.Length <= 5 ? 1 : 2;
                var candidates = Candidates(reader, field, token, edits);
                var best = BestTerm(candidates);
                if (best is null) return null; // nothing within reach: no fuzzy answer either
                words.Add(best);
                changed |= best != token;
                terms.Terms.Add((field, best));
                root.Add(Closest(field, candidates), Occur.MUST);
                foreach (var near in candidates.OrderByDescending(c => c.Boost).Take(20)) terms.Terms.Add((field, near.Term));
            }
            suggestion.Add(string.Join(' ', words));
        }
        if (!root.Clauses.Any(c => c.Occur == Occur.MUST)) return null;
        if (changed) didYouMean = string.Join(' ', suggestion);
        return root;
    }

    private static string FieldOf(string? field) => field switch
    {
        "title" => F.TitleFolded,
        "place" => F.PlaceFolded,
        _ => F.Folded,
    };

    private static Query? Text(QueryClause clause, MatchTerms terms, string[] present, Dictionary<string, List<string>>? analysed = null)
    {
        var fields = clause.Field is null ? present.Append(F.TitleFolded) : [FieldOf(clause.Field)];
        var any = new BooleanQuery();
        foreach (var field in fields)
        {
            var analyzer = field.StartsWith("text_", StringComparison.Ordinal)
                ? AtlasAnalyzers.For(field["text_".Length..])
                : AtlasAnalyzers.Folded;
            var tokens = AtlasAnalyzers.Terms(analyzer, field, clause.Text);
            if (tokens.Count == 0) continue;
            if (analysed is not null)
            {
                if (!analysed.TryGetValue(field, out var all)) analysed[field] = all = [];
                all.AddRange(tokens);
            }
            var q = Terms(field, tokens);
            // A match in the title weighs more than one in the body.
            if (field == F.TitleFolded) q.Boost = 2f;
            any.Add(q, Occur.SHOULD);
            foreach (var t in tokens) terms.Terms.Add((field, t));
        }
        return any.Clauses.Count == 0 ? null : any;
    }

    /// <summary>One analysed word as a term, several as a phrase (its words up to <paramref name="slop"/> moves apart).</summary>
    internal static Query Terms(string field, IReadOnlyList<string> tokens, int slop = 0)
    {
        if (tokens.Count == 1) return new TermQuery(new Term(field, tokens[0]));
        var phrase = new PhraseQuery { Slop = slop };
        foreach (var t in tokens) phrase.Add(new Term(field, t));
        return phrase;
    }

    private static Query? Prefix(QueryClause clause, MatchTerms terms)
    {
        var field = FieldOf(clause.Field);
        var tokens = AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, field, clause.Text);
        if (tokens.Count == 0) return null;
        var last = tokens[^1];
        if (last.Length < 2)
            throw new SearchSyntaxException($"'{clause.Text}*' at position {clause.Position}: a prefix needs at least 2 letters before the *.", clause.Position);
        var all = new BooleanQuery();
        foreach (var t in tokens.Take(tokens.Count - 1))
        {
            all.Add(new TermQuery(new Term(field, t)), Occur.MUST);
            terms.Terms.Add((field, t));
        }
        all.Add(new PrefixQuery(new Term(field, last)), Occur.MUST);
        terms.Prefixes.Add((field, last));
        return all;
    }

    /// <summary>
    /// The ten closest terms, each weighted by its closeness: what FuzzyQuery(edits, prefix 1, 10 expansions) rewrites
    /// to, from the terms already enumerated rather than from a second Levenshtein automaton (building those automata
    /// was most of a typo query's time).
    /// </summary>
    private static Query Closest(string field, List<(string Term, int Freq, float Boost)> candidates)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var (term, _, boost) in candidates.OrderByDescending(c => c.Boost).ThenBy(c => c.Term, StringComparer.Ordinal).Take(10))
            any.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
        return any;
    }

    /// <summary>The most frequent indexed term within the edit distance (the exact word wins when it exists).</summary>
    private static string? BestTerm(List<(string Term, int Freq, float Boost)> candidates)
    {
        string? best = null;
        var bestFreq = -1;
        var bestBoost = float.MinValue;
        foreach (var (term, freq, boost) in candidates)
            if (boost > bestBoost || (boost == bestBoost && freq > bestFreq))
            {
                best = term; bestFreq = freq; bestBoost = boost;
            }
        return best;
    }

    // A typo comes back with every filter and page: its neighbours are looked up once per index reader.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Collections.Concurrent.ConcurrentDictionary<(string, string, int), List<(string Term, int Freq, float Boost)>>> KnownCandidates = new();

    private static List<(string Term, int Freq, float Boost)> Candidates(IndexReader reader, string field, string token, int edits)
    {
        var known = KnownCandidates.GetValue(reader.CombinedCoreAndDeletesKey, _ => new());
        if (known.TryGetValue((field, token, edits), out var found)) return found;
        if (known.Count >= 10_000) known.Clear();
        return known[(field, token, edits)] = CandidatesUncached(reader, field, token, edits);
    }

    private static List<(string Term, int Freq, float Boost)> CandidatesUncached(IndexReader reader, string field, string token, int edits)
    {
        var result = new Dictionary<string, (int Freq, float Boost)>();
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null) return [];
        var attributes = new AttributeSource();
        var boostAtt = attributes.AddAttribute<IBoostAttribute>();
        var e = new FuzzyTermsEnum(terms, attributes, new Term(field, token), edits, 1, true);
        var n = 0;
        while (e.MoveNext() && n++ < 500)
        {
            var text = e.Term.Utf8ToString();
            result[text] = (e.DocFreq, boostAtt.Boost);
        }
        return result.Select(r => (r.Key, r.Value.Freq, r.Value.Boost)).ToList();
    }
}
