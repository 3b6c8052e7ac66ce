using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FrontrunnerAtlas.Tests.Curation;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FrontrunnerAtlas.Tests.Accounts.AccountsApp;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>Asking for access, being approved, signing in and working with the session, as a planner meets it.</summary>
[Collection(AccountsCollection.Name)]
public sealed class AccountFlowTests(AccountsApp app)
{
    [Fact]
    public async Task A_planner_asks_for_access_is_approved_signs_in_and_asks_for_mentoring()
    {
        var anonymous = app.CreateClient();
        var email = NewEmail("valga");
        var asked = await ReadAsync(await anonymous.PostAsJsonAsync("/api/access-requests", new
        {
            name = "Valga planner", email, organisation = "Valga vald", placeId = "ee-valga", role = "place-representative",
            message = "We would like a mentor for mobility.",
        }), HttpStatusCode.Accepted);
        var requestId = asked["id"]!.GetValue<string>();

        var reviewer = await app.SignedInAsAsync("reviewer");
        var listed = await ReadAsync(await reviewer.GetAsync("/api/access-requests"), HttpStatusCode.OK);
        var mine = listed.AsArray().Single(r => r!["id"]!.GetValue<string>() == requestId)!;
        Assert.Equal("pending", mine["status"]!.GetValue<string>());
        Assert.Equal("place_representative", mine["role"]!.GetValue<string>());

        var approved = await ReadAsync(await reviewer.PostAsync($"/api/access-requests/{requestId}/approve", null), HttpStatusCode.OK);
        var token = approved["token"]!.GetValue<string>();
        Assert.Contains("token=", approved["invitationUrl"]!.GetValue<string>());
        var expires = approved["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));
        await using (var db = app.Db())
        {
            // Only a hash of the invitation is kept.
            var stored = await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Email == email);
            Assert.NotEqual(token, stored.InvitationHash);
            Assert.DoesNotContain(await app.AuditAsync(), a => a.Contains(token));
        }

        var password = "mobility for valga 2026";
        var created = await ReadAsync(await anonymous.PostAsJsonAsync("/account/invitations/accept", new { token, password }), HttpStatusCode.Created);
        Assert.Equal("ee-valga", created["placeId"]!.GetValue<string>());
        // The invitation works once.
        var reused = await ReadAsync(await anonymous.PostAsJsonAsync("/account/invitations/accept", new { token, password }), HttpStatusCode.Gone);
        Assert.Contains("used already", reused["detail"]!.GetValue<string>());

        var planner = app.CreateClient();
        var login = await planner.PostAsJsonAsync("/account/login", new { email, password });
        await ReadAsync(login, HttpStatusCode.OK);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("atlas.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);

        var me = await ReadAsync(await planner.GetAsync("/account/me"), HttpStatusCode.OK);
        Assert.Equal(email, me["email"]!.GetValue<string>());
        Assert.Equal("Valga planner", me["name"]!.GetValue<string>());
        Assert.Equal(["place_representative"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("ee-valga", me["placeId"]!.GetValue<string>());

        var ask = new { mentorPlaceId = "ee-tartu", menteePlaceId = "ee-valga", themes = new[] { "mobility" }, message = "Bike sharing?" };
        // Without the antiforgery token a cookie write is refused, with a problem body.
        var refused = await ReadAsync(await planner.PostAsJsonAsync("/api/mentorships", ask), HttpStatusCode.BadRequest);
        Assert.Contains("X-XSRF-TOKEN", refused["detail"]!.GetValue<string>());
        var antiforgery = (await planner.GetJsonAsync("/account/antiforgery"))["token"]!.GetValue<string>();
        planner.DefaultRequestHeaders.Add("X-XSRF-TOKEN", antiforgery);
        // A representative speaks for their own place only.
        await ReadAsync(await planner.PostAsJsonAsync("/api/mentorships", ask), HttpStatusCode.Created);
        await ReadAsync(await planner.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "ee-tartu", menteePlaceId = "ee-voru" }), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await planner.PostAsync("/account/logout", null)).StatusCode);
        await ReadAsync(await planner.GetAsync("/account/me"), HttpStatusCode.Unauthorized);
        await using (var db = app.Db())
        {
            var actions = await db.Audit.AsNoTracking().Where(a => a.EntityId == requestId || a.Entity == "accounts").Select(a => a.Action).ToListAsync();
            Assert.Contains("access-requested", actions);
            Assert.Contains("access-approved", actions);
            Assert.Contains("invitation-accepted", actions);
            Assert.DoesNotContain(await app.AuditAsync(), a => a.Contains(password));
        }
    }

    [Fact]
    public async Task A_mentor_representative_answers_requests_to_their_place_only()
    {
        var asker = await app.As("editor");
        var created = await ReadAsync(await asker.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "ee-tartu", menteePlaceId = "ee-elva" }), HttpStatusCode.Created);
        var id = created["id"]!.GetValue<string>();
        var other = await app.SignedInAsAsync("place-representative", "ee-voru");
        await ReadAsync(await other.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "accepted" }), HttpStatusCode.Forbidden);
        var tartu = await app.SignedInAsAsync("place-representative", "ee-tartu");
        var accepted = await ReadAsync(await tartu.PatchAsJsonAsync($"/api/mentorships/{id}", new { status = "accepted", message = "Gladly." }), HttpStatusCode.OK);
        Assert.Equal("mentor", accepted["history"]!.AsArray().Last()!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer()
    {
        var (email, _) = await app.PersonAsync("editor");
        var http = app.CreateClient();
        var wrong = await http.PostAsJsonAsync("/account/login", new { email, password = "not the password at all" });
        var unknown = await http.PostAsJsonAsync("/account/login", new { email = NewEmail("nobody"), password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(Strip(await wrong.Content.ReadAsStringAsync()), Strip(await unknown.Content.ReadAsStringAsync()));
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Contains(await app.AuditAsync(), a => a.StartsWith("sign-in-failed", StringComparison.Ordinal) && a.Contains(email));
    }

    [Fact]
    public async Task An_unknown_account_costs_about_as_long_as_a_wrong_password()
    {
        var (email, _) = await app.PersonAsync("editor");
        var http = app.CreateClient();
        async Task<double> Median(string who)
        {
            var times = new List<double>();
            // Three tries: fewer than the five that lock the account.
            for (var i = 0; i < 3; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await ReadAsync(await http.PostAsJsonAsync("/account/login", new { email = who, password = $"a wrong password {i}" }), HttpStatusCode.Unauthorized);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times.Order().ElementAt(1);
        }
        var wrong = await Median(email);
        var unknown = await Median(NewEmail("nobody"));
        // One password hash, timed here on the same machine at the same moment: the floor both answers must pay.
        // (Compared with it rather than with the wrong password's answer, whose lockout write varies under load.)
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<FrontrunnerAtlas.Api.Accounts.AtlasUser>();
        var someone = new FrontrunnerAtlas.Api.Accounts.AtlasUser { Id = "x" };
        var hashed = hasher.HashPassword(someone, "a password to time");
        var hashes = Enumerable.Range(0, 3).Select(_ =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            hasher.VerifyHashedPassword(someone, hashed, "another password");
            return clock.Elapsed.TotalMilliseconds;
        }).Order().ToList();
        // Without the dummy hash an unknown account answers in a fraction of one hash's time.
        Assert.True(unknown > hashes[0] * 0.6, $"unknown account {unknown:F0} ms, one hash {hashes[0]:F0} ms, wrong password {wrong:F0} ms");
    }

    [Fact]
    public async Task The_users_command_makes_lists_and_refuses_what_it_cannot_make()
    {
        var (noPlace, _) = await app.UsersAsync(["create", "--email", NewEmail("rep"), "--role", "place-representative", "--password-stdin"], "long enough password\n");
        Assert.Equal(2, noPlace);
        var (shortPassword, said) = await app.UsersAsync(["create", "--email", NewEmail("short"), "--role", "editor", "--password-stdin"], "short\n");
        Assert.Equal(1, shortPassword);
        Assert.Contains("12", said);
        var (email, _) = await app.PersonAsync("place-representative", "ee-voru");
        var (code, list) = await app.UsersAsync(["list"]);
        Assert.Equal(0, code);
        var line = list.Split('\n').Single(l => l.Contains(email));
        Assert.Contains("PlaceRepresentative", line);
        Assert.Contains("ee-voru", line);
    }

    // The problem body carries the request's trace id, which differs by nature.
    private static string Strip(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too()
    {
        var (email, password) = await app.PersonAsync("editor");
        var http = app.CreateClient();
        for (var i = 0; i < 5; i++)
            await ReadAsync(await http.PostAsJsonAsync("/account/login", new { email, password = $"wrong password number {i}" }), HttpStatusCode.Unauthorized);
        var locked = await ReadAsync(await http.PostAsJsonAsync("/account/login", new { email, password }), HttpStatusCode.Unauthorized);
        Assert.Equal("Sign-in failed", locked["title"]!.GetValue<string>());
        await using var db = app.Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(4.9));
    }

    [Fact]
    public async Task Short_passwords_bad_fields_and_used_tokens_are_400s_naming_the_field()
    {
        var http = app.CreateClient();
        var bad = await ReadAsync(await http.PostAsJsonAsync("/api/access-requests",
            new { name = "X", email = "not-an-email", placeId = "xx-nowhere", role = "mayor" }), HttpStatusCode.BadRequest);
        Assert.NotNull(bad["errors"]!["email"]);
        Assert.NotNull(bad["errors"]!["placeId"]);
        Assert.NotNull(bad["errors"]!["role"]);

        var email = NewEmail("short");
        var id = (await ReadAsync(await http.PostAsJsonAsync("/api/access-requests", new { name = "Editor", email, role = "editor" }), HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        var reviewer = await app.As("reviewer");
        var token = (await ReadAsync(await reviewer.PostAsync($"/api/access-requests/{id}/approve", null), HttpStatusCode.OK))["token"]!.GetValue<string>();
        var weak = await ReadAsync(await http.PostAsJsonAsync("/account/invitations/accept", new { token, password = "short pass" }), HttpStatusCode.BadRequest);
        Assert.Contains("12", weak["errors"]!["password"]![0]!.GetValue<string>());
        var unknown = await ReadAsync(await http.PostAsJsonAsync("/account/invitations/accept", new { token = "made-up", password = "long enough password" }), HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["token"]);
        // The short password did not use the invitation up.
        await ReadAsync(await http.PostAsJsonAsync("/account/invitations/accept", new { token, password = "long enough password" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task No_account_data_is_reachable_anonymously_or_by_an_editor()
    {
        var anonymous = app.CreateClient();
        foreach (var url in new[] { "/api/access-requests", "/api/users", "/api/keys", "/account/me" })
        {
            var response = await anonymous.GetAsync(url);
            var problem = await ReadAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Sign in or send an API key", problem["title"]!.GetValue<string>());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        var editor = await app.SignedInAsAsync("editor");
        await ReadAsync(await editor.GetAsync("/api/access-requests"), HttpStatusCode.Forbidden);
        await ReadAsync(await editor.GetAsync("/api/users"), HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The passkey routes answer every wrong use with a 400 or 401 problem, never a 500: no credential, an answer
    /// with no ceremony underway (Identity throws there), a forged answer, someone else's or a malformed id. The
    /// ceremonies that succeed are walked in the browser (AccountPagesTests, with a virtual authenticator).
    /// </summary>
    [Fact]
    public async Task Passkey_routes_refuse_what_is_not_a_ceremony_with_400s_and_401s()
    {
        var anonymous = app.CreateClient();
        await ReadAsync(await anonymous.GetAsync("/account/passkeys"), HttpStatusCode.Unauthorized);
        var missing = await ReadAsync(await anonymous.PostAsJsonAsync("/account/passkeys/login", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("PublicKeyCredential", missing["errors"]!["credential"]![0]!.GetValue<string>());
        var forged = new { credential = new { id = "AAAA", rawId = "AAAA", type = "public-key", response = new { clientDataJSON = "AAAA" } } };
        var none = await ReadAsync(await anonymous.PostAsJsonAsync("/account/passkeys/login", forged), HttpStatusCode.BadRequest);
        Assert.Equal("No passkey sign-in underway", none["title"]!.GetValue<string>());

        // With a ceremony underway (its challenge in the short cookie), a forged answer is refused like a wrong password.
        var options = await ReadAsync(await anonymous.PostAsync("/account/passkeys/request-options", null), HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(options["challenge"]!.GetValue<string>()));
        var refused = await ReadAsync(await anonymous.PostAsJsonAsync("/account/passkeys/login", forged), HttpStatusCode.Unauthorized);
        Assert.Equal("Sign-in failed", refused["title"]!.GetValue<string>());
        Assert.Contains(await app.AuditAsync(), a => a.StartsWith("passkey-sign-in-failed: ", StringComparison.Ordinal));

        var person = await app.SignedInAsAsync("editor");
        Assert.Empty((await ReadAsync(await person.GetAsync("/account/passkeys"), HttpStatusCode.OK)).AsArray());
        var noRegistration = await ReadAsync(await person.PostAsJsonAsync("/account/passkeys", forged), HttpStatusCode.BadRequest);
        Assert.Equal("No passkey registration underway", noRegistration["title"]!.GetValue<string>());
        var creation = await ReadAsync(await person.PostAsync("/account/passkeys/creation-options", null), HttpStatusCode.OK);
        Assert.Equal("Test editor", creation["user"]!["displayName"]!.GetValue<string>());
        await ReadAsync(await person.PostAsJsonAsync("/account/passkeys", forged), HttpStatusCode.BadRequest);
        var tooLong = await ReadAsync(await person.PostAsJsonAsync("/account/passkeys", new { forged.credential, name = new string('x', 201) }), HttpStatusCode.BadRequest);
        Assert.Contains("200", tooLong["errors"]!["name"]![0]!.GetValue<string>());
        await ReadAsync(await person.DeleteAsync("/account/passkeys/not*base64"), HttpStatusCode.NotFound);
        await ReadAsync(await person.DeleteAsync("/account/passkeys/AAAA"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Keys_made_by_a_person_work_as_bearer_show_once_and_stop_at_once_when_revoked()
    {
        var person = await app.SignedInAsAsync("editor");
        var made = await ReadAsync(await person.PostAsJsonAsync("/api/keys", new { name = "my script" }), HttpStatusCode.Created);
        var (id, secret) = (made["id"]!.GetValue<string>(), made["key"]!.GetValue<string>());
        var listed = await person.GetStringAsync("/api/keys");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(secret, listed);

        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await ReadAsync(await script.GetAsync("/api/keys/me"), HttpStatusCode.OK);
        Assert.Equal("editor", me["role"]!.GetValue<string>());
        // A bearer write needs no antiforgery token (the review queue's editor write is a mentorship request here).
        await ReadAsync(await script.PostAsJsonAsync("/api/mentorships", new { mentorPlaceId = "ee-tartu", menteePlaceId = "ee-johvi" }), HttpStatusCode.Created);

        // Someone else's key is not found, not revoked.
        var other = await app.SignedInAsAsync("editor");
        await ReadAsync(await other.DeleteAsync($"/api/keys/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await person.DeleteAsync($"/api/keys/{id}")).StatusCode);
        await ReadAsync(await script.GetAsync("/api/keys/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_disabled_person_is_refused_at_once_with_the_cookie_and_with_their_key()
    {
        var (email, password) = await app.PersonAsync("editor");
        var person = await app.SignedInAsync(email, password);
        var secret = (await ReadAsync(await person.PostAsJsonAsync("/api/keys", new { }), HttpStatusCode.Created))["key"]!.GetValue<string>();
        var script = app.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        await ReadAsync(await script.GetAsync("/api/keys/me"), HttpStatusCode.OK);

        Assert.Equal(0, (await app.UsersAsync(["disable", email])).Code);
        await ReadAsync(await person.GetAsync("/account/me"), HttpStatusCode.Unauthorized);
        await ReadAsync(await script.GetAsync("/api/keys/me"), HttpStatusCode.Unauthorized);
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/account/login", new { email, password }), HttpStatusCode.Unauthorized);
        Assert.Contains(await app.AuditAsync(), a => a.StartsWith("user-disabled", StringComparison.Ordinal) && a.Contains(email));
    }

    [Fact]
    public async Task A_reviewer_issued_reset_link_sets_a_new_password_once()
    {
        var (email, oldPassword) = await app.PersonAsync("editor");
        var oldSession = await app.SignedInAsync(email, oldPassword);
        await using (var db = app.Db())
        {
            var id = (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Id;
            var reviewer = await app.SignedInAsAsync("reviewer");
            var reset = await ReadAsync(await reviewer.PostAsync($"/api/users/{id}/password-reset", null), HttpStatusCode.OK);
            var token = reset["token"]!.GetValue<string>();
            Assert.Contains("/account/reset?token=", reset["resetUrl"]!.GetValue<string>());
            var http = app.CreateClient();
            await ReadAsync(await http.PostAsJsonAsync("/account/password/reset", new { token, password = "too short" }), HttpStatusCode.BadRequest);
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/account/password/reset", new { token, password = "a brand new password" })).StatusCode);
            var again = await ReadAsync(await http.PostAsJsonAsync("/account/password/reset", new { token, password = "another new password" }), HttpStatusCode.BadRequest);
            Assert.NotNull(again["errors"]!["token"]);
        }
        await ReadAsync(await app.CreateClient().PostAsJsonAsync("/account/login", new { email, password = oldPassword }), HttpStatusCode.Unauthorized);
        // The reset ends the sessions signed in with the old password.
        await ReadAsync(await oldSession.GetAsync("/account/me"), HttpStatusCode.Unauthorized);
        await app.SignedInAsync(email, "a brand new password");
    }

    [Fact]
    public async Task Authenticated_answers_are_not_stored_and_anonymous_reads_keep_their_caching()
    {
        var person = await app.SignedInAsAsync("editor");
        var me = await person.GetAsync("/account/me");
        Assert.True(me.Headers.CacheControl?.NoStore, "a session's answer must be no-store");
        var place = await person.GetAsync("/api/places/ee-tartu/mentorships");
        Assert.True(place.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", place.Headers.GetValues("X-Content-Type-Options").Single());
        var bearer = await (await app.As("editor")).GetAsync("/api/keys/me");
        Assert.True(bearer.Headers.CacheControl?.NoStore);
        var anonymous = await app.CreateClient().GetAsync("/api/places/ee-tartu/mentorships");
        Assert.NotEqual(true, anonymous.Headers.CacheControl?.NoStore);
    }
}
