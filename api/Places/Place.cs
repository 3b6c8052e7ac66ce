using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Practices;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.Places;

public sealed class Place : ICurated
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? LocalName { get; set; }
    public PlaceKind Kind { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Computed by PostgreSQL from Latitude/Longitude; kept out of the OData model and of JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Point? Location { get; set; }
    public int? Population { get; set; }
    public long? GeoNamesId { get; set; }
    public PlaceRole Role { get; set; }
    /// <summary>Where <see cref="Role"/> comes from (data/README.md gives the rule).</summary>
    public RoleSource? RoleSource { get; set; }
    public string? RoleNote { get; set; }
    public List<Theme> InterestThemes { get; set; } = [];
    public List<string> InterestTags { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public string? Note { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public uint Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Practice> Practices { get; set; } = [];
    public List<Membership> Memberships { get; set; } = [];
    public List<Event> HostedEvents { get; set; } = [];
    public List<Commitment> Commitments { get; set; } = [];
    public List<Mentorship> MentorOf { get; set; } = [];
    public List<Mentorship> MenteeOf { get; set; } = [];
}

/// <summary>A place's programme goal, e.g. a climate-neutrality target year.</summary>
public sealed class Commitment : ICurated
{
    public string Id { get; set; } = "";
    public string PlaceId { get; set; } = "";
    public Place? Place { get; set; }
    public string? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public CommitmentKind Kind { get; set; }
    public string Title { get; set; } = "";
    public int? TargetYear { get; set; }
    public string? Description { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public uint Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }
}
