using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>What the write API, the review queue and the importer need to know of one kind of curated record.</summary>
internal interface ICuratedKind
{
    /// <summary>Route segment, data/ file stem, schema name and audit entity name.</summary>
    string Name { get; }

    /// <summary>Drafts and pending revisions of this kind, for the review queue.</summary>
    Task<List<ReviewItem>> ReviewAsync(AtlasDbContext db, CancellationToken ct);
}

/// <summary>
/// One kind of curated record as data: how its record (the shape of data/) becomes an entity and back, how
/// an entity is found by the id in a URL, and what to call it in lists. Everything else is the same for all.
/// </summary>
internal sealed record CuratedKind<TEntity, TRecord>(
    string Name,
    Func<Validator, TRecord, TEntity?> Map,
    Func<TEntity, TRecord> ToRecord,
    Action<TEntity, TEntity> Copy,
    Func<TEntity, string> Key,
    Func<string, Expression<Func<TEntity, bool>>?> ById,
    Func<TEntity, string> Label,
    Func<TRecord, string, TRecord> WithId) : ICuratedKind
    where TEntity : class, ICurated
    where TRecord : class
{
    /// <summary>False for memberships, whose records carry no id (the database numbers them).</summary>
    public bool HasRecordIds { get; init; } = true;

    /// <summary>Listing order: by id.</summary>
    public Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> Order { get; init; } = q => q.OrderBy(e => EF.Property<string>(e, "Id"));

    public IQueryable<TEntity> All(AtlasDbContext db) => db.Set<TEntity>().IgnoreQueryFilters();

    public async Task<List<ReviewItem>> ReviewAsync(AtlasDbContext db, CancellationToken ct)
    {
        var items = new List<ReviewItem>();
        foreach (var e in await Order(All(db).AsNoTracking().Where(e => e.Status == PublicationStatus.Draft)).ToListAsync(ct))
            items.Add(new ReviewItem(Name, Key(e), Label(e), e.PublishedAt is null ? "new" : "unpublished",
                CurationEndpoints.ETag(e.Version), null, e.CuratedAt, []));
        foreach (var rev in await db.Revisions.AsNoTracking().Where(r => r.Entity == Name).OrderBy(r => r.EntityId).ToListAsync(ct))
        {
            if (await FindAsync(db, rev.EntityId, ct) is not { } e) continue;
            items.Add(new ReviewItem(Name, rev.EntityId, Label(e), "revision", CurationEndpoints.RevisionETag(rev.Version), rev.Author,
                rev.CreatedAt, RecordDiff.Changes(Json(e), (JsonObject)JsonNode.Parse(rev.Record)!)));
        }
        return items;
    }

    public async Task<TEntity?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) =>
        ById(id) is { } match ? await All(db).FirstOrDefaultAsync(match, ct) : null;

    public JsonObject Json(TEntity e) => RecordDiff.ToJson(ToRecord(e));

    public TRecord? FromJson(string json) => JsonSerializer.Deserialize<TRecord>(json, CatalogueImporter.Json);
}

internal static class CuratedKinds
{
    private static Expression<Func<T, bool>> ByStringId<T>(string id) where T : class => e => EF.Property<string>(e, "Id") == id;

    public static readonly CuratedKind<Place, PlaceRecord> Places = new(
        "places", (v, r) => v.One("places", r, v.Place), RecordMapper.ToRecord, CatalogueImporter.Copy, e => e.Id,
        ByStringId<Place>, e => e.Name, (r, id) => r with { Id = r.Id ?? id });

    public static readonly CuratedKind<Practice, PracticeRecord> Practices = new(
        "practices", (v, r) => v.One("practices", r, v.Practice), RecordMapper.ToRecord, CatalogueImporter.Copy, e => e.Id,
        ByStringId<Practice>, e => e.Title, (r, id) => r with { Id = r.Id ?? id });

    public static readonly CuratedKind<Initiative, InitiativeRecord> Initiatives = new(
        "initiatives", (v, r) => v.One("initiatives", r, v.Initiative), RecordMapper.ToRecord, CatalogueImporter.Copy, e => e.Id,
        ByStringId<Initiative>, e => e.Name, (r, id) => r with { Id = r.Id ?? id });

    public static readonly CuratedKind<Event, EventRecord> Events = new(
        "events", (v, r) => v.One("events", r, v.Event), RecordMapper.ToRecord, CatalogueImporter.Copy, e => e.Id,
        ByStringId<Event>, e => e.Title, (r, id) => r with { Id = r.Id ?? id });

    public static readonly CuratedKind<Commitment, CommitmentRecord> Commitments = new(
        "commitments", (v, r) => v.One("commitments", r, v.Commitment), RecordMapper.ToRecord, CatalogueImporter.Copy, e => e.Id,
        ByStringId<Commitment>, e => e.Title, (r, id) => r with { Id = r.Id ?? id });

    // Memberships have a database-assigned number: their records carry no id.
    public static readonly CuratedKind<Membership, MembershipRecord> Memberships = new(
        "memberships", (v, r) => v.One("memberships", r, v.Membership), RecordMapper.ToRecord, CatalogueImporter.Copy,
        e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        id => int.TryParse(id, out var n) ? e => e.Id == n : null,
        e => e.PlaceId + " in " + e.InitiativeId, (r, _) => r)
    {
        HasRecordIds = false,
        Order = q => q.OrderBy(m => m.Id),
    };

    public static readonly IReadOnlyList<ICuratedKind> All = [Places, Initiatives, Memberships, Events, Practices, Commitments];
}
