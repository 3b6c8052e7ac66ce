using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FrontrunnerAtlas.Tests.Infrastructure;
using static FrontrunnerAtlas.Tests.Accounts.AccountsApp;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>The account service with mail on: its SMTP server is the test's <see cref="SmtpSink"/>.</summary>
public sealed class MailedAccountsApp : AccountsApp
{
    public SmtpSink Mail { get; } = new();

    protected override IDictionary<string, string?> Settings => Mail.ServiceSettings(new Dictionary<string, string?>
    {
        ["Accounts:AccessRequestPermits"] = "1000",
        ["Accounts:PublicUrl"] = "https://atlas.example.eu",
    });

    protected override async Task BeforeDisposeAsync()
    {
        await Mail.DisposeAsync();
        await base.BeforeDisposeAsync();
    }
}

/// <summary>
/// "Forgot your password?" by e-mail: the same 202 and body for every address, a mail with a single-use link for an
/// account (sent through real SMTP), none for an unknown address; and without a mail server, nothing is sent.
/// </summary>
[Collection(AccountsCollection.Name)]
public sealed partial class ResetMailTests(AccountsApp plain, MailedAccountsApp mailed) : IClassFixture<MailedAccountsApp>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reset_link_is_mailed_to_an_account_and_works_once_and_an_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var (email, password) = await mailed.PersonAsync("editor");
        var http = mailed.CreateClient();
        Assert.True((await ReadAsync(await http.GetAsync("/account/password-reset"), HttpStatusCode.OK))["byEmail"]!.GetValue<bool>());

        // The unknown address first: mails go out in order, so once the account's has come, one for it would have too.
        var unknown = await http.PostAsJsonAsync("/account/password-reset", new { email = NewEmail("nobody") });
        var known = await http.PostAsJsonAsync("/account/password-reset", new { email });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());

        var (recipients, message) = await mailed.Mail.NextAsync(MailWait);
        Assert.Equal([email], recipients);
        Assert.Equal(email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("atlas@example.eu", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Choose a new password for FrontrunnerAtlas", message.Subject);
        Assert.Equal(1, mailed.Mail.Count);
        // The link is on Accounts:PublicUrl and opens the reset page, the same as a reviewer's link.
        var link = new Uri(ResetLink().Match(message.TextBody ?? "").Value);
        Assert.Equal("https://atlas.example.eu/account/reset", link.GetLeftPart(UriPartial.Path));
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);

        // It works once, through the API the page calls; then the new password signs in and the old one does not.
        var reset = await http.PostAsJsonAsync("/account/password/reset", new { token, password = "a passphrase from the mail" });
        await ReadAsync(reset, HttpStatusCode.NoContent);
        var again = await http.PostAsJsonAsync("/account/password/reset", new { token, password = "another passphrase again" });
        Assert.Contains("has expired or has been used already", (await ReadAsync(again, HttpStatusCode.BadRequest)).ToJsonString());
        (await mailed.SignedInAsync(email, "a passphrase from the mail")).Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/account/login", new { email, password })).StatusCode);

        // Both requests are in the audit log, without the token.
        var audit = (await mailed.AuditAsync()).Where(a => a.StartsWith("password-reset-asked", StringComparison.Ordinal)).ToList();
        Assert.Contains(audit, a => a.Contains(email, StringComparison.Ordinal) && a.Contains("\"mailed\": true", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Contains("\"unknown\"", StringComparison.Ordinal) && a.Contains("\"mailed\": false", StringComparison.Ordinal));
        Assert.All(audit, a => Assert.DoesNotContain(token, a, StringComparison.Ordinal));

        // A malformed address is a 400 on its field (its form says nothing about accounts).
        var bad = await http.PostAsJsonAsync("/account/password-reset", new { email = "not an address" });
        Assert.Contains("email", (await ReadAsync(bad, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(1, mailed.Mail.Count);
    }

    [Fact]
    public async Task Without_a_mail_server_the_route_answers_202_and_sends_nothing()
    {
        var (email, _) = await plain.PersonAsync("editor");
        var http = plain.CreateClient();
        Assert.False((await ReadAsync(await http.GetAsync("/account/password-reset"), HttpStatusCode.OK))["byEmail"]!.GetValue<bool>());
        var answer = await ReadAsync(await http.PostAsJsonAsync("/account/password-reset", new { email }), HttpStatusCode.Accepted);
        Assert.False(answer["byEmail"]!.GetValue<bool>());
        Assert.Contains("ask a reviewer", answer["detail"]!.GetValue<string>());
        Assert.Contains(await plain.AuditAsync(), a => a.StartsWith("password-reset-asked", StringComparison.Ordinal)
            && a.Contains(email, StringComparison.Ordinal) && a.Contains("\"mailed\": false", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex ResetLink();
}
