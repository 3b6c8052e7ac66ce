namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>Accounts, sign-in and invitations. Section "Accounts" of the configuration; every key has its default here.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";
    /// <summary>Shortest password accepted (Accounts:PasswordLength).</summary>
    public int PasswordLength { get; set; } = 12;
    /// <summary>Failed sign-ins in a row before the account is locked (Accounts:LockoutAttempts).</summary>
    public int LockoutAttempts { get; set; } = 5;
    /// <summary>How long a locked account stays locked (Accounts:LockoutDuration).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>A session ends after this long without a request (Accounts:SessionLifetime; sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How long an approved request's invitation may be accepted (Accounts:InvitationLifetime).</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>How long a reviewer-issued password reset link works (Accounts:ResetLifetime).</summary>
    public TimeSpan ResetLifetime { get; set; } = TimeSpan.FromDays(1);
    /// <summary>
    /// The address people reach the atlas at, for the links in invitations and resets (Accounts:PublicUrl, e.g.
    /// https://atlas.example.eu); empty means the address the reviewer's request came to.
    /// </summary>
    public string? PublicUrl { get; set; }
    /// <summary>The web page that accepts an invitation; the token follows as ?token= (Accounts:InvitationPath).</summary>
    public string InvitationPath { get; set; } = "/account/invitation";
    /// <summary>The web page that sets a new password; the token follows as ?token= (Accounts:ResetPath).</summary>
    public string ResetPath { get; set; } = "/account/reset";
    /// <summary>Access requests per client address per window (Accounts:AccessRequestPermits): the form is anonymous.</summary>
    public int AccessRequestPermits { get; set; } = 5;
    /// <summary>Accounts:AccessRequestWindow.</summary>
    public TimeSpan AccessRequestWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Name of the session cookie (Accounts:CookieName).</summary>
    public string CookieName { get; set; } = "atlas.session";
    /// <summary>
    /// How long a passkey ceremony (registration or sign-in) may take between its options and its answer
    /// (Accounts:PasskeyTimeout): the browser's timeout and the life of the short cookie that holds the challenge.
    /// </summary>
    /// <remarks>
    /// A passkey is bound to a relying party id (a domain) and every answer is checked against an origin. Both
    /// follow <see cref="PublicUrl"/>: when it is set, the RP id is its host and only its origin
    /// (scheme://host:port) is accepted, whatever address the request came to (behind a proxy too). When it is
    /// empty (development, tests), the RP id is the host the request came to and the origin must be that
    /// request's own scheme://host. Browsers refuse IP addresses as RP ids: open the atlas as localhost or by a
    /// name, not as 127.0.0.1. Changing the host later orphans the passkeys made under the old one.
    /// </remarks>
    public TimeSpan PasskeyTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// The mail server for password reset links (Accounts:Smtp:*). Off while Host is empty (the default): then
    /// POST /account/password-reset sends nothing and a reviewer issues reset links instead.
    /// </summary>
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Section "Accounts:Smtp": where and as whom the atlas sends mail (MailKit).</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server's name or address (Accounts:Smtp:Host); empty: no mail is sent.</summary>
    public string? Host { get; set; }
    /// <summary>Accounts:Smtp:Port; 587 is the submission port (STARTTLS), 465 TLS from the start.</summary>
    public int Port { get; set; } = 587;
    /// <summary>
    /// Accounts:Smtp:Security: StartTls (the default: the connection must become TLS), SslOnConnect (port 465),
    /// StartTlsWhenAvailable, Auto, or None (only for a relay on this machine, or a test: the link would travel in clear).
    /// </summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTls;
    /// <summary>Accounts:Smtp:UserName and Accounts:Smtp:Password, when the server wants a login; empty: none.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, e.g. "FrontrunnerAtlas &lt;atlas@example.eu&gt;" (Accounts:Smtp:From); required with Host.</summary>
    public string? From { get; set; }
    /// <summary>Longest wait for the mail server on each step (Accounts:Smtp:Timeout).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
