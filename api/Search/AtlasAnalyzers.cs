using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// The analyzers of the index. Each text is indexed with the analyzer of its language (field text_{code});
/// every text is also indexed folded (lower-case, diacritics removed, no stemming) so that "kuldiga" finds
/// "Kuldīga" whatever the language.
/// </summary>
public static class AtlasAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Lower-case and ASCII-folded, not stemmed: the field every query also searches.</summary>
    public static readonly Analyzer Folded = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
    });

    // Lucene.Net.Analysis.Common has no Estonian, Lithuanian or Polish stemmer (Stempel is not available),
    // so those get a light suffix-stripping analyzer of our own.
    private static readonly Dictionary<string, Func<Analyzer>> Factories = new()
    {
        ["en"] = () => new Lucene.Net.Analysis.En.EnglishAnalyzer(Version),
        ["fi"] = () => new Lucene.Net.Analysis.Fi.FinnishAnalyzer(Version),
        ["lv"] = () => new Lucene.Net.Analysis.Lv.LatvianAnalyzer(Version),
        ["de"] = () => new Lucene.Net.Analysis.De.GermanAnalyzer(Version),
        ["sv"] = () => new Lucene.Net.Analysis.Sv.SwedishAnalyzer(Version),
        ["da"] = () => new Lucene.Net.Analysis.Da.DanishAnalyzer(Version),
        ["nb"] = () => new Lucene.Net.Analysis.No.NorwegianAnalyzer(Version),
        ["no"] = () => new Lucene.Net.Analysis.No.NorwegianAnalyzer(Version),
        ["nl"] = () => new Lucene.Net.Analysis.Nl.DutchAnalyzer(Version),
        ["fr"] = () => new Lucene.Net.Analysis.Fr.FrenchAnalyzer(Version),
        ["es"] = () => new Lucene.Net.Analysis.Es.SpanishAnalyzer(Version),
        ["it"] = () => new Lucene.Net.Analysis.It.ItalianAnalyzer(Version),
        ["pt"] = () => new Lucene.Net.Analysis.Pt.PortugueseAnalyzer(Version),
        ["hu"] = () => new Lucene.Net.Analysis.Hu.HungarianAnalyzer(Version),
        ["ro"] = () => new Lucene.Net.Analysis.Ro.RomanianAnalyzer(Version),
        ["cs"] = () => new Lucene.Net.Analysis.Cz.CzechAnalyzer(Version),
        ["bg"] = () => new Lucene.Net.Analysis.Bg.BulgarianAnalyzer(Version),
        ["el"] = () => new Lucene.Net.Analysis.El.GreekAnalyzer(Version),
        ["ru"] = () => new Lucene.Net.Analysis.Ru.RussianAnalyzer(Version),
        ["tr"] = () => new Lucene.Net.Analysis.Tr.TurkishAnalyzer(Version),
        ["ga"] = () => new Lucene.Net.Analysis.Ga.IrishAnalyzer(Version),
        ["ca"] = () => new Lucene.Net.Analysis.Ca.CatalanAnalyzer(Version),
        ["eu"] = () => new Lucene.Net.Analysis.Eu.BasqueAnalyzer(Version),
        ["gl"] = () => new Lucene.Net.Analysis.Gl.GalicianAnalyzer(Version),
        ["et"] = () => LightStemAnalyzer("et"),
        ["lt"] = () => LightStemAnalyzer("lt"),
        ["pl"] = () => LightStemAnalyzer("pl"),
    };

    /// <summary>Language codes with an analyzer of their own; any other language is indexed folded only.</summary>
    public static IReadOnlyCollection<string> Languages => Factories.Keys;

    private static readonly Dictionary<string, Analyzer> Instances = Factories.ToDictionary(f => f.Key, f => f.Value());

    public static string TextField(string language) => "text_" + language;

    public static bool Supports(string? language) => language is not null && Instances.ContainsKey(language);

    public static Analyzer For(string language) => Instances[language];

    /// <summary>
    /// Another analyzer for a language, for measurements only (the recall benchmark's Hunspell comparison); call it
    /// before anything is analysed, since the thesaurus's labels are analysed once, with the analyzers of that moment.
    /// </summary>
    internal static void Replace(string language, Analyzer analyzer) => Instances[language] = analyzer;

    /// <summary>The analyzer for every field of the index, by field name.</summary>
    public static Analyzer PerField()
    {
        var map = new Dictionary<string, Analyzer>();
        foreach (var (code, analyzer) in Instances) map[TextField(code)] = analyzer;
        return new PerFieldAnalyzerWrapper(Folded, map);
    }

    private static Analyzer LightStemAnalyzer(string language) => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new LightStemFilter(stream, language);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>The terms an analyzer makes of a text, in order (for queries and highlighting).</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var result = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) result.Add(term.ToString());
        stream.End();
        return result;
    }
}

/// <summary>
/// Strips the commonest inflectional endings (already ASCII-folded) so that inflected forms of a word meet:
/// Estonian "linnade", "linnas", "linna" → "linn"; Lithuanian "miestų", "miestas" → "miest"; Polish
/// "miastach", "miasta" → "miast". Light on purpose: a stem keeps at least four letters.
/// </summary>
public sealed class LightStemFilter : TokenFilter
{
    private static readonly Dictionary<string, string[]> Suffixes = new()
    {
        // Estonian case endings (plural -de/-te/-d, and the 14 cases' endings), longest first; -ne with its
        // genitive -se, so that "planeerimine" and "planeerimise" meet.
        ["et"] = ["sesse", "dega", "tega", "sest", "sele", "selt", "desse", "tesse", "dele", "tele", "delt", "telt", "deni", "teni", "dena", "tena", "deta", "teta",
                  "sse", "ses", "ga", "st", "le", "lt", "ni", "na", "ta", "de", "te", "se", "ne", "sid", "id", "l", "s", "d", "t"],
        // Lithuanian noun and adjective endings.
        ["lt"] = ["iems", "iams", "uose", "ose", "ems", "ams", "oms", "ims", "ius", "iai", "iu", "ai", "ei", "as", "is", "ys", "us", "os", "es", "a", "e", "i", "o", "u", "y"],
        // Polish noun and adjective endings.
        ["pl"] = ["ach", "ami", "owi", "ego", "emu", "ych", "ymi", "ich", "imi", "om", "em", "ie", "ow", "ej", "a", "e", "i", "o", "u", "y"],
    };

    private readonly string[] _suffixes;
    private readonly ICharTermAttribute _term;

    public LightStemFilter(TokenStream input, string language) : base(input)
    {
        _suffixes = Suffixes[language];
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var length = Strip(_term.Buffer, _term.Length);
        // A final vowel is often the stem vowel of an inflected form (Estonian "linna" ~ "linn").
        if (length > 4 && "aeiouy".Contains(_term.Buffer[length - 1])) length--;
        _term.Length = length;
        return true;
    }

    private int Strip(char[] buffer, int length)
    {
        foreach (var suffix in _suffixes)
        {
            if (length - suffix.Length < 4) continue;
            if (new ReadOnlySpan<char>(buffer, length - suffix.Length, suffix.Length).SequenceEqual(suffix)) return length - suffix.Length;
        }
        return length;
    }
}
