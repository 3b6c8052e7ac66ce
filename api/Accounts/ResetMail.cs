using System.Threading.Channels;
using FrontrunnerAtlas.Api.Infrastructure;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FrontrunnerAtlas.Api.Accounts;

public sealed record ResetMailBody(string? Email);

/// <summary>
/// "Forgot your password?": POST /account/password-reset { email } mails a reset link (the same single-use token
/// as a reviewer's, for the same /account/reset page) when Accounts:Smtp:Host is set. Every well-formed address
/// gets the same 202 and the same body, and the answer does not wait for the mail server (the mail is queued and
/// sent in the background), so neither the answer nor its timing tells whether an account exists.
/// </summary>
internal static class ResetMail
{
    public static IServiceCollection AddResetMail(this IServiceCollection services, SmtpOptions smtp)
    {
        if (!string.IsNullOrWhiteSpace(smtp.Host) && !MailboxAddress.TryParse(smtp.From ?? "", out _))
            throw new InvalidOperationException(
                $"Accounts:Smtp:From must be a sender address (\"FrontrunnerAtlas <atlas@example.eu>\") when Accounts:Smtp:Host is set; it is '{smtp.From}'.");
        services.AddSingleton<ResetMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<ResetMailer>());
        return services;
    }

    public static void MapResetMail(this IEndpointRouteBuilder app)
    {
        // Whether the sign-in page offers "Forgot your password?".
        app.MapGet("/account/password-reset", (ResetMailer mailer) => Results.Ok(new { byEmail = mailer.Enabled }));
        app.MapPost("/account/password-reset", AskAsync).RequireRateLimiting(AccountsSetup.PasswordResetLimit);
    }

    private static async Task<IResult> AskAsync(ResetMailBody? body, HttpContext http, UserManager<AtlasUser> users, ResetMailer mailer,
        AtlasDbContext db, IOptions<AccountsOptions> options, CancellationToken ct)
    {
        var email = body?.Email?.Trim() ?? "";
        // Only the form of the address is judged here: that tells nothing about accounts.
        if (!AccessRequestEndpoints.IsEmail(email))
            return AccountEndpoints.Invalid("email", http.Texts()["'{0}' is not an e-mail address (name@example.eu).", body?.Email ?? ""]);
        var user = await users.FindByEmailAsync(email);
        var queued = false;
        if (user is { Disabled: false } && mailer.Enabled)
        {
            var token = ResetToken.Write(user.Id, await users.GeneratePasswordResetTokenAsync(user));
            queued = mailer.Enqueue(new ResetMailMessage(user.Email!, user.Name,
                AccountEndpoints.MailedUrl(http, options.Value, options.Value.ResetPath, token), options.Value.ResetLifetime));
        }
        AccountsSetup.Audit(db, null, "password-reset-asked", "accounts", user?.Id ?? "",
            new { email, account = user is null ? "unknown" : user.Disabled ? "disabled" : "known", mailed = queued });
        await db.SaveChangesAsync(ct);
        return Results.Accepted(value: new
        {
            byEmail = mailer.Enabled,
            detail = mailer.Enabled
                ? "If an account has this address, a link to choose a new password is on its way to it."
                : "This atlas sends no e-mail: ask a reviewer for a reset link.",
        });
    }
}

/// <summary>One reset link to mail: to whom, the link and how long it works.</summary>
internal sealed record ResetMailMessage(string To, string Name, string Link, TimeSpan Lifetime);

/// <summary>
/// Sends the queued reset mails, one at a time, through MailKit. A mail that cannot be sent is logged (without
/// address or link) and dropped: the person can ask again. The queue is bounded; a flood beyond it is dropped too.
/// </summary>
internal sealed class ResetMailer(IOptions<AccountsOptions> options, ILogger<ResetMailer> log) : BackgroundService
{
    private readonly Channel<ResetMailMessage> _queue = Channel.CreateBounded<ResetMailMessage>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Smtp.Host);

    public bool Enqueue(ResetMailMessage mail) => _queue.Writer.TryWrite(mail);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await foreach (var mail in _queue.Reader.ReadAllAsync(stop))
        {
            try
            {
                await SendAsync(mail, stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning("A password reset mail could not be sent through {Host}: {Error}", options.Value.Smtp.Host, ex.Message);
            }
        }
    }

    private async Task SendAsync(ResetMailMessage mail, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var message = new MimeMessage { Subject = "Choose a new password for FrontrunnerAtlas" };
        message.From.Add(MailboxAddress.Parse(smtp.From!)); // checked at start (AddResetMail)
        message.To.Add(new MailboxAddress(mail.Name, mail.To));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello {mail.Name},

                someone (we hope you) asked to reset the password of the FrontrunnerAtlas account {mail.To}.
                To choose a new password, open this link within {Hours(mail.Lifetime)}; it works once:

                {mail.Link}

                If you did not ask, ignore this mail: your password stays as it is.
                """,
        };
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static string Hours(TimeSpan t) => t.TotalHours >= 2 ? $"{Math.Round(t.TotalHours):0} hours" : $"{Math.Ceiling(t.TotalMinutes):0} minutes";
}
