using System.Security.Claims;
using System.Security.Cryptography;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Accounts;

public sealed record AccessRequestBody(string? Name, string? Email, string? Organisation, string? PlaceId, string? Role, string? Message);

public sealed record AccessRequestDto(Guid Id, string Name, string Email, string? Organisation, string? PlaceId, string Role, string? Message,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecidedBy, DateTimeOffset? InvitationExpiresAt);

/// <summary>Anyone may ask for an account; reviewers see the requests and approve (an invitation) or decline them.</summary>
internal static class AccessRequestEndpoints
{
    public static void MapAccessRequests(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/access-requests", Ask).RequireRateLimiting(AccountsSetup.AccessRequestLimit);
        app.MapGet("/api/access-requests", async (AtlasDbContext db, CancellationToken ct) =>
                Results.Ok((await db.AccessRequests.AsNoTracking().OrderByDescending(r => r.CreatedAt).ToListAsync(ct)).Select(Dto)))
            .RequireAuthorization(AccessSetup.ReviewerPolicy);
        app.MapPost("/api/access-requests/{id}/approve", Approve).RequireAuthorization(AccessSetup.ReviewerPolicy);
        app.MapPost("/api/access-requests/{id}/decline", Decline).RequireAuthorization(AccessSetup.ReviewerPolicy);
    }

    private static async Task<IResult> Ask(AccessRequestBody body, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var email = body.Email?.Trim() ?? "";
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200) errors["name"] = [l["is required, at most {0} characters.", 200]];
        if (!IsEmail(email))
            errors["email"] = [l["'{0}' is not an e-mail address (name@example.eu).", body.Email ?? ""]];
        if (body.Organisation is { Length: > 200 }) errors["organisation"] = [l["is longer than {0} characters.", 200]];
        if (body.Message is { Length: > 2000 }) errors["message"] = [l["is longer than {0} characters.", 2000]];
        if (!AccountsSetup.TryRole(body.Role, out var role))
            errors["role"] = [l["must be one of editor, reviewer, place-representative."]];
        else if (role == ApiRole.PlaceRepresentative && string.IsNullOrWhiteSpace(body.PlaceId))
            errors["placeId"] = [l["is required for a place representative: the place you speak for."]];
        if (!string.IsNullOrWhiteSpace(body.PlaceId) && !await db.Places.AnyAsync(p => p.Id == body.PlaceId, ct))
            errors["placeId"] = [l["no place has id '{0}'.", body.PlaceId]];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: l["Invalid access request"]);

        var request = new AccessRequest
        {
            Id = Guid.NewGuid(), Name = body.Name!.Trim(), Email = email, Organisation = body.Organisation?.Trim(),
            PlaceId = string.IsNullOrWhiteSpace(body.PlaceId) ? null : body.PlaceId, Role = role, Message = body.Message,
            Status = AccessRequestStatus.Pending, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.AccessRequests.Add(request);
        AccountsSetup.Audit(db, null, "access-requested", "access-requests", request.Id.ToString(),
            new { request.Email, role = role.ToString(), request.PlaceId, request.Organisation });
        await db.SaveChangesAsync(ct);
        return Results.Accepted($"/api/access-requests/{request.Id}", new { id = request.Id });
    }

    /// <summary>One address, as written (no display name), with a dot in its domain, at most 256 characters.</summary>
    internal static bool IsEmail(string email) =>
        email.Length <= 256 && System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email && address.Host.Contains('.');

    private static async Task<IResult> Approve(string id, HttpRequest http, ClaimsPrincipal reviewer, AtlasDbContext db, IOptions<AccountsOptions> options,
        IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } request) return NoRequest(l, id);
        if (request.Status is AccessRequestStatus.Accepted or AccessRequestStatus.Declined)
            return Results.Problem(statusCode: 409, title: l["Already decided"], detail: l["This request is {0}.", l[QueryValues.Snake(request.Status)]]);
        // Approving again (an expired invitation) issues a new token; the old one stops working.
        var token = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        request.Status = AccessRequestStatus.Approved;
        request.InvitationHash = ApiKey.Hash(token);
        request.InvitationExpiresAt = DateTimeOffset.UtcNow + options.Value.InvitationLifetime;
        Decided(request, reviewer);
        AccountsSetup.Audit(db, reviewer, "access-approved", "access-requests", request.Id.ToString(),
            new { request.Email, role = request.Role.ToString(), request.PlaceId, request.InvitationExpiresAt });
        await db.SaveChangesAsync(ct);
        return Results.Ok(new
        {
            token,
            invitationUrl = AccountEndpoints.PublicUrl(http, options.Value, options.Value.InvitationPath, token),
            expiresAt = request.InvitationExpiresAt,
        });
    }

    private static async Task<IResult> Decline(string id, ClaimsPrincipal reviewer, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (await FindAsync(db, id, ct) is not { } request) return NoRequest(l, id);
        if (request.Status == AccessRequestStatus.Accepted)
            return Results.Problem(statusCode: 409, title: l["Already accepted"], detail: l["The invitation made an account already; disable it with 'users disable'."]);
        request.Status = AccessRequestStatus.Declined;
        Decided(request, reviewer);
        AccountsSetup.Audit(db, reviewer, "access-declined", "access-requests", request.Id.ToString(), new { request.Email });
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    private static void Decided(AccessRequest request, ClaimsPrincipal reviewer)
    {
        request.DecidedAt = DateTimeOffset.UtcNow;
        request.DecidedBy = reviewer.Identity?.Name;
    }

    private static async Task<AccessRequest?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var guid) ? await db.AccessRequests.FirstOrDefaultAsync(r => r.Id == guid, ct) : null;

    private static IResult NoRequest(IStringLocalizer<Messages> l, string id) =>
        Results.Problem(statusCode: 404, title: l["No such access request"], detail: l["There is no access request '{0}'.", id]);

    private static AccessRequestDto Dto(AccessRequest r) => new(r.Id, r.Name, r.Email, r.Organisation, r.PlaceId, QueryValues.Snake(r.Role),
        r.Message, QueryValues.Snake(r.Status), r.CreatedAt, r.DecidedAt, r.DecidedBy, r.InvitationExpiresAt);
}
