using System.Security.Claims;
using System.Text.Json;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>The browser's answer to a passkey ceremony (PublicKeyCredential.toJSON()), and a name for a new passkey.</summary>
public sealed record PasskeyBody(JsonElement? Credential, string? Name);

/// <summary>
/// Passkeys (WebAuthn) with Identity's own support: a signed-in person registers, lists and removes theirs; anyone
/// signs in with one. Identity makes the options, keeps the challenge in a short cookie and checks the answers;
/// this adds the checks of the atlas (disabled accounts, the person's own passkeys only) and the audit log.
/// </summary>
internal static class Passkeys
{
    private const int MaxName = 200;

    /// <summary>The relying party and the accepted origin follow Accounts:PublicUrl (see <see cref="AccountsOptions.PasskeyTimeout"/>).</summary>
    public static void AddPasskeys(this IServiceCollection services, AccountsOptions o)
    {
        var publicUrl = string.IsNullOrWhiteSpace(o.PublicUrl) ? null : new Uri(o.PublicUrl, UriKind.Absolute);
        services.Configure<IdentityPasskeyOptions>(p =>
        {
            // Null: Identity takes the host of the request as the RP id.
            p.ServerDomain = publicUrl?.Host;
            p.AuthenticatorTimeout = o.PasskeyTimeout;
            // A passkey signs in alone, so the authenticator must check who holds it (PIN, fingerprint, face).
            p.UserVerificationRequirement = "required";
            p.ResidentKeyRequirement = "required";
            p.ValidateOrigin = v =>
            {
                var request = v.HttpContext.Request;
                var expected = publicUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}";
                return ValueTask.FromResult(!v.CrossOrigin && string.Equals(v.Origin, expected, StringComparison.OrdinalIgnoreCase));
            };
        });
    }

    public static void MapPasskeys(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/account/passkeys").RequireAuthorization(AccountsSetup.AccountPolicy);
        own.MapGet("", List);
        own.MapPost("/creation-options", CreationOptions);
        own.MapPost("", Register);
        own.MapDelete("/{id}", Remove);
        // Anonymous: there is no session yet (and so no antiforgery token either).
        app.MapPost("/account/passkeys/request-options", async (SignInManager<AtlasUser> signIn) =>
            Results.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json"));
        app.MapPost("/account/passkeys/login", Login);
    }

    private static string Id(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    private static async Task<IResult> List(ClaimsPrincipal principal, UserManager<AtlasUser> users)
    {
        if (await users.GetUserAsync(principal) is not { } user) return Results.Unauthorized();
        var passkeys = await users.GetPasskeysAsync(user);
        return Results.Ok(passkeys.OrderBy(p => p.CreatedAt)
            .Select(p => new { id = Id(p.CredentialId), name = p.Name, createdAt = p.CreatedAt, backedUp = p.IsBackedUp }));
    }

    private static async Task<IResult> CreationOptions(ClaimsPrincipal principal, UserManager<AtlasUser> users, SignInManager<AtlasUser> signIn)
    {
        if (await users.GetUserAsync(principal) is not { } user) return Results.Unauthorized();
        var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id, Name = user.Email ?? user.Id, DisplayName = string.IsNullOrWhiteSpace(user.Name) ? user.Email ?? user.Id : user.Name,
        });
        return Results.Content(json, "application/json");
    }

    /// <summary>
    /// Identity throws when no ceremony is underway (no challenge cookie: never asked, expired after
    /// Accounts:PasskeyTimeout, or already answered once); that is the client's mistake, not the server's.
    /// </summary>
    private static async Task<T?> CeremonyAsync<T>(Func<Task<T>> answer) where T : class
    {
        try
        {
            return await answer();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static IResult NoCeremony(IStringLocalizer<Messages> l, string title, string start) => Results.Problem(statusCode: 400, title: title,
        detail: l["Ask for the options first ({0}) and answer them within a few minutes, once.", start]);

    private static IResult? Unreadable(PasskeyBody? body, IStringLocalizer<Messages> l) =>
        body?.Credential is not { ValueKind: JsonValueKind.Object }
            ? AccountEndpoints.Invalid("credential", l["is required: the browser's answer (PublicKeyCredential.toJSON()) as a JSON object."])
            : null;

    private static async Task<IResult> Register(PasskeyBody? body, ClaimsPrincipal principal, UserManager<AtlasUser> users,
        SignInManager<AtlasUser> signIn, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (Unreadable(body, l) is { } bad) return bad;
        var name = string.IsNullOrWhiteSpace(body!.Name) ? null : body.Name.Trim();
        if (name is { Length: > MaxName }) return AccountEndpoints.Invalid("name", l["is longer than {0} characters.", MaxName]);
        if (await users.GetUserAsync(principal) is not { } user) return Results.Unauthorized();
        if (await CeremonyAsync(() => signIn.PerformPasskeyAttestationAsync(body.Credential!.Value.GetRawText())) is not { } result)
            return NoCeremony(l, l["No passkey registration underway"], "POST /account/passkeys/creation-options");
        if (!result.Succeeded)
            return Results.Problem(statusCode: 400, title: l["The passkey was not accepted"],
                detail: l["{0} Start again from the account page.", result.Failure.Message]);
        // The challenge was made for this person; a ceremony begun in another session is not theirs to finish.
        if (result.UserEntity.Id != user.Id)
            return Results.Problem(statusCode: 400, title: l["The passkey was not accepted"], detail: l["The registration was started for another account."]);
        var passkey = result.Passkey;
        passkey.Name = name ?? $"Passkey of {passkey.CreatedAt:yyyy-MM-dd}";
        var added = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!added.Succeeded)
            return Results.Problem(statusCode: 400, title: l["The passkey was not accepted"], detail: string.Join(" ", added.Errors.Select(e => e.Description)));
        AccountsSetup.Audit(db, principal, "passkey-added", "accounts", user.Id, new { passkey = Id(passkey.CredentialId), passkey.Name });
        await db.SaveChangesAsync(ct);
        return Results.Created($"/account/passkeys/{Id(passkey.CredentialId)}",
            new { id = Id(passkey.CredentialId), name = passkey.Name, createdAt = passkey.CreatedAt, backedUp = passkey.IsBackedUp });
    }

    private static async Task<IResult> Remove(string id, ClaimsPrincipal principal, UserManager<AtlasUser> users, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (await users.GetUserAsync(principal) is not { } user) return Results.Unauthorized();
        byte[]? credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            credentialId = null;
        }
        // Someone else's passkey is answered like one that does not exist.
        var passkey = credentialId is null ? null : await users.GetPasskeyAsync(user, credentialId);
        if (passkey is null) return Results.Problem(statusCode: 404, title: l["No such passkey"], detail: l["You have no passkey '{0}'.", id]);
        var removed = await users.RemovePasskeyAsync(user, passkey.CredentialId);
        if (!removed.Succeeded)
            return Results.Problem(statusCode: 409, title: l["The passkey was not removed"], detail: string.Join(" ", removed.Errors.Select(e => e.Description)));
        AccountsSetup.Audit(db, principal, "passkey-removed", "accounts", user.Id, new { passkey = id, passkey.Name });
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult> Login(PasskeyBody? body, UserManager<AtlasUser> users, SignInManager<AtlasUser> signIn,
        AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (Unreadable(body, l) is { } bad) return bad;
        // Identity's PasskeySignInAsync knows nothing of disabled accounts: the assertion is checked here, then the
        // same refusals as a password apply before the session starts.
        if (await CeremonyAsync(() => signIn.PerformPasskeyAssertionAsync(body!.Credential!.Value.GetRawText())) is not { } assertion)
            return NoCeremony(l, l["No passkey sign-in underway"], "POST /account/passkeys/request-options");
        var user = assertion.Succeeded ? assertion.User : null;
        var reason = user is null ? "passkey" : user.Disabled ? "disabled" : await users.IsLockedOutAsync(user) ? "locked" : null;
        if (reason is not null)
        {
            AccountsSetup.Audit(db, null, "passkey-sign-in-failed", "accounts", user?.Id ?? "",
                new { reason, detail = assertion.Succeeded ? null : assertion.Failure.Message });
            await db.SaveChangesAsync(ct);
            return Results.Problem(statusCode: 401, title: l["Sign-in failed"],
                detail: l["This passkey is not (or no longer) one of an account here, or the account is disabled or locked; sign in with your password."]);
        }
        // The new signature counter is kept, so that a cloned authenticator shows itself.
        await users.AddOrUpdatePasskeyAsync(user!, assertion.Passkey!);
        await signIn.SignInAsync(user!, isPersistent: false, authenticationMethod: "passkey");
        AccountsSetup.Audit(db, null, "passkey-sign-in", "accounts", user!.Id, new { user.Email, passkey = Id(assertion.Passkey!.CredentialId) });
        await db.SaveChangesAsync(ct);
        return Results.Ok(await AccountEndpoints.DtoAsync(users, user));
    }
}
