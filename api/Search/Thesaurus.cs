using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>A bad thesaurus file: the message names the file, the concept and what is wrong with it.</summary>
public sealed class ThesaurusException(string message) : Exception(message);

/// <summary>
/// A concept's labels that occur in one index, each once: <see cref="Labels"/> as a query (to tell which hits the
/// concept found) and each label's terms by field (what an expanded query searches and highlights).
/// </summary>
public sealed class ConceptExpansion
{
    public required IReadOnlyList<(string Field, string[] Tokens)> LabelTerms { get; init; }
    public required Query Labels { get; init; }

    internal static ConceptExpansion? Build(Concept c, IndexReader reader)
    {
        var labels = new List<(string Field, string[] Tokens)>();
        var seen = new HashSet<string>();
        foreach (var (field, tokens) in c.Expansions)
            if (seen.Add(field + "\u0000" + string.Join(' ', tokens)) && tokens.All(t => reader.DocFreq(new Term(field, t)) > 0))
                labels.Add((field, tokens));
        if (labels.Count == 0) return null;
        var any = new BooleanQuery();
        // A label of several words matches them near each other in any order: "street renovation" is
        // "renovation of Kesk street", "mobility data" is "mobility lab data".
        foreach (var (field, tokens) in labels) any.Add(QueryBuilder.Terms(field, tokens, Thesaurus.Slop), Occur.SHOULD);
        return new ConceptExpansion { LabelTerms = labels, Labels = any };
    }
}

/// <summary>The concept a search hit matched through, with a label to show.</summary>
public sealed record ConceptRef(string Id, string Label);

/// <summary>One concept of the field (SKOS-like): a preferred label and alternative labels per language.</summary>
public sealed class Concept
{
    public required string Id { get; init; }
    public required string Group { get; init; }
    public required IReadOnlyDictionary<string, string> PrefLabel { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> AltLabel { get; init; }

    /// <summary>Every label with its language, preferred first.</summary>
    public IEnumerable<(string Language, string Label)> Labels =>
        PrefLabel.Select(p => (p.Key, p.Value)).Concat(AltLabel.SelectMany(a => a.Value.Select(v => (a.Key, v))));

    /// <summary>Each label as the terms of its language's field: what an expansion searches for.</summary>
    internal List<(string Field, string[] Tokens)> Expansions { get; } = [];

    public string Label(string language) => PrefLabel.TryGetValue(language, out var l) ? l : PrefLabel["en"];
}

/// <summary>
/// The multilingual thesaurus of data/thesaurus/concepts.json (compiled into the assembly, or a file named by
/// Search:ThesaurusPath). A query word or phrase that is a concept's label in some language, after that
/// language's analysis ("kaupunkipyörät" meets "kaupunkipyörä"), is expanded with the concept's labels in
/// every language, so a Finnish query finds a practice written in Estonian with an English summary.
/// </summary>
public sealed class Thesaurus
{
    /// <summary>Every concept has a preferred label in each of these languages.</summary>
    public static readonly string[] RequiredLanguages = ["en", "et", "lv", "lt", "fi", "pl"];

    public static readonly string[] Groups =
        ["energy", "mobility", "spatial-planning", "climate", "heritage", "participation", "governance", "housing", "data-smart-city", "environment", "economy", "society"];

    /// <summary>No concepts: every query is searched as written.</summary>
    public static readonly Thesaurus Empty = new([], "");

    private const string Folded = "folded";
    private const int LabelSlop = 4;
    private readonly Dictionary<string, Dictionary<string, List<Concept>>> _byKey = [];

    public IReadOnlyList<Concept> Concepts { get; }

    /// <summary>The most words of any label: the longest run of query words worth looking up.</summary>
    public int MaxWords { get; }

    private Thesaurus(List<Concept> concepts, string source)
    {
        Concepts = concepts;
        foreach (var c in concepts)
            foreach (var (language, label) in c.Labels)
            {
                var tokens = AtlasAnalyzers.Terms(AtlasAnalyzers.For(language), AtlasAnalyzers.TextField(language), label);
                if (tokens.Count == 0)
                    throw new ThesaurusException($"{source}: concept '{c.Id}': the {language} label '{label}' has no searchable word (only stop words?).");
                c.Expansions.Add((AtlasAnalyzers.TextField(language), tokens.ToArray()));
                Add(language, string.Join(' ', tokens), c);
                // Folded too, so a query typed without diacritics ("kaupunkipyora") still meets its concept.
                Add(Folded, string.Join(' ', AtlasAnalyzers.Terms(AtlasAnalyzers.Folded, F.Folded, label)), c);
                MaxWords = Math.Max(MaxWords, label.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            }
    }

    private void Add(string language, string key, Concept c)
    {
        if (!_byKey.TryGetValue(language, out var map)) _byKey[language] = map = [];
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        if (!list.Contains(c)) list.Add(c);
    }

    /// <summary>The concepts a text is a label of, each with the label to show (in the language it matched, else English).</summary>
    public IReadOnlyList<(Concept Concept, string Label)> Match(string text)
    {
        // The same words come back with every page, filter and round of typing: analysed in ~30 languages once.
        if (_matches.TryGetValue(text, out var known)) return known;
        var result = MatchUncached(text);
        if (_matches.Count >= MaxCachedMatches) _matches.Clear();
        _matches[text] = result;
        return result;
    }

    private const int MaxCachedMatches = 10_000;
    private readonly ConcurrentDictionary<string, IReadOnlyList<(Concept Concept, string Label)>> _matches = new();

    private List<(Concept Concept, string Label)> MatchUncached(string text)
    {
        var found = new Dictionary<Concept, HashSet<string>>();
        foreach (var (language, map) in _byKey)
        {
            var analyzer = language == Folded ? AtlasAnalyzers.Folded : AtlasAnalyzers.For(language);
            var key = string.Join(' ', AtlasAnalyzers.Terms(analyzer, language == Folded ? F.Folded : AtlasAnalyzers.TextField(language), text));
            if (key.Length == 0 || !map.TryGetValue(key, out var concepts)) continue;
            foreach (var c in concepts)
            {
                if (!found.TryGetValue(c, out var languages)) found[c] = languages = [];
                if (language != Folded) languages.Add(language);
            }
        }
        // One language that matched names the label; a word shared by several (or matched folded only) gets English.
        return found.Select(f => (f.Key, f.Key.Label(f.Value.Count == 1 ? f.Value.First() : "en"))).ToList();
    }

    /// <summary>
    /// The labels of a concept in every language, each in its own language's field, as far as <paramref name="reader"/>
    /// can match them: a label whose words are not all in its field's term dictionary is left out (it cannot match, yet
    /// each of its clauses cost a term lookup per segment on every search), and a label that analyses to the same terms
    /// as another is kept once. Built once per (concept, reader) and cached with the reader: a change to the index makes
    /// a new reader, so the check follows the index. Null when no label of the concept occurs in the index.
    /// An expansion is a separate clause beside the words as typed rather than Lucene's SynonymFilter on the query
    /// analyzer: a SynonymFilter runs inside one language's analyzer (it would stem a Polish label with the English
    /// stemmer), cannot give the typed words a higher weight than their synonyms, and cannot say which concept matched.
    /// </summary>
    public static ConceptExpansion? Expansion(Concept c, IndexReader reader) =>
        ExpansionCache.GetValue(reader.CombinedCoreAndDeletesKey, _ => new ConcurrentDictionary<Concept, ConceptExpansion?>())
            .GetOrAdd(c, concept => ConceptExpansion.Build(concept, reader));

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Concept, ConceptExpansion?>> ExpansionCache = new();

    internal const int Slop = LabelSlop;

    /// <summary>The thesaurus compiled into the service (data/thesaurus/concepts.json).</summary>
    public static Thesaurus Default() => Lazy.Value;

    private static readonly Lazy<Thesaurus> Lazy = new(() =>
    {
        using var stream = typeof(Thesaurus).Assembly.GetManifestResourceStream("thesaurus/concepts.json")
            ?? throw new ThesaurusException("The thesaurus (data/thesaurus/concepts.json) is not compiled into the service.");
        return Parse(new StreamReader(stream).ReadToEnd(), "data/thesaurus/concepts.json");
    });

    public static Thesaurus LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ThesaurusException($"Search:ThesaurusPath names '{path}', which does not exist.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Validates against data/schema/thesaurus.schema.json, then what a schema cannot say.</summary>
    public static Thesaurus Parse(string json, string source)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException ex) { throw new ThesaurusException($"{source}: not JSON ({ex.Message})."); }
        if (root is not JsonArray array) throw new ThesaurusException($"{source}: expected an array of concepts.");

        // The schema first (what a reviewer reads), then what a schema cannot say; each error names the concept.
        var result = SchemaText().Evaluate(JsonSerializer.SerializeToElement(array), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var first = result.Details?.FirstOrDefault(d => !d.IsValid && d.Errors is { Count: > 0 } && d.InstanceLocation.ToString().Length > 1)
                ?? result.Details?.FirstOrDefault(d => d.Errors is { Count: > 0 });
            var pointer = first?.InstanceLocation.ToString() ?? "";
            var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var name = "";
            if (parts.Length > 0 && int.TryParse(parts[0], out var i) && i < array.Count)
                name = array[i]?["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? $" concept '{s}'" : $" concept number {i + 1}";
            var field = parts.Length > 1 ? $", {string.Join('.', parts[1..])}" : "";
            var what = first?.Errors?.Values.FirstOrDefault() ?? "does not match data/schema/thesaurus.schema.json";
            throw new ThesaurusException($"{source}:{name}{field}: {what}");
        }

        var concepts = new List<Concept>();
        var ids = new HashSet<string>();
        foreach (var node in array)
        {
            var id = node!["id"]!.GetValue<string>();
            if (!ids.Add(id)) throw new ThesaurusException($"{source}: concept '{id}' appears twice.");
            var pref = node["prefLabel"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>().Trim());
            var alt = (node["altLabel"]?.AsObject() ?? []).ToDictionary(p => p.Key,
                p => (IReadOnlyList<string>)p.Value!.AsArray().Select(a => a!.GetValue<string>().Trim()).ToList());
            foreach (var language in pref.Keys.Concat(alt.Keys))
                if (!AtlasAnalyzers.Supports(language))
                    throw new ThesaurusException($"{source}: concept '{id}' has labels in '{language}', a language the search has no analyzer for.");
            if (RequiredLanguages.FirstOrDefault(l => !pref.ContainsKey(l)) is { } missing)
                throw new ThesaurusException($"{source}: concept '{id}' has no preferred label in '{missing}' (every concept needs {string.Join(", ", RequiredLanguages)}).");
            foreach (var (language, labels) in alt)
                if (labels.FirstOrDefault(l => l == pref.GetValueOrDefault(language) || labels.Count(x => x == l) > 1) is { } twice)
                    throw new ThesaurusException($"{source}: concept '{id}' repeats the {language} label '{twice}'.");
            concepts.Add(new Concept { Id = id, Group = node["group"]!.GetValue<string>(), PrefLabel = pref, AltLabel = alt });
        }
        return new Thesaurus(concepts, source);
    }

    private static JsonSchema SchemaText()
    {
        using var stream = typeof(Thesaurus).Assembly.GetManifestResourceStream("schema/thesaurus.schema.json")
            ?? throw new ThesaurusException("The thesaurus schema (data/schema/thesaurus.schema.json) is not compiled into the service.");
        return JsonSchema.FromText(new StreamReader(stream).ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
