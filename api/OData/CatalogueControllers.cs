using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using FrontrunnerAtlas.Api.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
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

    /// <summary>The search index's document type for $search, or null where $search is not offered.</summary>
    protected virtual string? SearchType => null;

    [AtlasQuery]
    public IQueryable<T> Get()
    {
        var query = Visible;
        if (!Request.Query.TryGetValue("$search", out var search) || string.IsNullOrWhiteSpace(search)) return query;
        if (SearchType is not { } type)
            throw new Microsoft.OData.ODataException("$search is offered on Practices and Places; filter other sets with $filter.");
        // $search in OData's grammar; each term runs in the Lucene index (same language as /api/search) and the
        // matching ids then compose with $filter, $select, $expand and $count in one SQL statement.
        var searcher = HttpContext.RequestServices.GetRequiredService<SearchService>();
        return query.Where(ODataSearch.Predicate<T>(Request.GetModel(), search!, term => searcher.MatchIds(type, term)));
    }

    [AtlasQuery]
    public SingleResult<T> Get([FromODataUri] string key) => SingleResult.Create(One(key));

    public Task<IActionResult> GetRef([FromODataUri] string key, string navigationProperty, CancellationToken ct) => ODataPaths.RefAsync(this, One(key), ct);

    public Task<IActionResult> GetProperty([FromODataUri] string key, CancellationToken ct) => ODataPaths.PropertyAsync(this, One(key), ct);

    private IQueryable<T> One(string key) => Visible.Where(e => EF.Property<string>(e, "Id") == key);
}

public sealed class PlacesController(AtlasDbContext db) : CatalogueController<Place>(db)
{
    protected override string? SearchType => SearchSource.Place;

    [AtlasQuery] public IQueryable<Practice> GetPractices([FromODataUri] string key) => Db.PublishedPractices().Where(p => p.PlaceId == key);
    [AtlasQuery] public IQueryable<Membership> GetMemberships([FromODataUri] string key) => Db.Memberships.AsNoTracking().Where(m => m.PlaceId == key);
    [AtlasQuery] public IQueryable<Event> GetHostedEvents([FromODataUri] string key) => Db.Events.AsNoTracking().Where(e => e.HostPlaceId == key);
    [AtlasQuery] public IQueryable<Commitment> GetCommitments([FromODataUri] string key) => Db.Commitments.AsNoTracking().Where(c => c.PlaceId == key);
    [AtlasQuery] public IQueryable<Mentorship> GetMentorOf([FromODataUri] string key) => Db.Mentorships.AsNoTracking().Where(m => m.MentorPlaceId == key);
    [AtlasQuery] public IQueryable<Mentorship> GetMenteeOf([FromODataUri] string key) => Db.Mentorships.AsNoTracking().Where(m => m.MenteePlaceId == key);
}

public sealed class PracticesController(AtlasDbContext db) : CatalogueController<Practice>(db)
{
    // The public sees published practices only; drafts wait for a reviewer.
    protected override IQueryable<Practice> Visible => Db.PublishedPractices();
    protected override string? SearchType => SearchSource.Practice;

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
    [AtlasQuery] public IQueryable<Mentorship> GetMentorships([FromODataUri] string key) => Db.Mentorships.AsNoTracking().Where(m => m.InitiativeId == key);
    [AtlasQuery] public IQueryable<Commitment> GetCommitments([FromODataUri] string key) => Db.Commitments.AsNoTracking().Where(c => c.InitiativeId == key);
}

// Single-valued navigations as paths (Events('…')/HostPlace): the related record when it is there and published.

public sealed class EventsController(AtlasDbContext db) : CatalogueController<Event>(db)
{
    [AtlasQuery] public SingleResult<Place> GetHostPlace([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(e => e.Id == key && e.HostPlace != null).Select(e => e.HostPlace!));
    [AtlasQuery] public SingleResult<Initiative> GetInitiative([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(e => e.Id == key && e.Initiative != null).Select(e => e.Initiative!));
}

public sealed class MentorshipsController(AtlasDbContext db) : CatalogueController<Mentorship>(db)
{
    [AtlasQuery] public SingleResult<Place> GetMentorPlace([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(m => m.Id == key && m.MentorPlace != null).Select(m => m.MentorPlace!));
    [AtlasQuery] public SingleResult<Place> GetMenteePlace([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(m => m.Id == key && m.MenteePlace != null).Select(m => m.MenteePlace!));
    [AtlasQuery] public SingleResult<Initiative> GetInitiative([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(m => m.Id == key && m.Initiative != null).Select(m => m.Initiative!));
    [AtlasQuery] public IQueryable<MentorshipUpdate> GetUpdates([FromODataUri] string key) => Db.MentorshipUpdates.AsNoTracking().Where(u => u.MentorshipId == key);
}

public sealed class MentorshipUpdatesController(AtlasDbContext db) : ODataController
{
    [AtlasQuery] public IQueryable<MentorshipUpdate> Get() => db.MentorshipUpdates.AsNoTracking();
    [AtlasQuery] public SingleResult<MentorshipUpdate> Get([FromODataUri] long key) => SingleResult.Create(One(key));
    public Task<IActionResult> GetRef([FromODataUri] long key, string navigationProperty, CancellationToken ct) => ODataPaths.RefAsync(this, One(key), ct);
    public Task<IActionResult> GetProperty([FromODataUri] long key, CancellationToken ct) => ODataPaths.PropertyAsync(this, One(key), ct);
    private IQueryable<MentorshipUpdate> One(long key) => db.MentorshipUpdates.AsNoTracking().Where(u => u.Id == key);
    [AtlasQuery] public SingleResult<Mentorship> GetMentorship([FromODataUri] long key) => SingleResult.Create(One(key).Select(u => u.Mentorship!));
}

public sealed class CommitmentsController(AtlasDbContext db) : CatalogueController<Commitment>(db)
{
    [AtlasQuery] public SingleResult<Place> GetPlace([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(c => c.Id == key && c.Place != null).Select(c => c.Place!));
    [AtlasQuery] public SingleResult<Initiative> GetInitiative([FromODataUri] string key) =>
        SingleResult.Create(Visible.Where(c => c.Id == key && c.Initiative != null).Select(c => c.Initiative!));
}
public sealed class TagsController(AtlasDbContext db) : CatalogueController<Tag>(db);
public sealed class SourcesController(AtlasDbContext db) : CatalogueController<SourceDocument>(db);

public sealed class MembershipsController(AtlasDbContext db) : ODataController
{
    [AtlasQuery] public IQueryable<Membership> Get() => db.Memberships.AsNoTracking();
    [AtlasQuery] public SingleResult<Membership> Get([FromODataUri] int key) => SingleResult.Create(One(key));
    public Task<IActionResult> GetRef([FromODataUri] int key, string navigationProperty, CancellationToken ct) => ODataPaths.RefAsync(this, One(key), ct);
    public Task<IActionResult> GetProperty([FromODataUri] int key, CancellationToken ct) => ODataPaths.PropertyAsync(this, One(key), ct);
    private IQueryable<Membership> One(int key) => db.Memberships.AsNoTracking().Where(m => m.Id == key);
    [AtlasQuery] public SingleResult<Place> GetPlace([FromODataUri] int key) =>
        SingleResult.Create(db.Memberships.AsNoTracking().Where(m => m.Id == key && m.Place != null).Select(m => m.Place!));
    [AtlasQuery] public SingleResult<Initiative> GetInitiative([FromODataUri] int key) =>
        SingleResult.Create(db.Memberships.AsNoTracking().Where(m => m.Id == key && m.Initiative != null).Select(m => m.Initiative!));
}

internal static class VisibilityExtensions
{
    // The published-only rule itself is the query filter every curated entity has (AtlasDbContext).
    public static IQueryable<Practice> PublishedPractices(this AtlasDbContext db) => db.Practices.AsNoTracking();
}
