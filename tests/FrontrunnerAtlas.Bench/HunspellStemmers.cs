using System.Collections.Concurrent;
using System.Diagnostics;
using FrontrunnerAtlas.Api.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using HunspellDictionary = Lucene.Net.Analysis.Hunspell.Dictionary;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// Hunspell stemming (Lucene.Net.Analysis.Hunspell with Debian's dictionaries) in place of the service's built-in
/// stemmers, for the comparison in docs/benchmarks.md: `./atlas bench recall --hunspell et,lv,lt,pl` and
/// `./atlas bench search --hunspell ...` (raw Lucene only). It lives in the benchmark, not in the service: it measured
/// worse or no better and slower than the light stemmers, so the service does not ship it.
/// </summary>
internal static class HunspellStemmers
{
    /// <summary>Debian's packages and the files they install in /usr/share/hunspell. Finnish has none in Debian.</summary>
    private static readonly Dictionary<string, (string File, string Package)> Known = new()
    {
        ["et"] = ("et_EE", "myspell-et"), ["lv"] = ("lv_LV", "hunspell-lv"), ["lt"] = ("lt_LT", "hunspell-lt"), ["pl"] = ("pl_PL", "hunspell-pl"),
    };

    /// <summary>Applies `--hunspell xx,yy [--hunspell-path dir]`; returns the languages now stemmed with Hunspell.</summary>
    public static List<string> Apply(string[] args)
    {
        var i = Array.IndexOf(args, "--hunspell");
        var languages = i >= 0 && i + 1 < args.Length ? args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() : [];
        var p = Array.IndexOf(args, "--hunspell-path");
        var folder = p >= 0 && p + 1 < args.Length ? args[p + 1] : "/usr/share/hunspell";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ISO-8859-2, -13, -15 files
        foreach (var language in languages)
        {
            if (!Known.TryGetValue(language, out var known))
                throw new ArgumentException($"--hunspell: no Hunspell dictionary for '{language}' (known: {string.Join(", ", Known.Keys)}; Finnish has none in Debian).");
            var aff = Path.Combine(folder, known.File + ".aff");
            var dic = Path.Combine(folder, known.File + ".dic");
            if (!File.Exists(aff) || !File.Exists(dic))
                throw new FileNotFoundException($"--hunspell {language}: {aff} or {dic} is missing; install {known.Package} (./atlas bench does with --hunspell) or give --hunspell-path.");
            var clock = Stopwatch.StartNew();
            HunspellDictionary dictionary;
            using (var affix = File.OpenRead(aff))
            using (var words = File.OpenRead(dic))
                dictionary = new HunspellDictionary(affix, words);
            Console.WriteLine($"Hunspell {known.File}: dictionary loaded in {clock.Elapsed.TotalSeconds:F1} s");
            AtlasAnalyzers.Replace(language, Build(language, new Lemmas(dictionary)));
        }
        Console.WriteLine($"stemmers: Hunspell for {(languages.Count == 0 ? "no language" : string.Join(", ", languages))}, built-in for the others");
        return languages;
    }

    /// <summary>
    /// As the built-in analyzer of the language, with Hunspell in place of the stemmer: lower-case, the stem, then
    /// ASCII-folded (Estonian, Lithuanian, Polish, like their light analyzers); Latvian keeps its letters and its stop
    /// words, like Lucene's LatvianAnalyzer. The stem is taken before folding: the dictionaries spell with diacritics.
    /// </summary>
    private static Analyzer Build(string language, Lemmas lemmas) => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(AtlasAnalyzers.Version, reader);
        TokenStream stream = new LowerCaseFilter(AtlasAnalyzers.Version, source);
        if (language == "lv") stream = new StopFilter(AtlasAnalyzers.Version, stream, Lucene.Net.Analysis.Lv.LatvianAnalyzer.DefaultStopSet);
        stream = new StemFilter(stream, lemmas);
        if (language != "lv") stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>
    /// One stem per word: a word Hunspell does not know, or knows only as itself, stays; otherwise the shortest stem
    /// other than the word (Polish "miasta" has the stems "miasta" and "miasto"; "miasto" is the one "miastach" and
    /// "miastem" meet). One term per word, as the light stemmers give, keeps phrases and highlights as they are.
    /// Each word is looked up once (a catalogue's vocabulary is small next to its text).
    /// </summary>
    private sealed class Lemmas(HunspellDictionary dictionary)
    {
        private readonly ConcurrentDictionary<string, string> _cache = new();
        private readonly Analyzer _stems = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new KeywordTokenizer(reader);
            return new TokenStreamComponents(source, new Lucene.Net.Analysis.Hunspell.HunspellStemFilter(source, dictionary, true, false));
        });

        public string Of(string word) => _cache.GetOrAdd(word, w =>
        {
            var best = w;
            foreach (var stem in AtlasAnalyzers.Terms(_stems, "", w))
                if (stem != w && (best == w || stem.Length < best.Length || (stem.Length == best.Length && string.CompareOrdinal(stem, best) < 0)))
                    best = stem;
            return best;
        });
    }

    private sealed class StemFilter : TokenFilter
    {
        private readonly Lemmas _lemmas;
        private readonly ICharTermAttribute _term;

        public StemFilter(TokenStream input, Lemmas lemmas) : base(input)
        {
            _lemmas = lemmas;
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var word = _term.ToString();
            var stem = _lemmas.Of(word);
            if (stem != word) _term.SetEmpty().Append(stem);
            return true;
        }
    }
}
