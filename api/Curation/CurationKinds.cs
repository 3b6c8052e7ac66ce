using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// What the write API needs to know of one kind of record: its route, how a posted record (the same shape as
/// the catalogue files) becomes an entity, how to copy it onto the stored one, and how to find it.
/// </summary>
internal abstract class CurationKind<TEntity, TRecord> where TEntity : class
{
    public abstract string Name { get; }
    public abstract TEntity? Map(Validator v, TRecord record);
    public abstract void Copy(TEntity from, TEntity to);
    public abstract string Key(TEntity e);
    public abstract Task<TEntity?> FindAsync(AtlasDbContext db, string id, CancellationToken ct);
    public abstract string Label(TEntity e);
    public abstract PublicationStatus GetStatus(TEntity e);
    public abstract void SetStatus(TEntity e, PublicationStatus s);
    public abstract uint Version(TEntity e);
    /// <summary>The id a posted record asks for (null for memberships, whose id the database assigns).</summary>
    public abstract string? RecordId(TRecord r);
    public abstract IQueryable<TEntity> All(AtlasDbContext db);
}

internal sealed class PlaceKind : CurationKind<Place, PlaceRecord>
{
    public override string Name => "places";
    public override Place? Map(Validator v, PlaceRecord r) => v.One(Name, r, v.Place);
    public override void Copy(Place f, Place t) => CatalogueImporter.Copy(f, t);
    public override string Key(Place e) => e.Id;
    public override Task<Place?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) => db.Places.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
    public override string Label(Place e) => e.Name;
    public override PublicationStatus GetStatus(Place e) => e.Status;
    public override void SetStatus(Place e, PublicationStatus s) => e.Status = s;
    public override uint Version(Place e) => e.Version;
    public override string? RecordId(PlaceRecord r) => r.Id;
    public override IQueryable<Place> All(AtlasDbContext db) => db.Places.IgnoreQueryFilters();
}

internal sealed class PracticeKind : CurationKind<Practice, PracticeRecord>
{
    public override string Name => "practices";
    public override Practice? Map(Validator v, PracticeRecord r) => v.One(Name, r, v.Practice);
    public override void Copy(Practice f, Practice t) => CatalogueImporter.Copy(f, t);
    public override string Key(Practice e) => e.Id;
    public override Task<Practice?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) => db.Practices.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
    public override string Label(Practice e) => e.Title;
    public override PublicationStatus GetStatus(Practice e) => e.Status;
    public override void SetStatus(Practice e, PublicationStatus s) => e.Status = s;
    public override uint Version(Practice e) => e.Version;
    public override string? RecordId(PracticeRecord r) => r.Id;
    public override IQueryable<Practice> All(AtlasDbContext db) => db.Practices.IgnoreQueryFilters();
}

internal sealed class InitiativeKind : CurationKind<Initiative, InitiativeRecord>
{
    public override string Name => "initiatives";
    public override Initiative? Map(Validator v, InitiativeRecord r) => v.One(Name, r, v.Initiative);
    public override void Copy(Initiative f, Initiative t) => CatalogueImporter.Copy(f, t);
    public override string Key(Initiative e) => e.Id;
    public override Task<Initiative?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) => db.Initiatives.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
    public override string Label(Initiative e) => e.Name;
    public override PublicationStatus GetStatus(Initiative e) => e.Status;
    public override void SetStatus(Initiative e, PublicationStatus s) => e.Status = s;
    public override uint Version(Initiative e) => e.Version;
    public override string? RecordId(InitiativeRecord r) => r.Id;
    public override IQueryable<Initiative> All(AtlasDbContext db) => db.Initiatives.IgnoreQueryFilters();
}

internal sealed class EventKind : CurationKind<Event, EventRecord>
{
    public override string Name => "events";
    public override Event? Map(Validator v, EventRecord r) => v.One(Name, r, v.Event);
    public override void Copy(Event f, Event t) => CatalogueImporter.Copy(f, t);
    public override string Key(Event e) => e.Id;
    public override Task<Event?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) => db.Events.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
    public override string Label(Event e) => e.Title;
    public override PublicationStatus GetStatus(Event e) => e.Status;
    public override void SetStatus(Event e, PublicationStatus s) => e.Status = s;
    public override uint Version(Event e) => e.Version;
    public override string? RecordId(EventRecord r) => r.Id;
    public override IQueryable<Event> All(AtlasDbContext db) => db.Events.IgnoreQueryFilters();
}

internal sealed class CommitmentKind : CurationKind<Commitment, CommitmentRecord>
{
    public override string Name => "commitments";
    public override Commitment? Map(Validator v, CommitmentRecord r) => v.One(Name, r, v.Commitment);
    public override void Copy(Commitment f, Commitment t) => CatalogueImporter.Copy(f, t);
    public override string Key(Commitment e) => e.Id;
    public override Task<Commitment?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) => db.Commitments.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, ct);
    public override string Label(Commitment e) => e.Title;
    public override PublicationStatus GetStatus(Commitment e) => e.Status;
    public override void SetStatus(Commitment e, PublicationStatus s) => e.Status = s;
    public override uint Version(Commitment e) => e.Version;
    public override string? RecordId(CommitmentRecord r) => r.Id;
    public override IQueryable<Commitment> All(AtlasDbContext db) => db.Commitments.IgnoreQueryFilters();
}

internal sealed class MembershipKind : CurationKind<Membership, MembershipRecord>
{
    public override string Name => "memberships";
    public override Membership? Map(Validator v, MembershipRecord r) => v.One(Name, r, v.Membership);
    public override void Copy(Membership f, Membership t)
    {
        t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId; t.Role = f.Role; t.Note = f.Note; t.Source = f.Source; t.External = f.External;
    }
    public override string Key(Membership e) => e.Id.ToString();
    public override Task<Membership?> FindAsync(AtlasDbContext db, string id, CancellationToken ct) =>
        int.TryParse(id, out var n) ? db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == n, ct) : Task.FromResult<Membership?>(null);
    public override string Label(Membership e) => $"{e.PlaceId} in {e.InitiativeId} ({e.Role})";
    public override PublicationStatus GetStatus(Membership e) => e.Status;
    public override void SetStatus(Membership e, PublicationStatus s) => e.Status = s;
    public override uint Version(Membership e) => e.Version;
    public override string? RecordId(MembershipRecord r) => null;
    public override IQueryable<Membership> All(AtlasDbContext db) => db.Memberships.IgnoreQueryFilters();
}
