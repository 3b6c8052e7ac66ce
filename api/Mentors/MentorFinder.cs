using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FrontrunnerAtlas.Api.Mentors;

public sealed record MentorQuery(IReadOnlyList<Theme>? Themes, IReadOnlyList<string>? Tags, double? MaxKm, int Limit);

public sealed record MentorResult(string PlaceId, string Name, Interests Interests, IReadOnlyList<MentorMatch> Mentors);

/// <summary>A request the finder cannot answer as asked: 404 (unknown place) or 400 (everything else).</summary>
public sealed class MentorRequestException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

/// <summary>Gathers what the ranking needs from PostgreSQL (distances by PostGIS) and the search index.</summary>
public sealed class MentorFinder(AtlasDbContext db, SearchService search, IOptions<MentorOptions> options, ILogger<MentorFinder> log)
{
    private static readonly MentorshipStatus[] Open = [MentorshipStatus.Requested, MentorshipStatus.Accepted, MentorshipStatus.Active];

    public async Task<MentorResult> FindAsync(string placeId, MentorQuery query, CancellationToken ct)
    {
        var o = options.Value;
        var f = await db.Places.AsNoTracking().AsSplitQuery().Where(p => p.Id == placeId).Select(p => new
        {
            p.Id, p.Name, p.Role, p.Country, p.Languages, p.Population, p.InterestThemes, p.InterestTags, p.Note,
            Networks = p.Memberships.Select(m => m.InitiativeId).ToList(),
            Commitments = p.Commitments.Select(c => new { c.Kind, c.Title, c.Description }).ToList(),
            Practices = p.Practices.Select(x => x.Summary).ToList(),
        }).FirstOrDefaultAsync(ct)
            ?? throw new MentorRequestException(404, "No such place", $"There is no place '{placeId}'.");
        if (f.Role == PlaceRole.Frontrunner)
            throw new MentorRequestException(400, "Not a follower",
                $"{f.Name} is a frontrunner; the mentor finder ranks frontrunners for followers and peers.");

        var tagLabels = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, ct);
        foreach (var tag in query.Tags ?? [])
            if (!tagLabels.ContainsKey(tag))
                throw new MentorRequestException(400, "Unknown tag", $"'{tag}' is not a tag of the catalogue; see /odata/Tags.");
        Interests interests;
        if (query.Themes is { Count: > 0 } || query.Tags is { Count: > 0 })
            interests = new Interests(query.Themes ?? [], query.Tags ?? [], "query");
        else
        {
            var tags = f.InterestTags.ToList();
            // A climate-neutrality target is an interest in itself.
            if (f.Commitments.Any(c => c.Kind == CommitmentKind.ClimateTarget) && tagLabels.ContainsKey("climate-neutrality") && !tags.Contains("climate-neutrality"))
                tags.Add("climate-neutrality");
            interests = new Interests(f.InterestThemes, tags, "stored");
        }
        if (interests.Themes.Count == 0 && interests.Tags.Count == 0)
            throw new MentorRequestException(400, "No interests",
                $"The catalogue holds no interests for {f.Name}; say what you look for with themes= or tags=.");

        var distances = await DistancesAsync(placeId, ct);
        var candidates = await db.Places.AsNoTracking().AsSplitQuery()
            .Where(p => p.Role == PlaceRole.Frontrunner && p.Id != placeId)
            .Select(p => new
            {
                p.Id, p.Name, p.Country, p.Languages, p.Population,
                Networks = p.Memberships.Select(m => new Network(m.InitiativeId, m.Initiative!.Name, m.Initiative.ReferenceNumber)).ToList(),
                OpenMentorships = p.MentorOf.Count(m => Open.Contains(m.Status)),
                Practices = p.Practices
                    .Select(x => new CandidatePractice(x.Id, x.Title, x.Themes, x.Tags, x.IsIntegrated)).ToList(),
            }).ToListAsync(ct);

        var want = string.Join("\n", interests.Themes.Select(MentorScoring.ThemeLabel)
            .Concat(interests.Tags.Select(t => tagLabels.GetValueOrDefault(t, t)))
            .Concat(f.Commitments.Select(c => $"{c.Title} {c.Description}"))
            .Concat(f.Practices));
        Dictionary<string, double> similarity;
        try { similarity = search.SimilarPlaces(want, placeId); }
        catch (SearchUnavailableException ex)
        {
            // The ranking still works without the text component while the index is being built.
            log.LogInformation("Mentor ranking without text similarity: {Message}", ex.Message);
            similarity = [];
        }

        var follower = new Follower(f.Id, f.Country, f.Languages, f.Population, f.Networks.ToHashSet());
        var ranked = candidates
            .Select(c => new Candidate(c.Id, c.Name, c.Country, c.Languages, c.Population, distances.TryGetValue(c.Id, out var d) ? d : null,
                c.Networks, c.OpenMentorships, c.Practices, similarity.GetValueOrDefault(c.Id)))
            .Where(c => query.MaxKm is null || c.DistanceKm <= query.MaxKm)
            .Select(c => MentorScoring.Score(follower, interests, c, o, tagLabels))
            .OrderByDescending(m => m.Score).ThenBy(m => m.PlaceId, StringComparer.Ordinal)
            .Take(query.Limit).ToList();
        return new MentorResult(f.Id, f.Name, interests, ranked);
    }

    /// <summary>Distances in km on the spheroid from the follower to every frontrunner (PostGIS).</summary>
    private async Task<Dictionary<string, double>> DistancesAsync(string placeId, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            await using var cmd = new NpgsqlCommand($"""
                SELECT p.id, ST_Distance(p.location::geography, o.location::geography) / 1000.0
                FROM {CuratedSql.Places} o JOIN {CuratedSql.Places} p ON p.role = 'frontrunner' AND p.id <> o.id
                WHERE o.id = @id AND o.location IS NOT NULL AND p.location IS NOT NULL
                """, conn);
            cmd.Parameters.AddWithValue("id", placeId);
            var result = new Dictionary<string, double>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetDouble(1);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
