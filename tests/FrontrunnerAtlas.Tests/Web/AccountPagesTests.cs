using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Accounts;
using FrontrunnerAtlas.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>
/// The account pages of the web: request access (field errors from the server's 400 next to the fields, the
/// 202's confirmation), the invitation page at the URL the reviewer's approval returns, sign-in (keyboard
/// only), the header's "Signed in as" and Sign out, and axe-core on each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountPagesTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>An HttpClient on the running app signed in with the session cookie and sending the antiforgery token.</summary>
    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.BaseUrl + "/") };
        var login = await http.PostAsJsonAsync("account/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await http.GetFromJsonAsync<JsonNode>("account/antiforgery"))!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Add(AccountsSetup.AntiforgeryHeader, token);
        return http;
    }

    [Fact]
    public async Task Request_access_invitation_sign_in_and_sign_out_in_the_browser()
    {
        var email = AccountsApp.NewEmail("voru");
        await using var p = await browser.OpenAsync(app);
        var page = p.Page;

        // The map's header links to sign-in and to the request form.
        await p.GotoAsync();
        await Assertions.Expect(page.Locator("#sign-in-link")).ToHaveTextAsync("Sign in");
        await page.Locator("#account-box").GetByRole(AriaRole.Link, new() { Name = "Request access" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await Assertions.Expect(page.GetByLabel("Place", new() { Exact = true }).Locator("option[value='ee-voru']")).ToHaveCountAsync(1);
        await p.AssertAccessibleAsync("request access");

        // The server's 400 is shown next to the fields it names.
        await page.GetByLabel("E-mail address").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#name-error")).ToContainTextAsync("is required");
        await Assertions.Expect(page.Locator("#request-email-error")).ToContainTextAsync("is not an e-mail address");
        await Assertions.Expect(page.GetByLabel("Your name")).ToHaveAttributeAsync("aria-invalid", "true");
        await p.AssertAccessibleAsync("request access with errors");

        // In Finnish (the page's menu), the same refusal comes from the API in Finnish: the page asks in its language.
        await page.Locator("#lang-menu").SelectOptionAsync("fi");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'fi' && document.body.dataset.account === 'ready'");
        await page.Locator("#request-email").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lähetä pyyntö" }).ClickAsync();
        await Assertions.Expect(page.Locator("#request-email-error")).ToHaveTextAsync("”not an address” ei ole sähköpostiosoite (nimi@example.eu).");
        await Assertions.Expect(page.Locator("#name-error")).ToHaveTextAsync("on pakollinen, enintään 200 merkkiä.");
        // Back to English (the choice is remembered) for the rest of the story.
        await page.Locator("#lang-menu").SelectOptionAsync("en");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en' && document.body.dataset.account === 'ready'");

        await page.GetByLabel("Your name").FillAsync("Mari Maasikas");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Organisation (optional)").FillAsync("Võru linnavalitsus");
        await page.GetByLabel("Role").SelectOptionAsync("place-representative");
        await page.GetByLabel("Place", new() { Exact = true }).SelectOptionAsync("ee-voru");
        await page.GetByLabel("Message to the reviewers (optional)").FillAsync("We look for a mentor on mobility.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#request-done")).ToContainTextAsync(email);

        // A reviewer approves it through the API.
        var (reviewerEmail, reviewerPassword) = await AccountsApp.PersonAsync(app.Services, "reviewer");
        using var reviewer = await SignedInAsync(reviewerEmail, reviewerPassword);
        var requests = (await reviewer.GetFromJsonAsync<JsonArray>("api/access-requests"))!;
        var request = requests.Single(r => r!["email"]!.GetValue<string>() == email)!;
        Assert.Equal("ee-voru", request["placeId"]!.GetValue<string>());
        var approve = await reviewer.PostAsync($"api/access-requests/{request["id"]}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var invitationUrl = (await approve.Content.ReadFromJsonAsync<JsonNode>())!["invitationUrl"]!.GetValue<string>();
        Assert.StartsWith(app.BaseUrl + "/account/invitation?token=", invitationUrl);

        // The invitation link opens the page that makes the account.
        await page.GotoAsync(invitationUrl);
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await p.AssertAccessibleAsync("invitation");
        await page.GetByLabel("New password").FillAsync("mentors on mobility please");
        await page.GetByLabel("The same password again").FillAsync("mentors on mobility pleas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#repeat-password-error")).ToHaveTextAsync("The two passwords differ.");
        await page.GetByLabel("The same password again").FillAsync("mentors on mobility please");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-done")).ToContainTextAsync(email);
        await page.Locator("#invitation-done").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();

        // Sign-in with the keyboard only: a wrong password first (the error is text on the page), then the right one.
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await p.AssertAccessibleAsync("sign in");
        await page.GetByLabel("E-mail address").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await p.EvalAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("not the password at all");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#signin-message")).ToContainTextAsync("wrong");
        Assert.Equal("password", await p.EvalAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("mentors on mobility please");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await p.WaitReadyAsync();

        // The map's header names the person; Sign out ends the session.
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Mari Maasikas");
        Assert.Equal(200, await p.EvalAsync<int>("async () => (await fetch('account/me')).status"));
        await p.AssertAccessibleAsync("map signed in");

        // Asking for mentoring from Võru's panel goes with the session: no key.
        await p.GotoAsync("#place=ee-voru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a mentor" }).ClickAsync();
        var tartu = page.Locator("#detail .mentor-list > li").Filter(new() { Has = page.Locator(".mentor-name", new() { HasTextString = "Tartu" }) });
        await tartu.GetByRole(AriaRole.Button, new() { Name = "Ask Tartu for mentoring" }).ClickAsync();
        var form = tartu.Locator("form.ask-form");
        await Assertions.Expect(form.Locator(".key-note")).ToHaveTextAsync("Sent as Mari Maasikas (signed in).");
        await form.GetByLabel("Mobility").CheckAsync();
        await form.GetByLabel("Message").FillAsync("Could we visit your bike sharing?");
        await form.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(form.Locator(".ask-result")).ToContainTextAsync("Request sent to Tartu. Status: requested.");

        // Signed in, but for Võru: Tartu's panel lists the request without the answer form, once the session is known.
        await p.GotoAsync("#place=ee-tartu");
        var asked = page.Locator("#detail .mentorships li.mentorship", new() { HasTextString = "Võru" });
        await Assertions.Expect(asked.Locator(":scope > .status")).ToHaveTextAsync("requested");
        await Assertions.Expect(page.Locator("#detail section.mentorships")).ToHaveAttributeAsync("data-answers", "ready");
        await Assertions.Expect(asked.Locator("form.answer-form")).ToHaveCountAsync(0);
        await p.GotoAsync("#place=ee-voru");

        // Tartu's representative, in a browser of their own, signs in and accepts it with a message.
        var (tartuEmail, tartuPassword) = await AccountsApp.PersonAsync(app.Services, "place-representative", "ee-tartu");
        await using (var mentor = await browser.OpenAsync(app))
        {
            await mentor.Page.GotoAsync(app.BaseUrl + "/signin.html");
            await mentor.Page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
            await mentor.Page.GetByLabel("E-mail address").FillAsync(tartuEmail);
            await mentor.Page.GetByLabel("Password").FillAsync(tartuPassword);
            await mentor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await mentor.Page.WaitForURLAsync(app.BaseUrl + "/");
            await mentor.WaitReadyAsync();
            await Assertions.Expect(mentor.Page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Test place-representative");
            await mentor.GotoAsync("#place=ee-tartu");
            var incoming = mentor.Page.Locator("#detail .mentorships li.mentorship", new() { HasTextString = "Võru" });
            await Assertions.Expect(incoming.Locator(".mentorship-history .message")).ToHaveTextAsync("Could we visit your bike sharing?");
            var answer = incoming.Locator("form.answer-form");
            await Assertions.Expect(answer).ToHaveCountAsync(1);
            await answer.GetByLabel("Your message to the asking place").FillAsync("Yes, come in June.");
            await answer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            await Assertions.Expect(incoming.Locator(":scope > .status")).ToHaveTextAsync("accepted");
            mentor.AssertClean();
        }

        // The person who asked sees the answer.
        await page.ReloadAsync();
        await p.WaitReadyAsync();
        var mine = page.Locator("#detail .mentorships li.mentorship", new() { HasTextString = "Tartu" });
        await Assertions.Expect(mine.Locator(":scope > .status")).ToHaveTextAsync("accepted");
        await Assertions.Expect(mine.Locator(".mentorship-history")).ToContainTextAsync("Yes, come in June.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-link")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await p.WaitReadyAsync();
        await Assertions.Expect(page.Locator("#sign-in-link")).ToBeVisibleAsync();

        p.AssertClean(("/api/access-requests", 400), ("/account/login", 401));
    }

    /// <summary>
    /// The account page and passkeys, with Chromium's virtual authenticator (DevTools WebAuthn domain): a place
    /// representative signs in with a password, sees who they are, makes, copies and revokes a key, registers a
    /// passkey, signs out, signs in with the passkey alone, removes it, and the removed passkey no longer signs in;
    /// then sets a new password on the page of a reviewer-issued reset link, which works once, and again with the
    /// link mailed by "Forgot your password?".
    /// WebAuthn refuses IP addresses as relying party ids, so this test opens the atlas as localhost.
    /// </summary>
    [Fact]
    public async Task Account_page_keys_a_passkey_that_signs_in_until_it_is_removed_and_a_reset_link()
    {
        var (email, password) = await AccountsApp.PersonAsync(app.Services, "place-representative", "ee-voru");
        var site = app.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var p = await browser.OpenAsync(app, permissions: ["clipboard-read", "clipboard-write"]);
        var page = p.Page;
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new() { ["enableUI"] = false });
        var authenticator = (await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new()
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        }))!.Value.GetProperty("authenticatorId").GetString()!;

        // Signed out, the account page says so and links to sign-in, which comes back to it.
        await page.GotoAsync(site + "/account/");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.Locator("#account-signed-out").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync(site + "/account/");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");

        // Who the person is, and the place they speak for, linked to the map.
        await Assertions.Expect(page.Locator("#account-name")).ToHaveTextAsync("Test place-representative");
        await Assertions.Expect(page.Locator("#account-email")).ToHaveTextAsync(email);
        await Assertions.Expect(page.Locator("#account-role")).ToHaveTextAsync("Place representative");
        await Assertions.Expect(page.Locator("#account-place")).ToHaveTextAsync("Võru");
        Assert.EndsWith("#place=ee-voru", await page.Locator("#account-place").GetAttributeAsync("href"));
        await Assertions.Expect(page.Locator("#key-list")).ToHaveTextAsync("None yet.");
        await p.AssertAccessibleAsync("account page");

        // A key: shown once, copied, listed, revoked (with the keyboard: its button is reached by Tab).
        await page.GetByLabel("Name of the new key (optional)").FillAsync("Nightly export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a key" }).ClickAsync();
        var secret = await page.Locator("#new-key-secret").InputValueAsync();
        Assert.True(secret.Length > 20, secret);
        await Assertions.Expect(page.Locator("#new-key-secret")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#copy-result")).ToHaveTextAsync("Copied.");
        Assert.Equal(secret, await p.EvalAsync<string>("() => navigator.clipboard.readText()"));
        var keyRow = page.Locator("#key-list tr", new() { HasTextString = "Nightly export" });
        await Assertions.Expect(keyRow).ToContainTextAsync("Active");
        await p.AssertAccessibleAsync("account page with a new key");
        await keyRow.GetByRole(AriaRole.Button, new() { Name = "Revoke the key Nightly export" }).ClickAsync();
        await Assertions.Expect(page.Locator("#key-message")).ToHaveTextAsync("Key “Nightly export” revoked.");
        await Assertions.Expect(keyRow).ToContainTextAsync("Revoked on");

        // A passkey, made by the virtual authenticator.
        await page.GetByLabel("Name of the new passkey (optional, e.g. “Work laptop”)").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-status")).ToHaveTextAsync("Passkey “Test laptop” added. You can sign in with it now.");
        await Assertions.Expect(page.Locator("#passkey-list tr", new() { HasTextString = "Test laptop" })).ToHaveCountAsync(1);
        var held = (await cdp.SendAsync("WebAuthn.getCredentials", new() { ["authenticatorId"] = authenticator }))!.Value.GetProperty("credentials");
        Assert.Equal(1, held.GetArrayLength());
        Assert.True(held[0].GetProperty("isResidentCredential").GetBoolean());
        await p.AssertAccessibleAsync("account page with a passkey");

        // Sign out, then in with the passkey alone: the map's header names the person.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await page.GotoAsync(site + "/signin.html");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await p.AssertAccessibleAsync("sign in with a passkey offered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await p.WaitReadyAsync();
        await Assertions.Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Test place-representative");

        // The header's name leads to the account page, where the passkey is removed.
        await page.Locator("#signed-in-as").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(site + "/account/");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the passkey Test laptop" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-status")).ToHaveTextAsync("Passkey “Test laptop” removed.");
        await Assertions.Expect(page.Locator("#passkey-list")).ToHaveTextAsync("None yet.");

        // The authenticator still holds it, but the atlas no longer takes it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await page.GotoAsync(site + "/signin.html");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-message")).ToContainTextAsync("does not sign in here");
        Assert.Equal(401, await p.EvalAsync<int>("async () => (await fetch('account/me')).status"));

        string userId;
        await using (var db = app.Db())
            userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;

        // A forgotten password: the link a reviewer issues opens the page that sets a new one, once.
        var (reviewerEmail, reviewerPassword) = await AccountsApp.PersonAsync(app.Services, "reviewer");
        using (var reviewer = await SignedInAsync(reviewerEmail, reviewerPassword))
        {
            var reset = await reviewer.PostAsync($"api/users/{userId}/password-reset", null);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            var resetUrl = (await reset.Content.ReadFromJsonAsync<JsonNode>())!["resetUrl"]!.GetValue<string>();
            Assert.StartsWith(app.BaseUrl + "/account/reset?token=", resetUrl);
            foreach (var first in new[] { true, false })
            {
                await page.GotoAsync(resetUrl);
                await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
                if (first) await p.AssertAccessibleAsync("reset page");
                await page.GetByLabel("New password").FillAsync("a brand new passphrase");
                await page.GetByLabel("The same password again").FillAsync("a brand new passphrase");
                await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
                if (first) await Assertions.Expect(page.Locator("#reset-done")).ToContainTextAsync("Your new password is set.");
                else await Assertions.Expect(page.Locator("#reset-message")).ToContainTextAsync("has expired or has been used already");
            }
        }
        (await SignedInAsync(email, "a brand new passphrase")).Dispose();

        // Forgotten once more: "Forgot your password?" on the sign-in page (this app has a mail server) mails a
        // link to the account's address, and the link sets a new password on the same page.
        await page.GotoAsync(site + "/signin.html");
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Forgot your password?" }).ClickAsync();
        await Assertions.Expect(page.Locator("#forgot-email")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#forgot-email")).ToHaveValueAsync(email);
        await p.AssertAccessibleAsync("sign in with the forgotten password form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#forgot-done")).ToHaveTextAsync(
            $"If an account has the address {email}, a link to choose a new password is on its way to it. The link works once.");
        var (recipients, mail) = await app.Mail.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([email], recipients);
        var mailedUrl = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"http\S+").Value;
        Assert.StartsWith(app.BaseUrl + "/account/reset?token=", mailedUrl);
        await page.GotoAsync(mailedUrl);
        await page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await page.GetByLabel("New password").FillAsync("a passphrase from the mail");
        await page.GetByLabel("The same password again").FillAsync("a passphrase from the mail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-done")).ToContainTextAsync("Your new password is set.");
        (await SignedInAsync(email, "a passphrase from the mail")).Dispose();

        // The audit log has the three passkey events of this person, with no key material.
        await using (var db = app.Db())
        {
            var entries = await db.Audit.Where(a => a.EntityId == userId && a.Action.StartsWith("passkey")).OrderBy(a => a.At).ToListAsync();
            Assert.Equal(["passkey-added", "passkey-sign-in", "passkey-removed"], entries.Select(a => a.Action));
            Assert.All(entries, a => Assert.DoesNotContain("publicKey", a.After ?? "", StringComparison.OrdinalIgnoreCase));
        }
        p.AssertClean(("/account/passkeys/login", 401), ("/account/me", 401), ("/account/password/reset", 400));
    }

    /// <summary>Signs in on signin.html?return=editor and waits for the editor page.</summary>
    private async Task OpenEditorSignedInAsync(AtlasPage p, string role)
    {
        var (email, password) = await AccountsApp.PersonAsync(app.Services, role);
        await p.Page.GotoAsync(app.BaseUrl + "/editor.html");
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.editor === 'ready'");
        await p.Page.Locator("#account-box").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.account === 'ready'");
        await p.Page.GetByLabel("E-mail address").FillAsync(email);
        await p.Page.GetByLabel("Password").FillAsync(password);
        await p.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await p.Page.WaitForURLAsync(app.BaseUrl + "/editor.html");
        await p.Page.WaitForFunctionAsync("() => document.body.dataset.editor === 'ready'");
        await Assertions.Expect(p.Page.Locator("#signed-in-as")).ToHaveTextAsync($"Signed in as Test {role}");
    }

    [Fact]
    public async Task The_editor_page_offers_only_what_the_signed_in_role_may_do()
    {
        var id = (await app.GetJsonAsync("odata/Practices?$top=1&$select=Id&$orderby=Id"))["value"]![0]!["Id"]!.GetValue<string>();
        foreach (var (role, reviewer) in new[] { ("editor", false), ("reviewer", true) })
        {
            await using var p = await browser.OpenAsync(app);
            await OpenEditorSignedInAsync(p, role);
            await Assertions.Expect(p.Page.Locator("#key-info")).ToContainTextAsync($"({role}); no key is needed");
            await p.Page.GetByLabel("Open a record by id").FillAsync(id);
            await p.Page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
            await Assertions.Expect(p.Page.Locator("#form-title")).ToContainTextAsync(id);
            // A published record: a reviewer may unpublish it, an editor only proposes a change (no Publish, no Unpublish).
            if (reviewer) await Assertions.Expect(p.Page.Locator("#unpublish")).ToBeVisibleAsync();
            else
            {
                await Assertions.Expect(p.Page.Locator("#save")).ToHaveTextAsync("Propose this change");
                await Assertions.Expect(p.Page.Locator("#unpublish")).ToBeHiddenAsync();
            }
            await Assertions.Expect(p.Page.Locator("#publish")).ToBeHiddenAsync();
            await p.AssertAccessibleAsync($"editor page signed in as {role}");
            p.AssertClean();
        }
    }
}
