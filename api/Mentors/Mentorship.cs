using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Places;

namespace FrontrunnerAtlas.Api.Mentors;

public sealed class Mentorship : ITracked
{
    public string Id { get; set; } = "";
    /// <summary>Empty when the source pairs a mentee with a mentor it does not name.</summary>
    public string? MentorPlaceId { get; set; }
    public Place? MentorPlace { get; set; }
    public string MenteePlaceId { get; set; } = "";
    public Place? MenteePlace { get; set; }
    public string? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public List<Theme> Themes { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public int? PlannedDays { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? PeriodLabel { get; set; }
    public MentorshipStatus Status { get; set; }
    public string? Note { get; set; }
    /// <summary>The follower's message when it asked through the atlas.</summary>
    public string? Message { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    /// <summary>PostgreSQL's xmin: changes on every update; the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }
    /// <summary>The request, the answers and every later status, oldest first (requests made through the atlas).</summary>
    public List<MentorshipUpdate> Updates { get; set; } = [];
}
