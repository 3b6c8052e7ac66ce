using System.Security.Claims;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace FrontrunnerAtlas.Api.Accounts;

public sealed record NewKeyBody(string? Name);

/// <summary>A signed-in person's own API keys, for their scripts: made with the person's role and place, listed without secrets, revoked.</summary>
internal static class AccountKeys
{
    public static void MapAccountKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").RequireAuthorization(AccountsSetup.AccountPolicy);
        keys.MapPost("", Create);
        keys.MapGet("", async (ClaimsPrincipal user, UserManager<AtlasUser> users, AtlasDbContext db, CancellationToken ct) =>
        {
            var owner = users.GetUserId(user);
            return Results.Ok(await db.ApiKeys.AsNoTracking().Where(k => k.OwnerId == owner).OrderBy(k => k.CreatedAt)
                .Select(k => new { id = k.Id, name = k.Name, prefix = k.Prefix, role = k.Role, placeId = k.PlaceId, createdAt = k.CreatedAt, revokedAt = k.RevokedAt })
                .ToListAsync(ct));
        });
        keys.MapDelete("/{id}", Revoke);
    }

    private static async Task<IResult> Create(NewKeyBody? body, ClaimsPrincipal principal, UserManager<AtlasUser> users, AtlasDbContext db,
        IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (body?.Name is { Length: > 200 }) return AccountEndpoints.Invalid("name", l["is longer than {0} characters.", 200]);
        var user = await users.GetUserAsync(principal);
        if (user is null) return Results.Unauthorized();
        var role = (await users.GetRolesAsync(user)).Select(r => Enum.TryParse<ApiRole>(r, out var v) ? v : (ApiRole?)null).FirstOrDefault(r => r is not null);
        if (role is null) return Results.Problem(statusCode: 403, title: l["No role"], detail: l["This account has no role; ask a reviewer."]);
        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(), Role = role.Value, PlaceId = user.PlaceId, OwnerId = user.Id,
            Name = string.IsNullOrWhiteSpace(body?.Name) ? $"{user.Email} key" : body.Name.Trim(),
            Prefix = secret[..8], KeyHash = ApiKey.Hash(secret), CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ApiKeys.Add(key);
        AccountsSetup.Audit(db, principal, "key-created", "keys", key.Id.ToString(), new { key.Name, role = key.Role.ToString(), key.PlaceId, key.Prefix });
        await db.SaveChangesAsync(ct);
        // The secret is in this answer and nowhere else.
        return Results.Created($"/api/keys/{key.Id}", new { id = key.Id, key = secret, name = key.Name, prefix = key.Prefix, role = QueryValues.Snake(key.Role) });
    }

    private static async Task<IResult> Revoke(string id, ClaimsPrincipal principal, UserManager<AtlasUser> users, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var owner = users.GetUserId(principal);
        // Someone else's key is answered like a key that does not exist: ids are not to be probed.
        var key = Guid.TryParse(id, out var guid) ? await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == guid && k.OwnerId == owner, ct) : null;
        if (key is null) return Results.Problem(statusCode: 404, title: l["No such key"], detail: l["You have no key '{0}'.", id]);
        if (key.RevokedAt is null)
        {
            key.RevokedAt = DateTimeOffset.UtcNow;
            AccountsSetup.Audit(db, principal, "key-revoked", "keys", key.Id.ToString(), new { key.Name, key.Prefix });
            await db.SaveChangesAsync(ct);
        }
        return Results.NoContent();
    }
}
