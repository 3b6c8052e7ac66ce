using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Mentors;

/// <summary>A published frontrunner as the ranking reads it, without what depends on the one asking (distance, text).</summary>
public sealed record CandidateProfile(
    string Id, string Name, string Country, IReadOnlyList<string> Languages, int? Population, (double Longitude, double Latitude)? Point,
    IReadOnlyList<Network> Networks, int OpenMentorships, IReadOnlyList<CandidatePractice> Practices);

/// <summary>Every candidate mentor and the tag labels, as of one position of the change log.</summary>
public sealed record CandidateSnapshot(long ChangeId, IReadOnlyList<CandidateProfile> Candidates, IReadOnlyDictionary<string, string> TagLabels);

/// <summary>
/// The frontrunners with their practices, networks and open mentorships, held in memory between changes of the
/// catalogue: reading them is most of a mentor answer (about 2,500 frontrunners and 25,000 practices at 10,000 places),
/// while the ranking itself is a few milliseconds. Freshness is checked on every use against the change log that
/// every write (mentorships included) appends to, so an answer never lags a committed write.
/// </summary>
public sealed class MentorCandidates
{
    private static readonly MentorshipStatus[] Open = [MentorshipStatus.Requested, MentorshipStatus.Accepted, MentorshipStatus.Active];
    private readonly SemaphoreSlim _build = new(1, 1);
    private volatile CandidateSnapshot? _snapshot;

    public async Task<CandidateSnapshot> GetAsync(AtlasDbContext db, CancellationToken ct)
    {
        var changeId = await db.Database.SqlQuery<long>($"SELECT coalesce(max(id), 0) AS \"Value\" FROM search_changes").SingleAsync(ct);
        if (_snapshot is { } current && current.ChangeId == changeId) return current;
        await _build.WaitAsync(ct);
        try
        {
            if (_snapshot is { } built && built.ChangeId == changeId) return built;
            var snapshot = await ReadAsync(db, changeId, ct);
            _snapshot = snapshot;
            return snapshot;
        }
        finally { _build.Release(); }
    }

    private static async Task<CandidateSnapshot> ReadAsync(AtlasDbContext db, long changeId, CancellationToken ct)
    {
        var tagLabels = await db.Tags.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Label, ct);
        var rows = await db.Places.AsNoTracking().AsSplitQuery()
            .Where(p => p.Role == PlaceRole.Frontrunner)
            .Select(p => new
            {
                p.Id, p.Name, p.Country, p.Languages, p.Population, p.Location,
                Networks = p.Memberships.Select(m => new Network(m.InitiativeId, m.Initiative!.Name, m.Initiative.ReferenceNumber)).ToList(),
                OpenMentorships = p.MentorOf.Count(m => Open.Contains(m.Status)),
                Practices = p.Practices.Select(x => new CandidatePractice(x.Id, x.Title, x.Themes, x.Tags, x.IsIntegrated)).ToList(),
            }).ToListAsync(ct);
        var candidates = rows.Select(r => new CandidateProfile(r.Id, r.Name, r.Country, r.Languages, r.Population,
            r.Location is { } l ? (l.X, l.Y) : null, r.Networks, r.OpenMentorships, r.Practices)).ToList();
        return new CandidateSnapshot(changeId, candidates, tagLabels);
    }
}
