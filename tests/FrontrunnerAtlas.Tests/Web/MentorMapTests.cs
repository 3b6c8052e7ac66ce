using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// "Find a mentor" on the map: a follower's panel ranks the frontrunners with reasons, draws lines to them and
/// lets its place representative ask one of them; the place's mentorships follow.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MentorMapTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string LinesDrawn = "() => (window.atlas.map.mentorLines?.features.length ?? 0)";

    private static async Task<ILocator> FindMentorsAsync(AtlasPage p, string placeId, string name)
    {
        await p.GotoAsync($"#place={placeId}");
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync(name);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" }).ClickAsync();
        return p.Page.Locator("#detail .mentor-list > li");
    }

    [Fact]
    public async Task Voru_finds_Tartu_first_with_reasons_and_lines_on_the_map_and_opens_it()
    {
        Assert.True(await app.WaitForSearchAsync(TimeSpan.FromSeconds(60)), "the search index did not come up");
        var api = await app.GetJsonAsync("api/places/ee-voru/mentors?limit=10");
        var expected = api["mentors"]!.AsArray().Count;
        await using var p = await browser.OpenAsync(app);
        var mentors = await FindMentorsAsync(p, "ee-voru", "Võru");

        var first = mentors.First;
        await Assertions.Expect(first.Locator(".mentor-name")).ToHaveTextAsync("Tartu");
        Assert.Equal("ee-tartu", await first.GetAttributeAsync("data-place-id"));
        await Assertions.Expect(mentors).ToHaveCountAsync(expected);
        await Assertions.Expect(first.Locator(".reasons li", new() { HasTextString = "km away" })).ToHaveCountAsync(1);
        await Assertions.Expect(first.Locator(".distance")).ToHaveTextAsync("63 km away");
        await Assertions.Expect(first.Locator(".score")).ToContainTextAsync("score 0.");
        Assert.True(await first.Locator(".link-list button").CountAsync() > 0, "the practices that earned the match are listed");
        await Assertions.Expect(p.Page.Locator("#detail .mentor-status")).ToContainTextAsync($"{expected} mentors for Võru");

        // Stored interests are echoed: Võru has tags but no themes, so no theme is ticked and the tags are named.
        await Assertions.Expect(p.Page.Locator("#detail .mentor-interests")).ToContainTextAsync("Smart city");
        Assert.False(await p.Page.Locator("#mi-theme-energy").IsCheckedAsync());

        // Lines from Võru to every candidate, drawn on the map.
        await p.Page.WaitForFunctionAsync($"() => ({LinesDrawn})() === {expected}");
        await p.IdleAsync();
        Assert.True(await p.EvalAsync<int>("() => window.atlas.map.map.queryRenderedFeatures({ layers: ['mentor-lines'] }).length") > 0, "the lines are rendered");
        Assert.Equal("ee-voru", await p.EvalAsync<string>("() => window.atlas.map.mentorLines.features[0].properties.from"));
        Assert.Equal("ee-tartu", await p.EvalAsync<string>("() => window.atlas.map.mentorLines.features[0].properties.to"));
        await p.ScreenshotAsync("mentors-voru");
        await p.AssertAccessibleAsync("mentor list");

        // Choosing a theme re-ranks with it (plus the stored tags).
        var reranked = await p.Page.RunAndWaitForResponseAsync(() => p.Page.Locator("#mi-theme-mobility").CheckAsync(),
            r => r.Url.Contains("/api/places/ee-voru/mentors") && r.Url.Contains("themes=mobility") && r.Url.Contains("tags=smart-city"));
        Assert.Equal(200, reranked.Status);
        await Assertions.Expect(p.Page.Locator("#detail .mentor-list .reasons li", new() { HasTextString = "covering Mobility" }).First).ToBeVisibleAsync();

        await p.IdleAsync();
        // A mentor opens from the list; the lines go with the follower's panel.
        await first.Locator(".mentor-name").ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Tartu");
        Assert.Equal("ee-tartu", p.Hash()["place"]);
        Assert.Equal(0, await p.EvalAsync<int>(LinesDrawn));
        // Tartu is a frontrunner: it is a mentor, it does not look for one.
        await Assertions.Expect(p.Page.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" })).ToHaveCountAsync(0);
        await p.Page.GoBackAsync();
        await Assertions.Expect(p.Page.Locator("#detail h2")).ToHaveTextAsync("Võru");
        Assert.Equal(0, await p.EvalAsync<int>(LinesDrawn));
        p.AssertClean();
    }

    [Fact]
    public async Task Elva_without_interests_is_asked_to_choose_themes_and_then_gets_a_list()
    {
        await using var p = await browser.OpenAsync(app);
        var mentors = await FindMentorsAsync(p, "ee-elva", "Elva");
        var notice = p.Page.Locator("#detail .mentor-notice");
        await Assertions.Expect(notice).ToContainTextAsync("Tick one or more themes");
        await Assertions.Expect(notice).ToContainTextAsync("say what you look for with themes="); // the API's detail
        await Assertions.Expect(mentors).ToHaveCountAsync(0);
        Assert.Equal(0, await p.EvalAsync<int>(LinesDrawn));
        await p.ScreenshotAsync("mentors-elva-no-interests");
        await p.AssertAccessibleAsync("mentor finder without interests");

        await p.Page.Locator("#mi-theme-spatial_planning").CheckAsync();
        await Assertions.Expect(mentors.First).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToBeHiddenAsync();
        Assert.True(await mentors.CountAsync() > 0);
        await Assertions.Expect(mentors.First.Locator(".reasons")).ToContainTextAsync("km away");
        await p.Page.WaitForFunctionAsync($"() => ({LinesDrawn})() > 0");

        // Closing the panel removes the lines.
        await p.Page.Locator("#detail button.close").ClickAsync();
        await Assertions.Expect(p.Page.Locator("#detail")).ToBeHiddenAsync();
        Assert.Equal(0, await p.EvalAsync<int>(LinesDrawn));
        p.AssertClean(("/api/places/ee-elva/mentors", 400));
    }

    [Fact]
    public async Task A_place_representative_asks_Tartu_and_the_panel_shows_the_request()
    {
        var key = await app.CreateKeyAsync("place-representative", "ee-voru");
        await using var p = await browser.OpenAsync(app);
        await p.GotoAsync("#place=ee-voru");
        await p.Page.Locator(".settings summary").ClickAsync();
        await p.Page.GetByLabel("API key", new() { Exact = true }).FillAsync(key);
        Assert.DoesNotContain(key, p.Page.Url);
        Assert.Equal(key, await p.EvalAsync<string>("() => sessionStorage.getItem('atlas.apiKey')"));
        Assert.Equal(0, await p.EvalAsync<int>("(k) => Object.values(localStorage).filter((v) => v.includes(k)).length", key));

        var mentors = p.Page.Locator("#detail .mentor-list > li");
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" }).ClickAsync();
        var tartu = mentors.Filter(new() { Has = p.Page.Locator(".mentor-name", new() { HasTextString = "Tartu" }) });
        await tartu.GetByRole(AriaRole.Button, new() { Name = "Ask Tartu for mentoring" }).ClickAsync();
        var form = tartu.Locator("form.ask-form");
        await Assertions.Expect(form).ToContainTextAsync("Sent with the API key from Settings");
        await form.GetByLabel("Mobility").CheckAsync();
        await form.GetByLabel("Planned days").FillAsync("5");
        await form.GetByLabel("Message").FillAsync("We plan bike sharing and would like to learn from yours.");
        await p.AssertAccessibleAsync("ask form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(form.Locator(".ask-result")).ToContainTextAsync("Request sent to Tartu. Status: requested.");
        // Pressing it again sends nothing new: the API's 409 names the open request.
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(form.Locator(".ask-result")).ToContainTextAsync("Not sent again: This place has an open mentorship with this mentor already");

        // Stored, visible in OData, and listed in the panel with its status.
        var stored = await app.GetJsonAsync("odata/Mentorships?$filter=MenteePlaceId eq 'ee-voru' and MentorPlaceId eq 'ee-tartu'");
        var row = Assert.Single(stored["value"]!.AsArray())!;
        Assert.Equal("Requested", row["Status"]!.GetValue<string>());
        Assert.Equal(5, row["PlannedDays"]!.GetValue<int>());
        Assert.Equal("Mobility", row["Themes"]![0]!.GetValue<string>());
        var listed = p.Page.Locator("#detail .mentorships li", new() { HasTextString = "Tartu" });
        await Assertions.Expect(listed).ToContainTextAsync("Mentored by Tartu");
        await Assertions.Expect(listed.Locator(":scope > .status")).ToHaveTextAsync("requested");
        await p.ScreenshotAsync("mentor-asked");

        // Reopened later, the mentor's panel lists it with the message (OData), and Tartu's representative answers.
        await p.GotoAsync("#place=ee-tartu");
        var incoming = p.Page.Locator("#detail .mentorships li.mentorship", new() { HasTextString = "Võru" });
        await Assertions.Expect(incoming).ToContainTextAsync("Mentor of Võru requested");
        await Assertions.Expect(incoming.Locator(".mentorship-history .message")).ToHaveTextAsync("We plan bike sharing and would like to learn from yours.");
        // Võru's key (still in Settings) may not answer for Tartu: no answer form until Tartu's key is entered.
        await Assertions.Expect(p.Page.Locator("#detail section.mentorships")).ToHaveAttributeAsync("data-answers", "ready");
        await Assertions.Expect(incoming.Locator("form.answer-form")).ToHaveCountAsync(0);
        var tartuKey = await app.CreateKeyAsync("place-representative", "ee-tartu");
        await p.Page.Locator(".settings").EvaluateAsync("(d) => { d.open = true; }"); // still open from above, or not
        await p.Page.GetByLabel("API key", new() { Exact = true }).FillAsync(tartuKey);
        var answer = incoming.Locator("form.answer-form");
        await answer.GetByLabel("Your message to the asking place").FillAsync("Welcome! Come in May.");
        await p.AssertAccessibleAsync("answer form");
        await answer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(incoming.Locator(":scope > .status")).ToHaveTextAsync("accepted");
        await Assertions.Expect(incoming.Locator(".mentorship-history li")).ToHaveCountAsync(2);
        await Assertions.Expect(incoming.Locator(".mentorship-history li").Nth(1)).ToContainTextAsync("the mentor: accepted");
        await Assertions.Expect(incoming.Locator(".mentorship-history li").Nth(1)).ToContainTextAsync("Welcome! Come in May.");
        await Assertions.Expect(incoming.Locator("form.answer-form")).ToHaveCountAsync(0);

        // The asking place sees the answer too.
        await p.GotoAsync("#place=ee-voru");
        await Assertions.Expect(p.Page.Locator("#detail .mentorships li.mentorship", new() { HasTextString = "Tartu" }).Locator(".mentorship-history"))
            .ToContainTextAsync("Welcome! Come in May.");
        p.AssertClean(("/api/mentorships", 409));
    }

    [Fact]
    public async Task Asking_without_a_key_or_with_another_places_key_shows_the_APIs_answer()
    {
        var before = await app.ODataCountAsync("Mentorships?$filter=MenteePlaceId eq 'ee-voru'");
        await using var p = await browser.OpenAsync(app);
        await FindMentorsAsync(p, "ee-voru", "Võru");
        var first = p.Page.Locator("#detail .mentor-list > li").First;
        await first.Locator(".ask-button").ClickAsync();
        var form = first.Locator("form.ask-form");
        await Assertions.Expect(form.Locator(".key-note")).ToContainTextAsync("No API key is set");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        var result = form.Locator(".ask-result");
        await Assertions.Expect(result).ToContainTextAsync("asking needs an API key (401)");
        await Assertions.Expect(result).ToContainTextAsync("Authorization: Bearer"); // the API's detail
        await p.ScreenshotAsync("mentor-ask-401");

        // "Enter it in Settings" opens Settings at the key field.
        await form.GetByRole(AriaRole.Button, new() { Name = "Enter it in Settings" }).ClickAsync();
        await Assertions.Expect(p.Page.Locator("#api-key")).ToBeFocusedAsync();
        var elva = await app.CreateKeyAsync("place-representative", "ee-elva");
        await p.Page.Locator("#api-key").FillAsync(elva);
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("may not ask on behalf of Võru (403)");
        await Assertions.Expect(result).ToContainTextAsync("Only a representative of ee-voru");

        // A bad number never leaves the page.
        await form.GetByLabel("Planned days").FillAsync("400");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("from 0 to 365");

        Assert.Equal(before, await app.ODataCountAsync("Mentorships?$filter=MenteePlaceId eq 'ee-voru'"));
        await p.AssertAccessibleAsync("ask form with an error");
        p.AssertClean(("/api/mentorships", 401), ("/api/mentorships", 403));
    }
}
