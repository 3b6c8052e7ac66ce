using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// The API's messages to people (api/Infrastructure/Messages*.resx) are complete: every key the code says is in the
/// English reference, and every language translates every key with the same {0} items, as LanguageTests asks of the
/// web's catalogues. In process: no service, no database.
/// </summary>
public sealed partial class LocalizationTests
{
    private static readonly string Folder = Path.Combine(TestDatabase.RepoRoot, "api", "Infrastructure");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static readonly Dictionary<string, string> English = Read("Messages.resx");

    [Fact]
    public void The_reference_is_the_English_text_itself()
    {
        Assert.NotEmpty(English);
        Assert.All(English, e => Assert.Equal(e.Key, e.Value));
    }

    public static TheoryData<string> Languages => new(Localization.Languages.Where(l => l != "en"));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_is_translated_with_the_same_format_items(string language)
    {
        var translated = Read($"Messages.{language}.resx");
        var missing = English.Keys.Where(k => string.IsNullOrWhiteSpace(translated.GetValueOrDefault(k))).ToList();
        Assert.True(missing.Count == 0, $"{language} lacks: {string.Join(" | ", missing)}");
        var extra = translated.Keys.Except(English.Keys).ToList();
        Assert.True(extra.Count == 0, $"{language} has keys Messages.resx does not: {string.Join(" | ", extra)}");
        foreach (var (key, value) in translated)
        {
            Assert.Equal(Items(key), Items(value));
            // Untranslated: only the few words that are the same in the language (names, codes) may equal the English.
            Assert.False(value == key && key.Length > 12, $"{language} leaves '{key}' in English");
        }
    }

    private static List<string> Items(string text) => FormatItem().Matches(text).Select(m => m.Value).Distinct().Order().ToList();

    [Fact]
    public void Every_text_the_code_localizes_is_a_key_of_the_reference()
    {
        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestDatabase.RepoRoot, "api"), "*.cs", SearchOption.AllDirectories))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in LocalizerCall().Matches(code)) used.Add(m.Groups["key"].Value);
            // The catalogue validator's Fail(field, "message", values): its messages are the literals with a space.
            var validator = Path.GetFileName(file) == "Validator.cs";
            foreach (var line in code.Split('\n').Where(l => validator && l.Contains("Fail(", StringComparison.Ordinal)))
                foreach (Match m in PlainLiteral().Matches(line))
                    if (m.Groups["text"].Value.Contains(' ')) used.Add(m.Groups["text"].Value);
            foreach (Match m in MentorRequest().Matches(code))
            {
                used.Add(m.Groups["title"].Value);
                used.Add(m.Groups["detail"].Value);
            }
        }
        Assert.True(used.Count > 80, $"only {used.Count} keys found: the patterns no longer match the code");
        // Said in words through the localizer: statuses and roles in messages, the default title of a validation problem.
        foreach (var status in Enum.GetValues<MentorshipStatus>()) used.Add(QueryValues.Snake(status));
        foreach (var role in Enum.GetValues<PlaceRole>()) used.Add(QueryValues.Snake(role));
        used.Add(Localization.DefaultValidationTitle);
        // The exception handler's fixed texts (said through the localizer on the people's routes) and the rate limiter's.
        foreach (var ex in new Exception[] { new InvalidCastException(), new TimeoutException(), new BadHttpRequestException("big", 413) })
        {
            var (_, title, detail) = AtlasExceptionHandler.Classify(ex);
            used.UnionWith([title, detail]);
        }
        used.UnionWith([AtlasExceptionHandler.Classify(new BadHttpRequestException("x")).Title, AtlasExceptionHandler.Classify(new System.Text.Json.JsonException()).Title]);
        used.UnionWith(["Too many requests", "Too many requests from this client; wait for the time in Retry-After and try again."]);
        var missing = used.Where(k => !English.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, $"Messages.resx lacks: {string.Join(" | ", missing)}");
    }

    [Fact]
    public void The_built_service_carries_every_language()
    {
        // The satellite assemblies are where the framework reads them, under the name IStringLocalizer<Messages> asks for.
        var resources = new ResourceManager(typeof(Messages).FullName!, typeof(Messages).Assembly);
        const string key = "Invalid access request";
        Assert.Equal("Nieprawidłowa prośba o dostęp", resources.GetString(key, CultureInfo.GetCultureInfo("pl")));
        Assert.Equal("Nederīgs piekļuves pieprasījums", resources.GetString(key, CultureInfo.GetCultureInfo("lv")));
        foreach (var language in Localization.Languages.Where(l => l != "en"))
            Assert.NotEqual(key, resources.GetString(key, CultureInfo.GetCultureInfo(language)));
    }

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex FormatItem();

    // l["text"] and http.Texts()["text"], with or without values after the key.
    [GeneratedRegex("""(?<![A-Za-z0-9_])(?:l|Texts\(\))\["(?<key>(?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LocalizerCall();

    // A plain literal that starts like a message (an interpolated one's closing quote starts nothing).
    [GeneratedRegex(@"""(?<text>[A-Za-z'{][^""]*)""")]
    private static partial Regex PlainLiteral();

    [GeneratedRegex(@"new MentorRequestException\(\d+, ""(?<title>[^""]*)"",\s*""(?<detail>[^""]*)""")]
    private static partial Regex MentorRequest();
}
