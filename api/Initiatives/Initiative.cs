using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;

namespace FrontrunnerAtlas.Api.Initiatives;

/// <summary>A network, project, programme or forum that places take part in.</summary>
public sealed class Initiative : ICurated
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? LocalName { get; set; }
    public InitiativeKind Kind { get; set; }
    public string? Coordinator { get; set; }
    public string? Programme { get; set; }
    public string? ReferenceNumber { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? PeriodLabel { get; set; }
    public decimal? BudgetAmount { get; set; }
    public string? BudgetCurrency { get; set; }
    public string? BudgetNote { get; set; }
    public List<string> Aims { get; set; } = [];
    public string? Website { get; set; }
    public List<Theme> Themes { get; set; } = [];
    /// <summary>The themes (of <see cref="Themes"/>) that are the curators' reading, not stated by the source.</summary>
    public List<Theme> ThemeReadings { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string? Summary { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public uint Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }

    public List<Membership> Memberships { get; set; } = [];
    public List<Event> Events { get; set; } = [];
    public List<Practice> Practices { get; set; } = [];
    public List<Mentorship> Mentorships { get; set; } = [];
    public List<Commitment> Commitments { get; set; } = [];
}

public sealed class Membership : ICurated
{
    /// <summary>Surrogate key: OData clients handle a single key far better than a composite one.</summary>
    public int Id { get; set; }
    public string PlaceId { get; set; } = "";
    public Place? Place { get; set; }
    public string InitiativeId { get; set; } = "";
    public Initiative? Initiative { get; set; }
    public MembershipRole Role { get; set; }
    public string? Note { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public uint Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }
}

public sealed class Event : ICurated
{
    public string Id { get; set; } = "";
    public string? InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public string Title { get; set; } = "";
    public string? LocalTitle { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>The date as the source words it when it gives no exact day ("planned for spring 2022").</summary>
    public string? DateLabel { get; set; }
    public string? HostPlaceId { get; set; }
    public Place? HostPlace { get; set; }
    public string? LocationLabel { get; set; }
    /// <summary>Null when the source does not say.</summary>
    public bool? Virtual { get; set; }
    public string? Format { get; set; }
    public List<string> Topics { get; set; } = [];
    public List<Theme> Themes { get; set; } = [];
    /// <summary>The themes (of <see cref="Themes"/>) that are the curators' reading, not stated by the source.</summary>
    public List<Theme> ThemeReadings { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string? Summary { get; set; }
    public string Source { get; set; } = "";
    public bool External { get; set; }
    public PublicationStatus Status { get; set; } = PublicationStatus.Published;
    public uint Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CuratedAt { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public string? CuratorNote { get; set; }
}
