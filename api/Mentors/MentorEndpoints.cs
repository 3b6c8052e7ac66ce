using FrontrunnerAtlas.Api.Curation;
using System.Security.Claims;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Map;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Mentors;

public sealed record MentorshipRequest(string? MentorPlaceId, string? MenteePlaceId, List<string>? Themes, List<string>? Tags,
    int? PlannedDays, string? Message, string? InitiativeId);

public sealed record MentorshipStatusChange(string? Status, string? Message);

/// <summary>One step of the history as the API answers it: when, which status, who (mentee, mentor or editor), what they wrote.</summary>
public sealed record MentorshipUpdateDto(DateTimeOffset At, string Status, string By, string? Message);

/// <summary>A mentorship as /api/mentorships answers it; enum values in snake_case (themes "spatial_planning", status "requested").</summary>
public sealed record MentorshipDto(string Id, string? MentorPlaceId, string MenteePlaceId, string? InitiativeId, IReadOnlyList<Theme> Themes,
    IReadOnlyList<string> Tags, int? PlannedDays, string Status, string? Message, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<MentorshipUpdateDto> History);

/// <summary>The mentor finder and the asking: GET /api/places/{id}/mentors, POST /api/mentorships, PATCH its status.</summary>
public static class MentorEndpoints
{
    // Where a request may go next; anything else is a 409.
    private static readonly Dictionary<MentorshipStatus, MentorshipStatus[]> Next = new()
    {
        [MentorshipStatus.Planned] = [MentorshipStatus.Requested, MentorshipStatus.Active, MentorshipStatus.Declined],
        [MentorshipStatus.Requested] = [MentorshipStatus.Accepted, MentorshipStatus.Declined],
        [MentorshipStatus.Accepted] = [MentorshipStatus.Active, MentorshipStatus.Declined],
        [MentorshipStatus.Active] = [MentorshipStatus.Completed],
        [MentorshipStatus.Completed] = [],
        [MentorshipStatus.Declined] = [],
    };

    public static IServiceCollection AddMentors(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MentorOptions>(config.GetSection(MentorOptions.Section));
        services.AddScoped<MentorFinder>();
        services.AddSingleton<MentorCandidates>();
        return services;
    }

    public static IEndpointRouteBuilder MapMentors(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/places/{id}/mentors", Find);
        app.MapGet("/api/towns/{geonamesId}/mentors", FindForTown);
        app.MapPost("/api/mentorships", Ask).RequireAuthorization(p => p.RequireAuthenticatedUser());
        app.MapPatch("/api/mentorships/{id}", ChangeStatus).RequireAuthorization(p => p.RequireAuthenticatedUser());
        app.MapGet("/api/mentorships/{id}", async (AtlasDbContext db, string id, IStringLocalizer<Messages> l, CancellationToken ct) =>
            await WithHistory(db).FirstOrDefaultAsync(m => m.Id == id, ct) is { } m
                ? Results.Ok(Dto(m))
                : NoMentorship(l, id));
        app.MapGet("/api/places/{id}/mentorships", PlaceMentorships);
        return app;
    }

    private static Task<IResult> Find(HttpRequest http, IOptions<MentorOptions> options, AtlasCache cache, string id,
        IStringLocalizer<Messages> l, CancellationToken ct) =>
        Ranked(http, options.Value, cache, l, ("place", id), (finder, query, token) => finder.FindAsync(id, query, token), ct);

    private static async Task<IResult> FindForTown(HttpRequest http, IOptions<MentorOptions> options, AtlasCache cache, string geonamesId,
        IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (!long.TryParse(geonamesId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var town))
            return Results.Problem(statusCode: 400, title: l["Invalid town"], detail: l["'{0}' is not a GeoNames id (a whole number, e.g. 588335 for Tartu).", geonamesId]);
        return await Ranked(http, options.Value, cache, l, ("town", town.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (finder, query, token) => finder.FindForTownAsync(town, query, token), ct);
    }

    /// <summary>The ranked answer for a place or a town: the query read and checked, the ranking cached by what it was asked.</summary>
    private static async Task<IResult> Ranked(HttpRequest http, MentorOptions o, AtlasCache cache, IStringLocalizer<Messages> l, (string Name, string Id) who,
        Func<MentorFinder, MentorQuery, CancellationToken, Task<MentorResult>> rank, CancellationToken ct)
    {
        var q = http.Query;
        if (QueryValues.RejectUnknown(q, ["themes", "tags", "maxKm", "limit"]) is { } unknown) return unknown;
        var errors = new Dictionary<string, string[]>();
        List<string> Values(string name) => QueryValues.List(q, name);
        var themes = new List<Theme>();
        foreach (var t in Values("themes"))
            if (QueryValues.TryEnum<Theme>(t, out var theme) && theme is { } value) themes.Add(value);
            else errors["themes"] = [l["'{0}' is not one of {1}.", t, QueryValues.SnakeNames<Theme>()]];
        double? maxKm = null;
        if (q.ContainsKey("maxKm"))
        {
            if (!double.TryParse(q["maxKm"], System.Globalization.CultureInfo.InvariantCulture, out var km) || !double.IsFinite(km) || km <= 0 || km > 20000)
                errors["maxKm"] = [l["maxKm must be a distance in km above 0 and at most {0}.", 20000]];
            else maxKm = km;
        }
        var limit = o.DefaultLimit;
        if (q.ContainsKey("limit") && (!int.TryParse(q["limit"], out limit) || limit < 1 || limit > o.MaxLimit))
            errors["limit"] = [l["limit must be a whole number from 1 to {0}.", o.MaxLimit]];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: l["Invalid mentor search"]);
        try
        {
            // Read here: the factory may outlive this request (see AtlasCache).
            var tags = Values("tags");
            var key = CacheKey.Of((who.Name, who.Id), ("themes", themes.Select(QueryValues.Snake).ToList()), ("tags", tags), ("maxKm", maxKm), ("limit", limit));
            var json = await cache.GetOrCreateAsync("mentors", key, async (services, token) =>
            {
                var result = await rank(services.GetRequiredService<MentorFinder>(), new MentorQuery(themes, tags, maxKm, limit), token);
                return System.Text.Json.JsonSerializer.Serialize(new
                {
                    placeId = result.PlaceId,
                    geonamesId = result.GeonamesId,
                    name = result.Name,
                    interests = new { themes = result.Interests.Themes, tags = result.Interests.Tags, source = result.Interests.Source },
                    weights = o,
                    mentors = result.Mentors,
                }, Search.SearchEndpoints.Json);
            }, ct);
            return Results.Text(json, "application/json");
        }
        catch (MentorRequestException ex)
        {
            return Results.Problem(statusCode: ex.Status, title: l[ex.Title], detail: l[ex.DetailFormat, ex.Values]);
        }
    }

    private static async Task<IResult> Ask(MentorshipRequest body, ClaimsPrincipal user, AtlasDbContext db, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.MenteePlaceId)) errors["menteePlaceId"] = [l["is required."]];
        if (string.IsNullOrWhiteSpace(body.MentorPlaceId)) errors["mentorPlaceId"] = [l["is required."]];
        if (body.MentorPlaceId is not null && body.MentorPlaceId == body.MenteePlaceId) errors["mentorPlaceId"] = [l["a place cannot mentor itself."]];
        var themes = new List<Theme>();
        foreach (var t in body.Themes ?? [])
            if (QueryValues.TryEnum<Theme>(t, out var theme) && theme is { } value) themes.Add(value);
            else errors["themes"] = [l["'{0}' is not one of {1}.", t, QueryValues.SnakeNames<Theme>()]];
        if (body.PlannedDays is < 0 or > 365) errors["plannedDays"] = [l["must be from {0} to {1}.", 0, 365]];
        if (body.Message is { Length: > 2000 }) errors["message"] = [l["is longer than {0} characters.", 2000]];
        var tags = body.Tags ?? [];
        if (tags.Count > 0)
        {
            var known = await db.Tags.Where(t => tags.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);
            if (tags.Except(known).FirstOrDefault() is { } unknown) errors["tags"] = [l["unknown tag '{0}'.", unknown]];
        }
        if (errors.Count == 0)
        {
            var ids = new[] { body.MentorPlaceId!, body.MenteePlaceId! };
            var found = await db.Places.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.Role }).ToListAsync(ct);
            foreach (var (field, value) in new[] { ("mentorPlaceId", body.MentorPlaceId!), ("menteePlaceId", body.MenteePlaceId!) })
                if (found.All(p => p.Id != value)) errors[field] = [l["no place has id '{0}'.", value]];
            if (found.FirstOrDefault(p => p.Id == body.MentorPlaceId) is { Role: not PlaceRole.Frontrunner } notMentor)
                errors["mentorPlaceId"] = [l["{0} is a {1}, not a frontrunner; only frontrunners are asked as mentors (see /api/places/{2}/mentors).",
                    notMentor.Name, l[QueryValues.Snake(notMentor.Role)], body.MenteePlaceId!]];
            if (body.InitiativeId is not null && !await db.Initiatives.AnyAsync(i => i.Id == body.InitiativeId, ct))
                errors["initiativeId"] = [l["no initiative has id '{0}'.", body.InitiativeId]];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: l["Invalid mentorship request"]);
        // A place representative asks for its own place; editors and reviewers may file a request for anyone.
        if (!MaySpeakFor(user, body.MenteePlaceId!))
            return Results.Problem(statusCode: 403, title: l["This key's role may not do that"],
                detail: l["Only a representative of {0} (or an editor) may ask on its behalf.", body.MenteePlaceId!]);

        if (await OpenRequest(db, body.MentorPlaceId!, body.MenteePlaceId!, ct) is { } existing)
            return AlreadyAsked(l, existing);

        var now = DateTimeOffset.UtcNow;
        var mentorship = new Mentorship
        {
            Id = "m-" + Guid.NewGuid().ToString("N")[..12], MentorPlaceId = body.MentorPlaceId, MenteePlaceId = body.MenteePlaceId!,
            InitiativeId = body.InitiativeId, Themes = themes, Tags = tags, PlannedDays = body.PlannedDays,
            Status = MentorshipStatus.Requested, Message = body.Message, Source = "atlas", CreatedAt = now, UpdatedAt = now,
        };
        mentorship.CuratedAt = now;
        mentorship.Updates.Add(new MentorshipUpdate { At = now, Status = MentorshipStatus.Requested, By = Party(user, mentorship), Message = body.Message });
        db.Mentorships.Add(mentorship);
        CurationEndpoints.Audit(db, user, "request", "mentorships", mentorship.Id, null, RecordDiff.ToJson(RecordMapper.ToRecord(mentorship)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same request sent twice at once: the index let one through; the other is told which.
            db.ChangeTracker.Clear();
            if (await OpenRequest(db, body.MentorPlaceId!, body.MenteePlaceId!, ct) is { } first) return AlreadyAsked(l, first);
            throw;
        }
        return Results.Created($"/api/mentorships/{mentorship.Id}", Dto(mentorship));
    }

    private static async Task<IResult> ChangeStatus(string id, MentorshipStatusChange body, ClaimsPrincipal user, AtlasDbContext db,
        IStringLocalizer<Messages> l, CancellationToken ct)
    {
        var m = await db.Mentorships.Include(x => x.Updates).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NoMentorship(l, id);
        if (!QueryValues.TryEnum<MentorshipStatus>(body.Status, out var parsed) || parsed is not { } status)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [l["must be one of {0}.", QueryValues.SnakeNames<MentorshipStatus>()]] });
        if (body.Message is { Length: > 2000 })
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["message"] = [l["is longer than {0} characters.", 2000]] });
        // The mentor accepts or declines; either side may mark progress; editors may do all.
        var mayChange = MaySpeakFor(user, m.MenteePlaceId) || (m.MentorPlaceId is not null && MaySpeakFor(user, m.MentorPlaceId));
        if (!mayChange)
            return Results.Problem(statusCode: 403, title: l["This key's role may not do that"],
                detail: l["Only the two places' representatives or an editor may change this mentorship."]);
        if (status is MentorshipStatus.Accepted && !(m.MentorPlaceId is not null && MaySpeakFor(user, m.MentorPlaceId)) && !IsEditor(user))
            return Results.Problem(statusCode: 403, title: l["Only the mentor accepts"], detail: l["A request is accepted by the mentor's representative."]);
        if (!Next[m.Status].Contains(status))
            return Results.Problem(statusCode: 409, title: l["Not a possible change"],
                detail: l["A {0} mentorship cannot become {1}.", l[QueryValues.Snake(m.Status)], l[QueryValues.Snake(status)]]);
        var before = RecordDiff.ToJson(RecordMapper.ToRecord(m));
        m.Status = status;
        m.UpdatedAt = DateTimeOffset.UtcNow;
        m.CuratedAt = m.UpdatedAt;
        m.Updates.Add(new MentorshipUpdate { At = m.UpdatedAt, Status = status, By = Party(user, m), Message = string.IsNullOrWhiteSpace(body.Message) ? null : body.Message });
        CurationEndpoints.Audit(db, user, "status", "mentorships", m.Id, before, RecordDiff.ToJson(RecordMapper.ToRecord(m)));
        await db.SaveChangesAsync(ct);
        return Results.Ok(Dto(m));
    }

    private static async Task<IResult> PlaceMentorships(AtlasDbContext db, string id, IStringLocalizer<Messages> l, CancellationToken ct)
    {
        if (!await db.Places.AnyAsync(p => p.Id == id, ct))
            return Results.Problem(statusCode: 404, title: l["No such place"], detail: l["There is no place '{0}'.", id]);
        var all = await WithHistory(db).Where(m => m.MentorPlaceId == id || m.MenteePlaceId == id)
            .OrderByDescending(m => m.UpdatedAt).ThenBy(m => m.Id).ToListAsync(ct);
        return Results.Ok(new
        {
            placeId = id,
            asMentor = all.Where(m => m.MentorPlaceId == id).Select(Dto),
            asMentee = all.Where(m => m.MenteePlaceId == id).Select(Dto),
        });
    }

    private static IQueryable<Mentorship> WithHistory(AtlasDbContext db) =>
        db.Mentorships.AsNoTracking().Include(m => m.Updates.OrderBy(u => u.At).ThenBy(u => u.Id));

    private static readonly MentorshipStatus[] Open = [MentorshipStatus.Planned, MentorshipStatus.Requested, MentorshipStatus.Accepted, MentorshipStatus.Active];

    private static Task<string?> OpenRequest(AtlasDbContext db, string mentor, string mentee, CancellationToken ct) =>
        db.Mentorships.Where(m => m.MentorPlaceId == mentor && m.MenteePlaceId == mentee && Open.Contains(m.Status))
            .Select(m => m.Id).FirstOrDefaultAsync(ct);

    private static IResult AlreadyAsked(IStringLocalizer<Messages> l, string existingId) => Results.Problem(statusCode: 409, title: l["Already asked"],
        detail: l["This place has an open mentorship with this mentor already: {0} (see /api/mentorships/{0}).", existingId],
        extensions: new Dictionary<string, object?> { ["existingId"] = existingId, ["location"] = $"/api/mentorships/{existingId}" });

    private static IResult NoMentorship(IStringLocalizer<Messages> l, string id) =>
        Results.Problem(statusCode: 404, title: l["No such mentorship"], detail: l["There is no mentorship '{0}'.", id]);

    /// <summary>Who is writing: the mentor's or the mentee's representative, or an editor acting for them.</summary>
    private static MentorshipParty Party(ClaimsPrincipal user, Mentorship m) =>
        user.IsInRole(nameof(ApiRole.PlaceRepresentative)) && user.FindFirstValue("place") is { } place
            ? place == m.MentorPlaceId ? MentorshipParty.Mentor : MentorshipParty.Mentee
            : MentorshipParty.Editor;

    private static bool IsEditor(ClaimsPrincipal user) => user.IsInRole(nameof(ApiRole.Editor)) || user.IsInRole(nameof(ApiRole.Reviewer));

    private static bool MaySpeakFor(ClaimsPrincipal user, string placeId) =>
        IsEditor(user) || (user.IsInRole(nameof(ApiRole.PlaceRepresentative)) && user.FindFirstValue("place") == placeId);

    private static MentorshipDto Dto(Mentorship m) => new(m.Id, m.MentorPlaceId, m.MenteePlaceId, m.InitiativeId, m.Themes, m.Tags,
        m.PlannedDays, QueryValues.Snake(m.Status), m.Message, m.CreatedAt, m.UpdatedAt,
        m.Updates.Select(u => new MentorshipUpdateDto(u.At, QueryValues.Snake(u.Status), QueryValues.Snake(u.By), u.Message)).ToList());
}
