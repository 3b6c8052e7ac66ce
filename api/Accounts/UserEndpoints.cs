using System.Security.Claims;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>The reviewer's view of the accounts: the list, and a password reset link to hand to a person who forgot theirs.</summary>
internal static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users", async (UserManager<AtlasUser> users, CancellationToken ct) =>
        {
            var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
            var list = new List<object>();
            foreach (var u in all)
                list.Add(new { account = await AccountEndpoints.DtoAsync(users, u), disabled = u.Disabled, createdAt = u.CreatedAt });
            return Results.Ok(list);
        }).RequireAuthorization(AccessSetup.ReviewerPolicy);
        app.MapPost("/api/users/{id}/password-reset", IssueReset).RequireAuthorization(AccessSetup.ReviewerPolicy);
    }

    private static async Task<IResult> IssueReset(string id, HttpRequest http, ClaimsPrincipal reviewer, UserManager<AtlasUser> users,
        AtlasDbContext db, IOptions<AccountsOptions> options, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return Results.Problem(statusCode: 404, title: l["No such account"], detail: l["There is no account '{0}'.", id]);
        var token = ResetToken.Write(user.Id, await users.GeneratePasswordResetTokenAsync(user));
        AccountsSetup.Audit(db, reviewer, "password-reset-issued", "accounts", user.Id, new { user.Email });
        await db.SaveChangesAsync(ct);
        return Results.Ok(new
        {
            token,
            resetUrl = AccountEndpoints.PublicUrl(http, options.Value, options.Value.ResetPath, token),
            expiresAt = DateTimeOffset.UtcNow + options.Value.ResetLifetime,
        });
    }
}
