using System.Security.Claims;
using System.Text;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Accounts;

public sealed record LoginBody(string? Email, string? Password);
public sealed record TokenPasswordBody(string? Token, string? Password);
public sealed record AccountDto(string Id, string Email, string Name, IReadOnlyList<string> Roles, string? PlaceId);

/// <summary>The person's own routes: sign in and out, who am I, the antiforgery token, accepting an invitation, a new password.</summary>
public static class AccountEndpoints
{
    // Unknown accounts cost one password hash too, so that the answer's timing does not tell them apart.
    private static readonly AtlasUser Nobody = new() { Id = "nobody" };
    private static readonly string NobodyHash = new PasswordHasher<AtlasUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", Login);
        app.MapPost("/account/logout", async (SignInManager<AtlasUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        });
        app.MapGet("/account/me", async (ClaimsPrincipal user, UserManager<AtlasUser> users) =>
            await users.GetUserAsync(user) is { } me ? Results.Ok(await DtoAsync(users, me)) : Results.Unauthorized())
            .RequireAuthorization(AccountsSetup.AccountPolicy);
        app.MapGet("/account/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            Results.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken, headerName = AccountsSetup.AntiforgeryHeader }));
        app.MapPost("/account/invitations/accept", AcceptInvitation);
        app.MapPost("/account/password/reset", ResetPassword);
        app.MapResetMail();
        app.MapAccessRequests();
        app.MapAccountKeys();
        app.MapPasskeys();
        app.MapUsers();
        return app;
    }

    /// <summary>One answer for every refusal: unknown account, wrong password, locked or disabled.</summary>
    private static IResult Refused(IStringLocalizer<Messages> l) => Results.Problem(statusCode: 401, title: l["Sign-in failed"],
        detail: l["The e-mail address or the password is wrong, or the account is locked for a few minutes after too many attempts."]);

    private static async Task<IResult> Login(LoginBody body, HttpContext http, UserManager<AtlasUser> users, SignInManager<AtlasUser> signIn,
        AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var email = body.Email?.Trim() ?? "";
        var password = body.Password ?? "";
        var user = email.Length is > 0 and <= 256 ? await users.FindByEmailAsync(email) : null;
        SignInResult? result = null;
        if (user is { Disabled: false }) result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result is not { Succeeded: true })
        {
            // A locked account is answered without checking the password; hash anyway so that it costs the same.
            if (result is null || result.IsLockedOut) users.PasswordHasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            AccountsSetup.Audit(db, null, "sign-in-failed", "accounts", user?.Id ?? "",
                new { email, reason = user is null ? "unknown" : user.Disabled ? "disabled" : result!.IsLockedOut ? "locked" : "password" });
            await db.SaveChangesAsync(ct);
            return Refused(l);
        }
        await signIn.SignInAsync(user!, isPersistent: false);
        return Results.Ok(await DtoAsync(users, user!));
    }

    internal static async Task<AccountDto> DtoAsync(UserManager<AtlasUser> users, AtlasUser user) =>
        new(user.Id, user.Email ?? "", user.Name,
            (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<ApiRole>(r, out var role) ? QueryValues.Snake(role) : r).ToList(),
            user.PlaceId);

    private static async Task<IResult> AcceptInvitation(TokenPasswordBody body, UserManager<AtlasUser> users, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Token)) return Invalid("token", l["is required: the token of the invitation link."]);
        var hash = ApiKey.Hash(body.Token.Trim());
        var request = await db.AccessRequests.FirstOrDefaultAsync(r => r.InvitationHash == hash, ct);
        if (request is null) return Invalid("token", l["is not a valid invitation; ask a reviewer for a new one."]);
        if (request.Status == AccessRequestStatus.Accepted)
            return Gone(l["Invitation used"], l["This invitation has been used already; sign in with the account it made."]);
        if (request.Status == AccessRequestStatus.Declined)
            return Gone(l["Invitation withdrawn"], l["This request was declined after its invitation was sent."]);
        if (request.InvitationExpiresAt < DateTimeOffset.UtcNow)
            return Gone(l["Invitation expired"], l["This invitation expired at {0:u}; ask a reviewer to approve the request again.", request.InvitationExpiresAt!]);
        if (await PasswordErrorsAsync(users, body.Password, l) is { } weak) return weak;

        var user = new AtlasUser
        {
            UserName = request.Email, Email = request.Email, EmailConfirmed = true, Name = request.Name,
            PlaceId = request.Role == ApiRole.PlaceRepresentative ? request.PlaceId : null, CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var created = await users.CreateAsync(user, body.Password!);
            if (!created.Succeeded)
                return Results.ValidationProblem(Errors(created), title: l["The account could not be made"]);
            await users.AddToRoleAsync(user, request.Role.ToString());
            request.Status = AccessRequestStatus.Accepted;
            request.UserId = user.Id;
            AccountsSetup.Audit(db, null, "invitation-accepted", "accounts", user.Id, new { user.Email, role = request.Role.ToString(), user.PlaceId, requestId = request.Id });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same invitation accepted twice at once: the user name index let one account through.
            return Gone(l["Invitation used"], l["This invitation has been used already; sign in with the account it made."]);
        }
        return Results.Created("/account/me", await DtoAsync(users, user));
    }

    private static async Task<IResult> ResetPassword(TokenPasswordBody body, UserManager<AtlasUser> users, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (ResetToken.Read(body.Token) is not { } link) return Invalid("token", l["is not a valid reset link; ask a reviewer for a new one."]);
        var user = await users.FindByIdAsync(link.UserId);
        if (user is null) return Invalid("token", l["is not a valid reset link; ask a reviewer for a new one."]);
        if (await PasswordErrorsAsync(users, body.Password, l) is { } weak) return weak;
        // Identity's token is bound to the security stamp, which the reset changes: the link works once.
        var reset = await users.ResetPasswordAsync(user, link.Token, body.Password!);
        if (!reset.Succeeded)
            return Invalid("token", l["has expired or has been used already; ask a reviewer for a new one."]);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        AccountsSetup.Audit(db, null, "password-reset", "accounts", user.Id, new { user.Email });
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static async Task<IResult?> PasswordErrorsAsync(UserManager<AtlasUser> users, string? password, IStringLocalizer<Messages> l)
    {
        if (string.IsNullOrEmpty(password)) return Invalid("password", l["is required."]);
        var errors = new List<string>();
        foreach (var v in users.PasswordValidators)
            if (await v.ValidateAsync(users, new AtlasUser(), password) is { Succeeded: false } r) errors.AddRange(r.Errors.Select(e => e.Description));
        return errors.Count > 0 ? Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [.. errors] }, title: l["Password too weak"]) : null;
    }

    /// <summary>Identity's errors under the field they concern.</summary>
    private static Dictionary<string, string[]> Errors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password"
                : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "account")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    internal static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult Gone(string title, string detail) => Results.Problem(statusCode: 410, title: title, detail: detail);

    /// <summary>
    /// A link that goes out by mail: Accounts:PublicUrl, else the OGC links' base (Map:PublicBaseUrl or the server's
    /// own address), never the request's Host, which whoever asks for the mail writes.
    /// </summary>
    internal static string MailedUrl(HttpContext http, AccountsOptions o, string path, string token) =>
        $"{(string.IsNullOrWhiteSpace(o.PublicUrl) ? Map.PublicLinks.Base(http) : o.PublicUrl.TrimEnd('/'))}{path}?token={Uri.EscapeDataString(token)}";

    internal static string PublicUrl(HttpRequest request, AccountsOptions o, string path, string token) =>
        $"{(string.IsNullOrWhiteSpace(o.PublicUrl) ? $"{request.Scheme}://{request.Host}" : o.PublicUrl.TrimEnd('/'))}{path}?token={Uri.EscapeDataString(token)}";
}

/// <summary>A reset link's token: the person's id and Identity's reset token, together in one URL-safe string.</summary>
internal static class ResetToken
{
    public static string Write(string userId, string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId + "\n" + token));

    public static (string UserId, string Token)? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text.Trim())).Split('\n', 2);
            return parts.Length == 2 && parts[0].Length > 0 ? (parts[0], parts[1]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
