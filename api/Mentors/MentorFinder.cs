using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Mentors;

public sealed record MentorQuery(IReadOnlyList<Theme>? Themes, IReadOnlyList<string>? Tags, double? MaxKm, int Limit);

public sealed record MentorResult(string? PlaceId, string Name, Interests Interests, IReadOnlyList<MentorMatch> Mentors, long? GeonamesId = null);

/// <summary>
/// The one who looks for a mentor, as the ranking needs it: a catalogue place (PlaceId set, its stored interests and
/// texts) or a town of the gazetteer (its point, population and its country's languages).
/// </summary>
public sealed record Seeker(
    string? PlaceId, string Name, (double Longitude, double Latitude)? Point, string Country, IReadOnlyList<string> Languages,
    int? Population, IReadOnlyCollection<string> Networks, Interests? Stored, IReadOnlyList<string> Texts);

/// <summary>
/// A request the finder cannot answer as asked: 404 (unknown place) or 400 (everything else). The title and the
/// detail's format are keys of <see cref="Infrastructure.Messages"/>, so that the endpoint answers in the person's language.
/// </summary>
public sealed class MentorRequestException(int status, string title, string detailFormat, params object[] values)
    : Exception(string.Format(System.Globalization.CultureInfo.InvariantCulture, detailFormat, values))
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string DetailFormat { get; } = detailFormat;
    public object[] Values { get; } = values;
}

/// <summary>Gathers what the ranking needs: the one asking from PostgreSQL, the candidates from memory (MentorCandidates), the text from the search index.</summary>
public sealed class MentorFinder(AtlasDbContext db, MentorCandidates candidates, SearchService search, IOptions<MentorOptions> options, ILogger<MentorFinder> log)
{
    public async Task<MentorResult> FindAsync(string placeId, MentorQuery query, CancellationToken ct)
    {
        var f = await db.Places.AsNoTracking().AsSplitQuery().Where(p => p.Id == placeId).Select(p => new
        {
            p.Id, p.Name, p.Role, p.Country, p.Languages, p.Population, p.InterestThemes, p.InterestTags, p.Note, p.Location,
            Networks = p.Memberships.Select(m => m.InitiativeId).ToList(),
            Commitments = p.Commitments.Select(c => new { c.Kind, c.Title, c.Description }).ToList(),
            Practices = p.Practices.Select(x => x.Summary).ToList(),
        }).FirstOrDefaultAsync(ct)
            ?? throw new MentorRequestException(404, "No such place", "There is no place '{0}'.", placeId);
        if (f.Role == PlaceRole.Frontrunner)
            throw new MentorRequestException(400, "Not a follower",
                "{0} is a frontrunner; the mentor finder ranks frontrunners for followers and peers.", f.Name);
        var tags = f.InterestTags.ToList();
        // A climate-neutrality target is an interest in itself.
        if (f.Commitments.Any(c => c.Kind == CommitmentKind.ClimateTarget) && !tags.Contains("climate-neutrality"))
            tags.Add("climate-neutrality");
        var seeker = new Seeker(f.Id, f.Name, f.Location is { } l ? (l.X, l.Y) : null, f.Country, f.Languages, f.Population,
            f.Networks.ToHashSet(), new Interests(f.InterestThemes, tags, "stored"),
            f.Commitments.Select(c => $"{c.Title} {c.Description}").Concat(f.Practices).ToList());
        return await RankAsync(seeker, query, ct);
    }

    /// <summary>
    /// Mentors for a town of the gazetteer: from its point, population and its country's languages; a town that is a
    /// catalogue place is asked as that place (its interests, networks and practices count too).
    /// </summary>
    public async Task<MentorResult> FindForTownAsync(long geonamesId, MentorQuery query, CancellationToken ct)
    {
        var town = await db.Set<Towns.Town>().AsNoTracking().Where(t => t.GeoNamesId == geonamesId)
            .Select(t => new { t.Name, t.Country, t.Population, t.Longitude, t.Latitude, t.PlaceId }).FirstOrDefaultAsync(ct)
            ?? throw new MentorRequestException(404, "No such town", "The gazetteer has no town with GeoNames id {0}; find one with /api/towns?q=.", geonamesId);
        if (town.PlaceId is { } placeId)
            return await FindAsync(placeId, query, ct) with { GeonamesId = geonamesId };
        var seeker = new Seeker(null, town.Name, (town.Longitude, town.Latitude), town.Country, EuropeanCountries.Languages(town.Country),
            town.Population, [], null, []);
        return await RankAsync(seeker, query, ct) with { GeonamesId = geonamesId };
    }

    /// <summary>Ranks the published frontrunners for one who looks for a mentor: a catalogue place or a town of the gazetteer.</summary>
    public async Task<MentorResult> RankAsync(Seeker seeker, MentorQuery query, CancellationToken ct)
    {
        var o = options.Value;
        var snapshot = await candidates.GetAsync(db, ct);
        var tagLabels = snapshot.TagLabels;
        foreach (var tag in query.Tags ?? [])
            if (!tagLabels.ContainsKey(tag))
                throw new MentorRequestException(400, "Unknown tag", "'{0}' is not a tag of the catalogue; see /odata/Tags.", tag);
        var interests = query.Themes is { Count: > 0 } || query.Tags is { Count: > 0 }
            ? new Interests(query.Themes ?? [], query.Tags ?? [], "query")
            : seeker.Stored is { } stored ? stored with { Tags = stored.Tags.Where(tagLabels.ContainsKey).ToList() } : new Interests([], [], "stored");
        if (interests.Themes.Count == 0 && interests.Tags.Count == 0)
            throw new MentorRequestException(400, "No interests",
                "The catalogue holds no interests for {0}; say what you look for with themes= or tags=.", seeker.Name);

        var want = string.Join("\n", interests.Themes.Select(MentorScoring.ThemeLabel)
            .Concat(interests.Tags.Select(t => tagLabels.GetValueOrDefault(t, t)))
            .Concat(seeker.Texts));
        Dictionary<string, double> similarity;
        try { similarity = search.SimilarPlaces(want, seeker.PlaceId); }
        catch (SearchUnavailableException ex)
        {
            // The ranking still works without the text component while the index is being built.
            log.LogInformation("Mentor ranking without text similarity: {Message}", ex.Message);
            similarity = [];
        }

        var follower = new Follower(seeker.PlaceId ?? "", seeker.Country, seeker.Languages, seeker.Population, seeker.Networks);
        var scored = snapshot.Candidates
            .Where(c => c.Id != seeker.PlaceId)
            .Select(c => new Candidate(c.Id, c.Name, c.Country, c.Languages, c.Population,
                seeker.Point is { } from && c.Point is { } to ? Geodesic.Km(from.Longitude, from.Latitude, to.Longitude, to.Latitude) : null,
                c.Networks, c.OpenMentorships, c.Practices, similarity.GetValueOrDefault(c.Id)))
            .Where(c => query.MaxKm is null || c.DistanceKm <= query.MaxKm);
        return new MentorResult(seeker.PlaceId, seeker.Name, interests, MentorScoring.Top(follower, interests, scored, o, tagLabels, query.Limit));
    }
}
