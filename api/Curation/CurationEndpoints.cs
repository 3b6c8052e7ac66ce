using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// The write API for editors and reviewers under /api/{places|practices|initiatives|memberships|events|commitments}.
/// A record is read and written in the shape of data/ (GET returns what PUT takes). Editors create drafts and
/// propose changes to published records as revisions that wait beside them; reviewers publish, unpublish and
/// delete. Every answer carries an ETag (PostgreSQL's xmin; "r…" for a pending revision); writes need a matching
/// If-Match, so a stale one is a 412 and nothing is lost. Every write is in the audit log.
/// </summary>
public static class CurationEndpoints
{
    public const int MaxPage = 500;

    public static IEndpointRouteBuilder MapCuration(this IEndpointRouteBuilder app)
    {
        Map(app, CuratedKinds.Places);
        Map(app, CuratedKinds.Practices);
        Map(app, CuratedKinds.Initiatives);
        Map(app, CuratedKinds.Events);
        Map(app, CuratedKinds.Commitments);
        Map(app, CuratedKinds.Memberships);

        app.MapGet("/api/audit", async (AtlasDbContext db, string? entity, string? id, int? limit, long? before, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? 50, 1, MaxPage);
            var q = db.Audit.AsNoTracking();
            if (entity is not null) q = q.Where(a => a.Entity == entity);
            if (id is not null) q = q.Where(a => a.EntityId == id);
            if (before is not null) q = q.Where(a => a.Id < before);
            var items = await q.OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
            return Results.Ok(new { items, next = items.Count == take ? (long?)items[^1].Id : null });
        }).RequireAuthorization(AccessSetup.ReviewerPolicy);

        // What waits for a reviewer: drafts and pending revisions, each revision with its field-by-field difference.
        app.MapGet("/api/review", async (AtlasDbContext db, int? limit, int? offset, CancellationToken ct) =>
        {
            var (take, skip) = (Math.Clamp(limit ?? 50, 1, MaxPage), Math.Max(offset ?? 0, 0));
            var all = new List<ReviewItem>();
            foreach (var kind in CuratedKinds.All) all.AddRange(await kind.ReviewAsync(db, ct));
            var items = all.Skip(skip).Take(take).ToList();
            return Results.Ok(new { total = all.Count, items, next = skip + take < all.Count ? (int?)(skip + take) : null });
        }).RequireAuthorization(AccessSetup.EditorPolicy);

        app.MapGet("/schemas/{kind}.json", (string kind, IStringLocalizer<Messages> l) => RecordSchemas.Text(kind) is { } text
            ? Results.Text(text, "application/schema+json")
            : Results.Problem(statusCode: 404, title: l["No such schema"],
                detail: l["There is no schema '{0}'; the kinds are {1}.", kind, string.Join(", ", CuratedKinds.All.Select(k => k.Name))]));
        return app;
    }

    private static void Map<TEntity, TRecord>(IEndpointRouteBuilder app, CuratedKind<TEntity, TRecord> kind)
        where TEntity : class, ICurated where TRecord : class
    {
        var group = app.MapGroup("/api/" + kind.Name).RequireAuthorization(AccessSetup.EditorPolicy);

        group.MapGet("/", async (AtlasDbContext db, IStringLocalizer<Messages> l, string? status, int? limit, int? offset, CancellationToken ct) =>
        {
            if (status is not (null or "draft" or "published" or "pending"))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [l["must be draft, published or pending"]] }, title: l["Invalid status"]);
            var (take, skip) = (Math.Clamp(limit ?? 50, 1, MaxPage), Math.Max(offset ?? 0, 0));
            var pending = await db.Revisions.AsNoTracking().Where(r => r.Entity == kind.Name).ToDictionaryAsync(r => r.EntityId, ct);
            var q = kind.All(db).AsNoTracking();
            if (status == "draft") q = q.Where(e => e.Status == PublicationStatus.Draft);
            if (status == "published") q = q.Where(e => e.Status == PublicationStatus.Published);
            List<TEntity> page;
            if (status == "pending")
            {
                var found = new List<TEntity>();
                foreach (var id in pending.Keys.Order(StringComparer.Ordinal).Skip(skip).Take(take))
                    if (await kind.FindAsync(db, id, ct) is { } e) found.Add(e);
                page = found;
            }
            else page = await kind.Order(q).Skip(skip).Take(take).ToListAsync(ct);
            var items = page.Select(e =>
            {
                var rev = pending.GetValueOrDefault(kind.Key(e));
                return new
                {
                    id = kind.Key(e), label = kind.Label(e), status = RecordMapper.Enum(e.Status),
                    pendingRevision = rev is not null, etag = rev is null ? ETag(e.Version) : RevisionETag(rev.Version),
                };
            }).ToList();
            return Results.Ok(new { items, next = items.Count == take ? (int?)(skip + take) : null });
        });

        group.MapGet("/{id}", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } e) return NotFound(l, kind.Name, id);
            var rev = await PendingAsync(db, kind.Name, id, ct);
            return Answer(http, e, rev, rev is null ? kind.Json(e) : JsonNode.Parse(rev.Record)!, 200);
        });

        group.MapPost("/", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, AtlasCache cache, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (record, bad) = await ReadRecordAsync<TRecord>(http, l, kind.Name);
            if (bad is not null) return bad;
            var (entity, invalid) = await MapAsync(db, l, kind, record!, ct);
            if (invalid is not null) return invalid;
            if (kind.HasRecordIds && await kind.FindAsync(db, kind.Key(entity!), ct) is not null)
                return Results.Problem(statusCode: 409, title: l["Already exists"],
                    detail: l["{0} already has '{1}'; PUT /api/{0}/{1} to change it.", kind.Name, kind.Key(entity!)]);
            var now = DateTimeOffset.UtcNow;
            // An editor's record waits for a reviewer; a reviewer's is published unless it asks to be a draft.
            if (!IsReviewer(user)) entity!.Status = PublicationStatus.Draft;
            if (entity!.Status == PublicationStatus.Published) entity.PublishedAt = now;
            entity.CuratedAt = now;
            CatalogueImporter.Stamp(entity, now, created: true);
            db.Add(entity);
            if (await SaveAsync(db, l, ct) is { } failed) return failed;
            Audit(db, user, "create", kind.Name, kind.Key(entity), null, kind.Json(entity));
            await db.SaveChangesAsync(ct);
            await cache.InvalidateAsync(ct);
            return Answer(http, entity, null, kind.Json(entity), 201, $"/api/{kind.Name}/{kind.Key(entity)}");
        });

        group.MapPut("/{id}", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, AtlasCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } current) return NotFound(l, kind.Name, id);
            var rev = await PendingAsync(db, kind.Name, id, ct);
            if (Precondition(http, l, current, rev) is { } failed) return failed;
            var (record, bad) = await ReadRecordAsync<TRecord>(http, l, kind.Name);
            if (bad is not null) return bad;
            var (entity, invalid) = await MapAsync(db, l, kind, kind.WithId(record!, id), ct);
            if (invalid is not null) return invalid;
            if (kind.HasRecordIds && kind.Key(entity!) is var rid && rid != id)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [l["'{0}' differs from the id in the URL ('{1}'); ids do not change.", rid, id]] });
            // Status changes only through publish and unpublish; a PUT of what GET returned changes nothing.
            entity!.Status = current.Status;
            var proposed = kind.Json(entity);
            var latest = rev is null ? kind.Json(current) : JsonNode.Parse(rev.Record)!;
            var now = DateTimeOffset.UtcNow;

            if (!IsReviewer(user) && current.Status == PublicationStatus.Published)
            {
                // The public keeps the published version until a reviewer publishes this revision.
                rev ??= db.Revisions.Add(new Revision { Entity = kind.Name, EntityId = id, BaseVersion = current.Version }).Entity;
                rev.Record = proposed.ToJsonString(CatalogueImporter.Json);
                rev.Author = user.Identity?.Name ?? "";
                rev.CreatedAt = now;
                Audit(db, user, "propose", kind.Name, id, latest, proposed);
                if (await SaveAsync(db, l, ct) is { } conflict) return conflict;
                return Answer(http, current, rev, proposed, 200);
            }
            kind.Copy(entity, current);
            current.CuratedAt = now;
            CatalogueImporter.Stamp(current, now, created: false);
            // A reviewer's change was made against the latest version (its ETag matched), revision included.
            if (rev is not null) db.Revisions.Remove(rev);
            Audit(db, user, "update", kind.Name, id, latest, kind.Json(current));
            if (await SaveAsync(db, l, ct) is { } stale) return stale;
            await cache.InvalidateAsync(ct);
            return Answer(http, current, null, kind.Json(current), 200);
        });

        group.MapDelete("/{id}", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, AtlasCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } current) return NotFound(l, kind.Name, id);
            var rev = await PendingAsync(db, kind.Name, id, ct);
            if (Precondition(http, l, current, rev) is { } failed) return failed;
            // Editors can never take anything off the public catalogue.
            if (!IsReviewer(user) && (current.Status == PublicationStatus.Published || current.PublishedAt is not null))
                return Results.Problem(statusCode: 403, title: l["Only a reviewer removes a record that was published"],
                    detail: l["Editors may delete drafts that were never published; ask a reviewer to unpublish or remove this one."]);
            Audit(db, user, "delete", kind.Name, id, kind.Json(current), null);
            if (rev is not null) db.Revisions.Remove(rev);
            db.Remove(current);
            if (await SaveAsync(db, l, ct, inUse: true) is { } conflict) return conflict;
            await cache.InvalidateAsync(ct);
            return Results.NoContent();
        });

        group.MapDelete("/{id}/revision", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } current) return NotFound(l, kind.Name, id);
            if (await PendingAsync(db, kind.Name, id, ct) is not { } rev)
                return Results.Problem(statusCode: 404, title: l["No pending revision"], detail: l["{0} '{1}' has no revision waiting for review.", kind.Name, id]);
            if (Precondition(http, l, current, rev) is { } failed) return failed;
            Audit(db, user, "withdraw", kind.Name, id, JsonNode.Parse(rev.Record), kind.Json(current));
            db.Revisions.Remove(rev);
            if (await SaveAsync(db, l, ct) is { } stale) return stale;
            return Results.NoContent();
        });

        group.MapPost("/{id}/publish", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, AtlasCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } current) return NotFound(l, kind.Name, id);
            var rev = await PendingAsync(db, kind.Name, id, ct);
            if (Precondition(http, l, current, rev) is { } failed) return failed;
            var before = kind.Json(current);
            if (rev is not null)
            {
                // Validated again: a place or initiative it names may have gone since it was proposed.
                var (entity, invalid) = await MapAsync(db, l, kind, kind.FromJson(rev.Record)!, ct);
                if (invalid is not null) return invalid;
                kind.Copy(entity!, current);
                db.Revisions.Remove(rev);
            }
            var now = DateTimeOffset.UtcNow;
            current.Status = PublicationStatus.Published;
            current.PublishedAt ??= now;
            current.CuratedAt = now;
            CatalogueImporter.Stamp(current, now, created: false);
            Audit(db, user, "publish", kind.Name, id, before, kind.Json(current));
            if (await SaveAsync(db, l, ct) is { } stale) return stale;
            await cache.InvalidateAsync(ct);
            return Answer(http, current, null, kind.Json(current), 200);
        }).RequireAuthorization(AccessSetup.ReviewerPolicy);

        group.MapPost("/{id}/unpublish", async (HttpContext http, AtlasDbContext db, IStringLocalizer<Messages> l, AtlasCache cache, ClaimsPrincipal user, string id, CancellationToken ct) =>
        {
            if (await kind.FindAsync(db, id, ct) is not { } current) return NotFound(l, kind.Name, id);
            var rev = await PendingAsync(db, kind.Name, id, ct);
            if (Precondition(http, l, current, rev) is { } failed) return failed;
            var before = kind.Json(current);
            current.Status = PublicationStatus.Draft;
            current.CuratedAt = DateTimeOffset.UtcNow;
            Audit(db, user, "unpublish", kind.Name, id, before, kind.Json(current));
            if (await SaveAsync(db, l, ct) is { } stale) return stale;
            await cache.InvalidateAsync(ct);
            return Answer(http, current, rev, rev is null ? kind.Json(current) : JsonNode.Parse(rev.Record)!, 200);
        }).RequireAuthorization(AccessSetup.ReviewerPolicy);
    }

    private static Task<Revision?> PendingAsync(AtlasDbContext db, string kind, string id, CancellationToken ct) =>
        db.Revisions.FirstOrDefaultAsync(r => r.Entity == kind && r.EntityId == id, ct);

    /// <summary>The record with its ETag and curation state: the latest version is the pending revision when there is one.</summary>
    private static IResult Answer(HttpContext http, ICurated entity, Revision? rev, JsonNode body, int status, string? location = null)
    {
        http.Response.Headers.ETag = rev is null ? ETag(entity.Version) : RevisionETag(rev.Version);
        http.Response.Headers["Atlas-Status"] = RecordMapper.Enum(entity.Status);
        http.Response.Headers["Atlas-Pending-Revision"] = rev is null ? "false" : "true";
        // Once public, a record is only the reviewer's to delete: the editor shows Delete accordingly.
        http.Response.Headers["Atlas-Ever-Published"] = entity.PublishedAt is null ? "false" : "true";
        if (location is not null) http.Response.Headers.Location = location;
        return Results.Json(body, CatalogueImporter.Json, statusCode: status);
    }

    private static IResult? Precondition(HttpContext http, IStringLocalizer<Messages> l, ICurated entity, Revision? rev)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return Results.Problem(statusCode: 428, title: l["If-Match required"],
                detail: l["Send the record's ETag (from GET) in If-Match, so that a change made meanwhile by someone else is not overwritten."]);
        var latest = rev is null ? ETag(entity.Version) : RevisionETag(rev.Version);
        return ifMatch == "*" || ifMatch.TrimStart('W', '/') == latest ? null : Stale(l);
    }

    private static IResult Stale(IStringLocalizer<Messages> l) => Results.Problem(statusCode: 412, title: l["The record has changed"],
        detail: l["Someone changed this record after you read it. Read it again (its new ETag), merge your change and retry; nothing was overwritten."]);

    public static string ETag(uint version) => $"\"{version}\"";
    public static string RevisionETag(uint version) => $"\"r{version}\"";

    private static async Task<IResult?> SaveAsync(AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct, bool inUse = false)
    {
        try { await db.SaveChangesAsync(ct); return null; }
        catch (DbUpdateConcurrencyException) { return Stale(l); }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException pg)
        {
            return Results.Problem(statusCode: 409, title: inUse ? l["Still in use"] : l["Conflicts with the catalogue"], detail: pg.MessageText);
        }
    }

    private static IResult NotFound(IStringLocalizer<Messages> l, string kind, string id) =>
        Results.Problem(statusCode: 404, title: l["No such record"], detail: l["{0} has no '{1}'.", kind, id]);

    /// <summary>Reads a record: the schema first (every bad field named), then the JSON into the record type.</summary>
    private static async Task<(T?, IResult?)> ReadRecordAsync<T>(HttpContext http, IStringLocalizer<Messages> l, string kind) where T : class
    {
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted); }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: 400, title: l["Not JSON"],
                detail: l["The body is not valid JSON (line {0}, byte {1}); send the record as a JSON object.", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1]));
        }
        using (doc)
        {
            var errors = RecordSchemas.Validate(kind, doc.RootElement);
            // The schema's own words (RecordSchemas) are keys; the library's messages are not and stay English.
            if (errors.Count > 0) return (null, Results.ValidationProblem(l.Localized(errors), title: l["The record has invalid fields"]));
            try { return (doc.RootElement.Deserialize<T>(CatalogueImporter.Json), null); }
            catch (JsonException ex)
            {
                // The serializer's own message names .NET types; say it in the record's terms.
                var field = RecordSchemas.Field("/0" + (ex.Path ?? "$").TrimStart('$').Replace('.', '/'));
                return (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [l["has a value of the wrong kind or is not a field of this record"]] },
                    title: l["The record has invalid fields"]));
            }
        }
    }

    private static async Task<(TEntity?, IResult?)> MapAsync<TEntity, TRecord>(AtlasDbContext db, IStringLocalizer<Messages> l, CuratedKind<TEntity, TRecord> kind, TRecord record, CancellationToken ct)
        where TEntity : class, ICurated where TRecord : class
    {
        var v = new Validator
        {
            Texts = l,
            Tags = (await db.Tags.Select(t => t.Id).ToListAsync(ct)).ToHashSet(),
            Places = (await db.Places.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct)).ToHashSet(),
            Initiatives = (await db.Initiatives.IgnoreQueryFilters().Select(i => i.Id).ToListAsync(ct)).ToHashSet(),
            Sources = (await db.Sources.Select(s => s.Id).ToListAsync(ct)).ToHashSet(),
        };
        var entity = kind.Map(v, record);
        if (v.FieldErrors.Count > 0 || entity is null)
            return (null, Results.ValidationProblem(v.FieldErrors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: l["The record has invalid fields"]));
        return (entity, null);
    }

    private static bool IsReviewer(ClaimsPrincipal user) => user.IsInRole(nameof(ApiRole.Reviewer));

    /// <summary>An audit entry: who (which key), what, and the record before and after, in the shape of data/.</summary>
    public static void Audit(AtlasDbContext db, ClaimsPrincipal user, string action, string entity, string id, JsonNode? before, JsonNode? after) =>
        db.Audit.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            // A signed-in person's id is a Guid too; only a key's id names a key.
            KeyId = user.Identity?.AuthenticationType == Access.AccessSetup.Scheme && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var k) ? k : null,
            KeyName = user.Identity?.Name ?? "",
            Action = action, Entity = entity, EntityId = id,
            Before = before?.ToJsonString(), After = after?.ToJsonString(),
        });
}

/// <summary>One entry of the review queue.</summary>
public sealed record ReviewItem(
    string Kind, string Id, string Label, string Change, string ETag, string? Author, DateTimeOffset? ProposedAt,
    IReadOnlyList<RecordDiff.Change> Fields);
