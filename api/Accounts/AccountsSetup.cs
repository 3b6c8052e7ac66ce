using System.Security.Claims;
using System.Threading.RateLimiting;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>
/// People sign in with a password and get a session cookie; scripts keep their bearer keys. One policy scheme picks
/// the key when an Authorization header is sent and the session otherwise, and both carry the same role claims
/// (<see cref="ApiRole"/> names, the place as "place"), so every existing policy accepts either.
/// </summary>
public static class AccountsSetup
{
    public const string PolicyScheme = "KeyOrSession";
    /// <summary>A signed-in person (the session cookie, not a key): their own account and keys.</summary>
    public const string AccountPolicy = "account";
    public const string AccessRequestLimit = "access-requests";
    public const string PasswordResetLimit = "password-resets";
    public const string PlaceClaim = "place";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        var o = config.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();
        services.Configure<AccountsOptions>(config.GetSection(AccountsOptions.Section));
        services.AddIdentityCore<AtlasUser>(i =>
            {
                i.User.RequireUniqueEmail = true;
                // Length is what makes a password strong; composition rules only make people write them down.
                i.Password.RequiredLength = o.PasswordLength;
                i.Password.RequireDigit = false;
                i.Password.RequireLowercase = false;
                i.Password.RequireUppercase = false;
                i.Password.RequireNonAlphanumeric = false;
                i.Password.RequiredUniqueChars = 1;
                i.Lockout.AllowedForNewUsers = true;
                i.Lockout.MaxFailedAccessAttempts = o.LockoutAttempts;
                i.Lockout.DefaultLockoutTimeSpan = o.LockoutDuration;
                i.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AtlasDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<AtlasClaimsFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(t => t.TokenLifespan = o.ResetLifetime);
        services.AddPasskeys(o);

        // Runs after AddAccess: the policy scheme becomes the default in place of the key scheme alone.
        services.AddAuthentication(a =>
            {
                a.DefaultScheme = PolicyScheme;
                a.DefaultChallengeScheme = PolicyScheme;
                a.DefaultForbidScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "API key or session", p => p.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? AccessSetup.Scheme : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, c =>
            {
                c.Cookie.Name = o.CookieName;
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS (behind a proxy: with forwarded headers applied).
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.ExpireTimeSpan = o.SessionLifetime;
                c.SlidingExpiration = true;
                // An API answers with status codes, never with redirects to a login page.
                c.Events.OnRedirectToLogin = e =>
                {
                    // As the key scheme's own challenge said before sessions existed: scripts learn a key is wanted.
                    e.Response.Headers.WWWAuthenticate = "Bearer";
                    var l = e.HttpContext.Texts();
                    return Problem(e.HttpContext, 401, l["Sign in or send an API key"],
                        l["Sign in with POST /account/login, or send a key as 'Authorization: Bearer <key>'."]);
                };
                c.Events.OnRedirectToAccessDenied = e => Problem(e.HttpContext, 403, e.HttpContext.Texts()["Your role may not do that"],
                    e.HttpContext.Texts()["Ask a reviewer for an account with the role this needs."]);
                c.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            // Identity keeps a passkey ceremony's challenge in this scheme's cookie between the options and the
            // answer; it never authenticates a request (the policy scheme does not forward to it).
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, c =>
            {
                c.Cookie.Name = o.CookieName + ".passkey";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.ExpireTimeSpan = o.PasskeyTimeout;
                c.SlidingExpiration = false;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        services.AddAntiforgery(a =>
        {
            a.HeaderName = AntiforgeryHeader;
            // The security headers of Protection say DENY; antiforgery's own SAMEORIGIN would weaken it.
            a.SuppressXFrameOptionsHeader = true;
        });
        // The anonymous forms, per client address: each its own budget of the same size.
        services.AddRateLimiter(r =>
        {
            foreach (var policy in new[] { AccessRequestLimit, PasswordResetLimit })
                r.AddPolicy(policy, http => RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = o.AccessRequestPermits, Window = o.AccessRequestWindow, QueueLimit = 0 }));
        });
        services.AddResetMail(o.Smtp);
        return services;
    }

    /// <summary>
    /// After authentication: authenticated answers are never cached, and a session's writes must carry the
    /// antiforgery token (a key cannot be sent by a foreign page, a cookie can). Sign-in and the anonymous forms
    /// need none: there is no session yet for another site to ride on, and a token minted before sign-in is bound
    /// to no one, so a client fetches GET /account/antiforgery after signing in.
    /// </summary>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated == true || http.Request.Path.StartsWithSegments("/account"))
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
            if (IsSession(http.User) && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                && !HttpMethods.IsOptions(http.Request.Method)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await Problem(http, 400, http.Texts()["Antiforgery token missing or invalid"],
                    http.Texts()["A signed-in write must send the token from GET /account/antiforgery as the {0} header.", AntiforgeryHeader]);
                return;
            }
            await next(http);
        });
        return app;
    }

    public static bool IsSession(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme;

    /// <summary>Every request of a session checks the person again: disabled or stamp changed (password reset) ends it at once.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext e)
    {
        var services = e.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<AtlasUser>>();
        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = e.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = id is null ? null : await users.FindByIdAsync(id);
        if (user is null || user.Disabled || user.SecurityStamp != e.Principal!.FindFirstValue(stampType))
        {
            e.RejectPrincipal();
            await e.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    internal static Task Problem(HttpContext http, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);

    /// <summary>An account action in the audit log: who (the person, key or "anonymous"), what, on what; never a secret.</summary>
    internal static void Audit(AtlasDbContext db, ClaimsPrincipal? actor, string action, string entity, string id, object? after) =>
        db.Audit.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            KeyId = actor?.Identity?.AuthenticationType == AccessSetup.Scheme && Guid.TryParse(actor.FindFirstValue(ClaimTypes.NameIdentifier), out var k) ? k : null,
            KeyName = actor?.Identity?.Name ?? "anonymous",
            Action = action, Entity = entity, EntityId = id,
            After = after is null ? null : System.Text.Json.JsonSerializer.Serialize(after),
        });

    /// <summary>"editor", "reviewer", "place-representative" or "place_representative".</summary>
    public static bool TryRole(string? text, out ApiRole role)
    {
        role = default;
        return text is not null && QueryValues.TryEnum<ApiRole>(text.Replace('-', '_'), out var r) && r is { } value && (role = value) == value;
    }
}

/// <summary>A person's claims: Identity's (id, e-mail as name, roles, security stamp) and the place they speak for.</summary>
internal sealed class AtlasClaimsFactory(UserManager<AtlasUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AtlasUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AtlasUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PlaceId is not null) identity.AddClaim(new Claim(AccountsSetup.PlaceClaim, user.PlaceId));
        return identity;
    }
}
