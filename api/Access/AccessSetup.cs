using System.Security.Claims;
using System.Text.Encodings.Web;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Access;

/// <summary>Reading is public; every write needs a bearer API key whose role the endpoint's policy names.</summary>
public static class AccessSetup
{
    public const string Scheme = "ApiKey";
    public const string EditorPolicy = "editor";
    public const string ReviewerPolicy = "reviewer";

    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            // Reviewers publish what editors write, so a reviewer may also do an editor's work.
            .AddPolicy(EditorPolicy, p => p.RequireRole(nameof(ApiRole.Editor), nameof(ApiRole.Reviewer)))
            .AddPolicy(ReviewerPolicy, p => p.RequireRole(nameof(ApiRole.Reviewer)));
        return services;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/keys/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity?.Name,
            // The claim holds the member name (for IsInRole); the answer spells it as every other enum value.
            role = Enum.TryParse<ApiRole>(user.FindFirstValue(ClaimTypes.Role), out var r) ? QueryValues.Snake(r) : null,
            placeId = user.FindFirstValue("place"),
        })).RequireAuthorization(p => p.RequireAuthenticatedUser());
        return app;
    }
}

internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AtlasDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        var hash = ApiKey.Hash(header["Bearer ".Length..].Trim());
        // A person's key stops with the person: a disabled owner's keys are refused on the next request.
        var key = await db.ApiKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null
                && (k.OwnerId == null || db.Users.Any(u => u.Id == k.OwnerId && !u.Disabled)), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role.ToString()),
        };
        if (key.PlaceId is not null) claims.Add(new Claim("place", key.PlaceId));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, AccessSetup.Scheme)), AccessSetup.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var l = Context.Texts();
        await Results.Problem(statusCode: 401, title: l["An API key is required"],
            detail: l["Send a key created with 'keys create' as 'Authorization: Bearer <key>'."]).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var l = Context.Texts();
        await Results.Problem(statusCode: 403, title: l["This key's role may not do that"],
            detail: l["Ask for a key with the role this endpoint needs."]).ExecuteAsync(Context);
    }
}
