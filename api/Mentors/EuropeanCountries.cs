namespace FrontrunnerAtlas.Api.Mentors;

/// <summary>
/// Names and official languages (ISO 639-1) of the countries of Europe: the reasons a planner reads ("both in
/// Latvia", "a shared language: Swedish") and the languages of a town that is not a catalogue place. Kept here as
/// data, not a library: .NET's RegionInfo has names but no languages, and twelve lines of facts need no package.
/// </summary>
public static class EuropeanCountries
{
    private static readonly Dictionary<string, (string Name, string[] Languages)> Facts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AD"] = ("Andorra", ["ca"]), ["AL"] = ("Albania", ["sq"]), ["AM"] = ("Armenia", ["hy"]), ["AT"] = ("Austria", ["de"]),
        ["AX"] = ("Åland", ["sv"]), ["AZ"] = ("Azerbaijan", ["az"]), ["BA"] = ("Bosnia and Herzegovina", ["bs", "hr", "sr"]),
        ["BE"] = ("Belgium", ["nl", "fr", "de"]), ["BG"] = ("Bulgaria", ["bg"]), ["BY"] = ("Belarus", ["be", "ru"]),
        ["CH"] = ("Switzerland", ["de", "fr", "it", "rm"]), ["CY"] = ("Cyprus", ["el", "tr"]), ["CZ"] = ("Czechia", ["cs"]),
        ["DE"] = ("Germany", ["de"]), ["DK"] = ("Denmark", ["da"]), ["EE"] = ("Estonia", ["et"]), ["ES"] = ("Spain", ["es"]),
        ["FI"] = ("Finland", ["fi", "sv"]), ["FO"] = ("the Faroe Islands", ["fo", "da"]), ["FR"] = ("France", ["fr"]),
        ["GB"] = ("the United Kingdom", ["en"]), ["GE"] = ("Georgia", ["ka"]), ["GG"] = ("Guernsey", ["en"]),
        ["GI"] = ("Gibraltar", ["en"]), ["GR"] = ("Greece", ["el"]), ["HR"] = ("Croatia", ["hr"]), ["HU"] = ("Hungary", ["hu"]),
        ["IE"] = ("Ireland", ["en", "ga"]), ["IM"] = ("the Isle of Man", ["en"]), ["IS"] = ("Iceland", ["is"]),
        ["IT"] = ("Italy", ["it"]), ["JE"] = ("Jersey", ["en"]), ["LI"] = ("Liechtenstein", ["de"]), ["LT"] = ("Lithuania", ["lt"]),
        ["LU"] = ("Luxembourg", ["lb", "fr", "de"]), ["LV"] = ("Latvia", ["lv"]), ["MC"] = ("Monaco", ["fr"]),
        ["MD"] = ("Moldova", ["ro"]), ["ME"] = ("Montenegro", ["sr"]), ["MK"] = ("North Macedonia", ["mk", "sq"]),
        ["MT"] = ("Malta", ["mt", "en"]), ["NL"] = ("the Netherlands", ["nl"]), ["NO"] = ("Norway", ["no"]),
        ["PL"] = ("Poland", ["pl"]), ["PT"] = ("Portugal", ["pt"]), ["RO"] = ("Romania", ["ro"]), ["RS"] = ("Serbia", ["sr"]),
        ["RU"] = ("Russia", ["ru"]), ["SE"] = ("Sweden", ["sv"]), ["SI"] = ("Slovenia", ["sl"]), ["SJ"] = ("Svalbard and Jan Mayen", ["no"]),
        ["SK"] = ("Slovakia", ["sk"]), ["SM"] = ("San Marino", ["it"]), ["TR"] = ("Türkiye", ["tr"]), ["UA"] = ("Ukraine", ["uk"]),
        ["VA"] = ("Vatican City", ["it"]), ["XK"] = ("Kosovo", ["sq", "sr"]),
    };

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["az"] = "Azerbaijani", ["be"] = "Belarusian", ["bg"] = "Bulgarian", ["bs"] = "Bosnian", ["ca"] = "Catalan", ["cs"] = "Czech",
        ["da"] = "Danish", ["de"] = "German", ["el"] = "Greek", ["en"] = "English", ["es"] = "Spanish", ["et"] = "Estonian",
        ["fi"] = "Finnish", ["fo"] = "Faroese", ["fr"] = "French", ["ga"] = "Irish", ["hr"] = "Croatian", ["hu"] = "Hungarian",
        ["hy"] = "Armenian", ["is"] = "Icelandic", ["it"] = "Italian", ["ka"] = "Georgian", ["lb"] = "Luxembourgish",
        ["lt"] = "Lithuanian", ["lv"] = "Latvian", ["mk"] = "Macedonian", ["mt"] = "Maltese", ["nl"] = "Dutch", ["no"] = "Norwegian",
        ["pl"] = "Polish", ["pt"] = "Portuguese", ["rm"] = "Romansh", ["ro"] = "Romanian", ["ru"] = "Russian", ["sk"] = "Slovak",
        ["sl"] = "Slovenian", ["sq"] = "Albanian", ["sr"] = "Serbian", ["sv"] = "Swedish", ["tr"] = "Turkish", ["uk"] = "Ukrainian",
    };

    public static bool IsKnown(string code) => Facts.ContainsKey(code);

    /// <summary>"Latvia", "the Netherlands"; the code itself for a country outside the list.</summary>
    public static string Name(string code) => Facts.TryGetValue(code, out var f) ? f.Name : code;

    /// <summary>The official languages of a country, most spoken first; none for a country outside the list.</summary>
    public static IReadOnlyList<string> Languages(string code) => Facts.TryGetValue(code, out var f) ? f.Languages : [];

    public static string LanguageName(string code) => LanguageNames.GetValueOrDefault(code, code);
}
