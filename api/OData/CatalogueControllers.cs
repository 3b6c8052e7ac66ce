using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.OData;

// Read-only entity sets. Each action returns an IQueryable so OData composes the query and EF Core runs it
// as one SQL statement in PostgreSQL; nothing is loaded into memory before the options are applied.

public abstract class CatalogueController<T>(AtlasDbContext db) : ODataController where T : class
{
    protected AtlasDbContext Db { get; } = db;

    protected virtual IQueryable<T> Visible => Db.Set<T>().AsNoTracking();

    [AtlasQuery]
    public IQueryable<T> Get() => Visible;

    [AtlasQuery]
    public SingleResult<T> Get([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(e => EF.Property<string>(e, "Id") == key));
}

public sealed class PlacesController(AtlasDbContext db) : CatalogueController<Place>(db)
{
    [AtlasQuery] public IQueryable<Practice> GetPractices([FromODataUri] string key) => Db.PublishedPractices().Where(p => p.PlaceId == key);
    [AtlasQuery] public IQueryable<Membership> GetMemberships([FromODataUri] string key) => Db.Memberships.AsNoTracking().Where(m => m.PlaceId == key);
    [AtlasQuery] public IQueryable<Event> GetHostedEvents([FromODataUri] string key) => Db.Events.AsNoTracking().Where(e => e.HostPlaceId == key);
    [AtlasQuery] public IQueryable<Commitment> GetCommitments([FromODataUri] string key) => Db.Commitments.AsNoTracking().Where(c => c.PlaceId == key);
}

public sealed class PracticesController(AtlasDbContext db) : CatalogueController<Practice>(db)
{
    // The public sees published practices only; drafts wait for a reviewer.
    protected override IQueryable<Practice> Visible => Db.PublishedPractices();

    [AtlasQuery] public SingleResult<Place> GetPlace([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(p => p.Id == key && p.Place != null).Select(p => p.Place!));
    [AtlasQuery] public SingleResult<Initiative> GetInitiative([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(p => p.Id == key && p.Initiative != null).Select(p => p.Initiative!));
}

public sealed class InitiativesController(AtlasDbContext db) : CatalogueController<Initiative>(db)
{
    [AtlasQuery] public IQueryable<Membership> GetMemberships([FromODataUri] string key) => Db.Memberships.AsNoTracking().Where(m => m.InitiativeId == key);
    [AtlasQuery] public IQueryable<Event> GetEvents([FromODataUri] string key) => Db.Events.AsNoTracking().Where(e => e.InitiativeId == key);
    [AtlasQuery] public IQueryable<Practice> GetPractices([FromODataUri] string key) => Db.PublishedPractices().Where(p => p.InitiativeId == key);
}

public sealed class EventsController(AtlasDbContext db) : CatalogueController<Event>(db);
public sealed class MentorshipsController(AtlasDbContext db) : CatalogueController<Mentorship>(db);
public sealed class CommitmentsController(AtlasDbContext db) : CatalogueController<Commitment>(db);
public sealed class TagsController(AtlasDbContext db) : CatalogueController<Tag>(db);

public sealed class MembershipsController(AtlasDbContext db) : ODataController
{
    [AtlasQuery] public IQueryable<Membership> Get() => db.Memberships.AsNoTracking();
    [AtlasQuery] public SingleResult<Membership> Get([FromODataUri] int key) => SingleResult.Create(db.Memberships.AsNoTracking().Where(m => m.Id == key));
}

internal static class VisibilityExtensions
{
    public static IQueryable<Practice> PublishedPractices(this AtlasDbContext db) =>
        db.Practices.AsNoTracking().Where(p => p.Status == PublicationStatus.Published);
}
