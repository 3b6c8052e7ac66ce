using System.Security.Claims;
using System.Text.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// The write API for editors and reviewers: POST, PUT and DELETE under /api/{places|practices|initiatives|
/// memberships|events|commitments}, plus publish/unpublish. Editors write drafts; reviewers publish (the
/// two-step check of the Interreg Europe good-practice database). Every record has an ETag (PostgreSQL's
/// xmin); updates and deletes need a matching If-Match, a stale one is a 412 and nothing is lost. Every
/// write is in the audit log.
/// </summary>
public static class CurationEndpoints
{
    public const string CacheTag = "catalogue";

    public static IEndpointRouteBuilder MapCuration(this IEndpointRouteBuilder app)
    {
        Map(app, new PlaceKind());
        Map(app, new PracticeKind());
        Map(app, new InitiativeKind());
        Map(app, new EventKind());
        Map(app, new CommitmentKind());
        Map(app, new MembershipKind());
        app.MapGet("/api/audit", async (AtlasDbContext db, string? entity, string? id, int? limit, CancellationToken ct) =>
        {
            var q = db.Audit.AsNoTracking();
            if (entity is not null) q = q.Where(a => a.Entity == entity);
            if (id is not null) q = q.Where(a => a.EntityId == id);
            return Results.Ok(await q.OrderByDescending(a => a.Id).Take(Math.Clamp(limit ?? 50, 1, 500)).ToListAsync(ct));
        }).RequireAuthorization(AccessSetup.ReviewerPolicy);
        return app;
    }

    private static void Map<TEntity, TRecord>(IEndpointRouteBuilder app, CurationKind<TEntity, TRecord> kind) where TEntity : class
    {
        var group = app.MapGroup("/api/" + kind.Name).RequireAuthorization(AccessSetup.EditorPolicy);

        // Editors see drafts; the list is what waits for review.
        group.MapGet("/", async (AtlasDbContext db, string? status, CancellationToken ct) =>
        {
            var wanted = status is null ? (PublicationStatus?)null : Enum.TryParse<PublicationStatus>(status, true, out var s) ? s : null;
            if (status is not null && wanted is null) return Results.Problem(statusCode: 400, title: "Invalid status", detail: "status must be draft or published.");
            var all = await kind.All(db).AsNoTracking().ToListAsync(ct);
            return Results.Ok(all.Where(e => wanted is null || kind.GetStatus(e) == wanted)
                .Select(e => new { id = kind.Key(e), label = kind.Label(e), status = Validator.Snake(kind.GetStatus(e).ToString()), etag = ETag(kind.Version(e)) }));
        });

        group.MapGet("/{id}", async (HttpContext http, AtlasDbContext db, string id, CancellationToken ct) =>
            await kind.FindAsync(db, id, ct) is { } e ? WithETag(http, Results.Ok(e), kind.Version(e)) : NotFound(kind, id));

        group.MapPost("/", async (HttpContext http, AtlasDbContext db, HybridCache cache, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (record, bad) = await ReadAsync<TRecord>(http);
            if (bad is not null) return bad;
            var v = await ValidatorFor(db, ct);
            var entity = kind.Map(v, record!);
            if (v.FieldErrors.Count > 0 || entity is null) return Invalid(v);
            if (kind.RecordId(record!) is { } rid && await kind.FindAsync(db, rid, ct) is not null)
                return Results.Problem(statusCode: 409, title: "Already exists", detail: $"{kind.Name} already has '{rid}'; PUT /api/{kind.Name}/{rid} to change it.");
            // An editor's record waits for a reviewer; a reviewer may publish at once.
            var requested = kind.GetStatus(entity);
            kind.SetStatus(entity, IsReviewer(user) ? requested : PublicationStatus.Draft);
            CatalogueImporter.Stamp(entity, DateTimeOffset.UtcNow, created: true);
            db.Add(entity);
            AddAudit(db, user, "create", kind.Name, kind.Key(entity), null, entity);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException pg)
            {
                return Results.Problem(statusCode: 409, title: "Conflicts with the catalogue", detail: pg.MessageText);
            }
            FixAuditKey(db, kind.Key(entity));
            await db.SaveChangesAsync(ct);
            await cache.RemoveByTagAsync(CacheTag, ct);
            return WithETag(http, Results.Created($"/api/{kind.Name}/{kind.Key(entity)}", entity), kind.Version(entity));
        });

        group.MapPut("/{id}", async (HttpContext http, AtlasDbContext db, HybridCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            var current = await kind.FindAsync(db, id, ct);
            if (current is null) return NotFound(kind, id);
            if (Precondition(http, kind.Version(current)) is { } failed) return failed;
            var (record, bad) = await ReadAsync<TRecord>(http);
            if (bad is not null) return bad;
            if (kind.RecordId(record!) is { } rid && rid != id)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'{rid}' differs from the id in the URL ('{id}'); ids do not change."] });
            var v = await ValidatorFor(db, ct);
            // The id comes from the URL when the body leaves it out.
            var withId = typeof(TRecord) != typeof(MembershipRecord) && kind.RecordId(record!) is null ? WithId(record!, id) : record!;
            var entity = kind.Map(v, withId);
            if (v.FieldErrors.Count > 0 || entity is null) return Invalid(v);
            var before = JsonSerializer.Serialize<object>(current, AuditJson);
            kind.Copy(entity, current);
            // An editor's change goes back to review; a reviewer's keeps the status it asks for.
            kind.SetStatus(current, IsReviewer(user) ? kind.GetStatus(entity) : PublicationStatus.Draft);
            CatalogueImporter.Stamp(current, DateTimeOffset.UtcNow, created: false);
            AddAudit(db, user, "update", kind.Name, id, before, current);
            return await SaveAsync(http, db, cache, kind, current);
        });

        group.MapDelete("/{id}", async (HttpContext http, AtlasDbContext db, HybridCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            var current = await kind.FindAsync(db, id, ct);
            if (current is null) return NotFound(kind, id);
            if (Precondition(http, kind.Version(current)) is { } failed) return failed;
            if (kind.GetStatus(current) == PublicationStatus.Published && !IsReviewer(user))
                return Results.Problem(statusCode: 403, title: "Only a reviewer removes published records", detail: "Editors may delete drafts; ask a reviewer to remove a published record.");
            AddAudit(db, user, "delete", kind.Name, id, JsonSerializer.Serialize<object>(current, AuditJson), null);
            db.Remove(current);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Stale(); }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException pg)
            {
                return Results.Problem(statusCode: 409, title: "Still in use", detail: pg.MessageText);
            }
            await cache.RemoveByTagAsync(CacheTag, ct);
            return Results.NoContent();
        });

        foreach (var (action, status) in new[] { ("publish", PublicationStatus.Published), ("unpublish", PublicationStatus.Draft) })
            group.MapPost("/{id}/" + action, async (HttpContext http, AtlasDbContext db, HybridCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
            {
                var current = await kind.FindAsync(db, id, ct);
                if (current is null) return NotFound(kind, id);
                if (Precondition(http, kind.Version(current)) is { } failed) return failed;
                var before = JsonSerializer.Serialize<object>(current, AuditJson);
                kind.SetStatus(current, status);
                AddAudit(db, user, action, kind.Name, id, before, current);
                return await SaveAsync(http, db, cache, kind, current);
            }).RequireAuthorization(AccessSetup.ReviewerPolicy);
    }

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static async Task<IResult> SaveAsync<TEntity, TRecord>(HttpContext http, AtlasDbContext db, HybridCache cache, CurationKind<TEntity, TRecord> kind, TEntity entity)
        where TEntity : class
    {
        try { await db.SaveChangesAsync(http.RequestAborted); }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException pg)
        {
            return Results.Problem(statusCode: 409, title: "Conflicts with the catalogue", detail: pg.MessageText);
        }
        await cache.RemoveByTagAsync(CacheTag, http.RequestAborted);
        return WithETag(http, Results.Ok(entity), kind.Version(entity));
    }

    private static IResult? Precondition(HttpContext http, uint version)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch))
            return Results.Problem(statusCode: 428, title: "If-Match required",
                detail: "Send the record's ETag in If-Match, so that a change made meanwhile by someone else is not overwritten.");
        if (ifMatch.Trim() != "*" && ifMatch.Trim().Trim('W', '/') != ETag(version)) return Stale();
        return null;
    }

    private static IResult Stale() => Results.Problem(statusCode: 412, title: "The record has changed",
        detail: "Someone changed this record after you read it. Read it again (its new ETag), merge your change and retry; nothing was overwritten.");

    private static string ETag(uint version) => $"\"{version}\"";

    private static IResult WithETag(HttpContext http, IResult result, uint version)
    {
        http.Response.Headers.ETag = ETag(version);
        return result;
    }

    private static IResult NotFound<TEntity, TRecord>(CurationKind<TEntity, TRecord> kind, string id) where TEntity : class =>
        Results.Problem(statusCode: 404, title: "No such record", detail: $"{kind.Name} has no '{id}'.");

    private static IResult Invalid(Validator v) => Results.ValidationProblem(
        v.FieldErrors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The record has invalid fields");

    private static async Task<(T?, IResult?)> ReadAsync<T>(HttpContext http)
    {
        try
        {
            var record = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, CatalogueImporter.Json, http.RequestAborted);
            return record is null ? (default, Results.Problem(statusCode: 400, title: "Empty body", detail: "Send the record as JSON.")) : (record, null);
        }
        catch (JsonException ex)
        {
            return (default, Results.Problem(statusCode: 400, title: "Not a valid record", detail: $"At {ex.Path}: {ex.Message}"));
        }
    }

    private static async Task<Validator> ValidatorFor(AtlasDbContext db, CancellationToken ct) => new()
    {
        Tags = (await db.Tags.Select(t => t.Id).ToListAsync(ct)).ToHashSet(),
        Places = (await db.Places.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct)).ToHashSet(),
        Initiatives = (await db.Initiatives.IgnoreQueryFilters().Select(i => i.Id).ToListAsync(ct)).ToHashSet(),
    };

    private static T WithId<T>(T record, string id) => record switch
    {
        PlaceRecord p => (T)(object)(p with { Id = id }),
        PracticeRecord p => (T)(object)(p with { Id = id }),
        InitiativeRecord i => (T)(object)(i with { Id = id }),
        EventRecord e => (T)(object)(e with { Id = id }),
        CommitmentRecord c => (T)(object)(c with { Id = id }),
        _ => record,
    };

    private static bool IsReviewer(ClaimsPrincipal user) => user.IsInRole(nameof(ApiRole.Reviewer));

    private static void AddAudit(AtlasDbContext db, ClaimsPrincipal user, string action, string entity, string id, string? before, object? after) =>
        db.Audit.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            KeyId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var k) ? k : null,
            KeyName = user.Identity?.Name ?? "",
            Action = action, Entity = entity, EntityId = id, Before = before,
            After = after is null ? null : JsonSerializer.Serialize(after, AuditJson),
        });

    // A membership's id exists only after the insert: write it into the audit entry afterwards.
    private static void FixAuditKey(AtlasDbContext db, string key)
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.Entity.EntityId == "0"))
            entry.Entity.EntityId = key;
    }
}
