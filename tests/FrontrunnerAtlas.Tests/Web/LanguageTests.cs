using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The interface in the planners' languages (web/src/i18n/*.js): every catalogue has every key of English with
/// the same placeholders and the plural forms its language needs, and a walk through each language shows no
/// untranslated key and no English leftovers, keeps the view when the language changes, and passes axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] Others = ["et", "lv", "lt", "fi", "pl"];

    /// <summary>Interface words that must not stay English in another language (whole words, case as shown).</summary>
    private static readonly string[] EnglishWords =
    [
        "Population", "Country", "Summary", "Budget", "Period", "Themes", "Networks", "Practices", "Filter", "Filters",
        "Search", "Sign in", "Request access", "Settings", "Integrated", "Mobility", "Energy", "Spatial planning",
        "Frontrunner", "Follower", "Source", "Documents", "Contact", "Transferability", "Not given", "Close",
        "Original-language text", "Commitments", "Events hosted", "Mentorships", "Back to", "Tags", "Role", "List", "Map",
    ];

    // The check each catalogue must pass, run in the page on the catalogues the app itself loads; it is also
    // run on a broken copy of English, so the test shows that it can fail.
    private const string CheckJs = @"async () => {
        const { languages, load } = window.atlas.i18n;
        const en = await load('en');
        const ph = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
        const forms = (v) => (typeof v === 'object' ? Object.values(v) : [v]);
        function check(lang, c) {
            const problems = [];
            const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
            for (const [key, value] of Object.entries(en)) {
                if (!(key in c)) { problems.push(`${lang}: ${key} is missing`); continue; }
                const want = ph(forms(value).at(-1));
                const got = c[key];
                if ((typeof value === 'object') !== (typeof got === 'object')) { problems.push(`${lang}: ${key} plural in one language only`); continue; }
                if (typeof value === 'object') {
                    for (const cat of categories) if (!(cat in got)) problems.push(`${lang}: ${key} lacks the plural form ${cat}`);
                    // A form may leave out {n} (English 'one' does at times) but no other placeholder.
                    for (const f of forms(got)) if (ph(f) !== want && ph(f) !== want.split(',').filter((x) => x !== 'n').join(','))
                        problems.push(`${lang}: ${key} placeholders {${ph(f)}} instead of {${want}}`);
                } else if (ph(got) !== want) problems.push(`${lang}: ${key} placeholders {${ph(got)}} instead of {${want}}`);
                for (const f of forms(got)) if (typeof f !== 'string' || !f.trim()) problems.push(`${lang}: ${key} is empty`);
            }
            for (const key of Object.keys(c)) if (!(key in en)) problems.push(`${lang}: ${key} is not in en.js`);
            return problems;
        }
        const problems = [];
        for (const lang of languages.filter((l) => l !== 'en')) problems.push(...check(lang, await load(lang)));
        const broken = { ...en };
        const [first, second] = Object.keys(en).filter((k) => typeof en[k] === 'string' && en[k].includes('{'));
        delete broken[first];
        broken[second] = en[second].replace(/\{\w+\}/, '{renamed}');
        return { languages, keys: Object.keys(en).length, problems, selfTest: check('en', broken) };
    }";

    [Fact]
    public async Task Every_language_has_every_key_of_English_with_the_same_placeholders_and_its_plural_forms()
    {
        await using var p = await browser.OpenAsync(app);
        await p.Page.GotoAsync(app.BaseUrl + "/");
        await p.Page.WaitForFunctionAsync("() => window.atlas?.i18n");
        // The test browser speaks English (en-GB): with no lang= the page is English and the link says nothing of it.
        Assert.Equal("en", await p.EvalAsync<string>("() => document.documentElement.lang"));
        Assert.DoesNotContain("lang=", p.Page.Url);
        var result = await p.EvalAsync<JsonElement>(CheckJs);

        Assert.Equal(["en", .. Others], result.GetProperty("languages").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.True(result.GetProperty("keys").GetInt32() > 400, "en.js holds the interface's strings");
        var problems = result.GetProperty("problems").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.True(problems.Count == 0, "catalogues that differ from en.js:\n" + string.Join("\n", problems));
        // The same check on English with one key removed and one placeholder renamed finds both.
        Assert.Equal(2, result.GetProperty("selfTest").GetArrayLength());
    }

    [Fact]
    public async Task Each_language_shows_the_header_panels_and_filters_translated_and_keeps_the_view_when_it_changes()
    {
        var title = (await app.GetJsonAsync("odata/Practices('p01-tartu-bike-sharing')"))["Title"]!.GetValue<string>();
        await using var p = await browser.OpenAsync(app);
        // A shared link in Estonian opens in Estonian; then each language through the header's menu, alternating
        // between the place panel and one of its practices (both stay in the link when the language changes).
        await p.GotoAsync("#place=ee-tartu&lang=et");
        var onPractice = false;
        for (var i = 0; i < Others.Length; i++)
        {
            var lang = Others[i];
            if (i > 0)
            {
                await ChooseAsync(p, lang);
                Assert.Equal(onPractice ? "p01-tartu-bike-sharing" : "ee-tartu", p.Hash()[onPractice ? "practice" : "place"]);
            }
            Assert.Equal(lang, p.Hash()["lang"]);
            Assert.Equal(lang, await p.EvalAsync<string>("() => document.documentElement.lang"));
            Assert.Equal(lang, await p.Page.InputValueAsync("#lang-menu"));
            await AssertTranslatedAsync(p, lang, "header", "header.top, header.top [aria-label], header.top [placeholder]");
            // The filters' own words (the tags' labels and the networks' names are the catalogue's).
            await AssertTranslatedAsync(p, lang, "filters", "#sidebar > h2, #summary, #filters > fieldset legend, #filters > fieldset label, " +
                "#filters > .check label, #filters > label, #filters > p, #filters summary, #filters button, #filters option[value='']");

            // The panel the link opened, then the other one.
            await AssertPanelAsync(p, lang, onPractice);
            if (onPractice) await p.Page.Locator("#detail button.back").ClickAsync();
            else await p.Page.Locator("#detail .theme-group button", new() { HasTextString = title }).First.ClickAsync();
            onPractice = !onPractice;
            await AssertPanelAsync(p, lang, onPractice);
            await p.AssertAccessibleAsync($"map in {lang}");
        }

        // Back to English through the menu, and Back in the browser returns to the language before.
        await ChooseAsync(p, "en");
        Assert.Equal("en", p.Hash()["lang"]);
        Assert.Equal("en", await p.EvalAsync<string>("() => document.documentElement.lang"));
        Assert.Contains("Summary", await p.Page.TextContentAsync("#detail") ?? "", StringComparison.Ordinal);
        Assert.Equal("en", await p.EvalAsync<string>("() => localStorage.getItem('atlas.lang')"));
        await p.Page.GoBackAsync();
        await Assertions.Expect(p.Page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await p.WaitReadyAsync();
        Assert.Equal("pl", p.Hash()["lang"]);
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToBeVisibleAsync();

        // The account pages and the editor page have the menu too, and follow the link's language.
        await p.Page.GotoAsync(app.BaseUrl + "/signin.html#lang=lt");
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await Assertions.Expect(p.Page.Locator("h1")).ToHaveTextAsync("Prisijungti");
        Assert.Equal("lt", await p.Page.InputValueAsync("#lang-menu"));
        await AssertTranslatedAsync(p, "lt", "sign-in page", "main");
        await p.AssertAccessibleAsync("sign-in page in lt");
        await p.Page.Locator("#lang-menu").SelectOptionAsync("fi");
        await p.Page.WaitForFunctionAsync("() => document.documentElement.lang === 'fi' && document.body.dataset.account === 'ready'");
        await Assertions.Expect(p.Page.Locator("h1")).ToHaveTextAsync("Kirjaudu sisään");
        Assert.EndsWith("#lang=fi", p.Page.Url);

        await p.Page.GotoAsync(app.BaseUrl + "/editor.html#lang=lv");
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.editor === 'ready'");
        await Assertions.Expect(p.Page.Locator("header h1")).ToHaveTextAsync("FrontrunnerAtlas redaktors");
        await AssertTranslatedAsync(p, "lv", "editor page", "header, #editor-main h2, #editor-main label");
        await p.AssertAccessibleAsync("editor page in lv");
        p.AssertClean();
    }

    /// <summary>Chooses a language in the header's menu and waits for the page built again in it.</summary>
    private static async Task ChooseAsync(AtlasPage p, string lang)
    {
        await p.Page.Locator("#lang-menu").SelectOptionAsync(lang);
        // The page is loaded again (everything, as from a shared link): on two busy cores that takes a while.
        await p.Page.WaitForFunctionAsync("(l) => document.documentElement.lang === l", lang, new() { Timeout = 60_000 });
        await p.WaitReadyAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToBeVisibleAsync();
    }

    private static async Task AssertPanelAsync(AtlasPage p, string lang, bool practice)
    {
        await Assertions.Expect(p.Page.Locator($"#detail[data-kind={(practice ? "practice" : "place")}] h2")).ToBeVisibleAsync();
        await AssertTranslatedAsync(p, lang, practice ? "practice panel" : "place panel",
            "#detail .panel-kind, #detail dt, #detail h3, #detail th, #detail label, #detail legend, #detail .chip[class*='theme-'], #detail button:not(.link):not(.back), #detail .badge");
        if (!practice) return;
        // The practice's English text and its Estonian original, each labelled with its language's name in this language.
        var names = await p.EvalAsync<string[]>("(l) => ['en', 'et'].map((c) => new Intl.DisplayNames([l], { type: 'language' }).of(c))", lang);
        var headings = await p.Page.Locator("#detail .practice-text h3").AllTextContentsAsync();
        Assert.Contains(headings, h => h.Contains(names[0], StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Contains(names[1], StringComparison.Ordinal));
        Assert.Equal("et", await p.Page.Locator("#detail [data-text=original] p.prose").GetAttributeAsync("lang"));
        // Original first: a setting remembered in this browser, so it holds for the next language too.
        var firstBefore = await p.Page.Locator("#detail .practice-text").First.GetAttributeAsync("data-text");
        await p.Page.Locator("#original-first").ClickAsync();
        var firstAfter = await p.Page.Locator("#detail .practice-text").First.GetAttributeAsync("data-text");
        Assert.NotEqual(firstBefore, firstAfter);
        Assert.Equal(firstAfter == "original" ? "1" : "0", await p.EvalAsync<string>("() => localStorage.getItem('atlas.originalFirst')"));
    }

    /// <summary>The text of what the selector finds: no catalogue key shown as such, no English interface word.</summary>
    private static async Task AssertTranslatedAsync(AtlasPage p, string lang, string what, string selector)
    {
        var texts = await p.Page.EvalOnSelectorAllAsync<string[]>(selector,
            "(nodes) => nodes.filter((n) => n.offsetParent !== null || n.tagName === 'OPTION').map((n) => [n.textContent, n.getAttribute('aria-label'), n.getAttribute('placeholder'), n.getAttribute('title')].filter(Boolean).join(' | '))");
        Assert.NotEmpty(texts);
        var text = string.Join("\n", texts);
        var key = KeyPattern().Match(text);
        Assert.False(key.Success, $"{what} in {lang} shows the catalogue key {key.Value}:\n{text}");
        var english = EnglishWords.Where(w => Regex.IsMatch(text, $@"(?<![\p{{L}}-]){Regex.Escape(w)}(?![\p{{L}}-])")).ToList();
        Assert.True(english.Count == 0, $"{what} in {lang} still says {string.Join(", ", english)}:\n{text}");
    }

    [GeneratedRegex(@"\b(app|view|map|legend|role|theme|kind|membership|commitment|filters|search|type|list|export|share|practices|panel|town|place|practice|network|date|settings|mentors|ask|answer|mentorships|mentorship|editor|account|attribution)\.[a-zA-Z]\w*")]
    private static partial Regex KeyPattern();
}
