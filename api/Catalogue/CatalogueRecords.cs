namespace FrontrunnerAtlas.Api.Catalogue;

// The shape of the files in data/ (see data/README.md). Everything is a string or nullable here:
// the importer validates each field itself so that an error can name the file, the record and the field.

public sealed record BudgetRecord(decimal? Amount, string? Currency, string? Note);
public sealed record KpiRecord(string? Name, double? Value, string? Unit);
public sealed record DocumentRecord(string? Title, string? Url);
public sealed record ContactRecord(string? Organisation, string? Role);

public sealed record TagRecord(string? Id, string? Label, string? Description);

public sealed record PlaceRecord(
    string? Id, string? Name, string? LocalName, string? Kind, string? Country, double? Latitude, double? Longitude,
    int? Population, long? GeonamesId, string? Role, string? RoleNote, List<string>? InterestThemes,
    List<string>? InterestTags, List<string>? Languages, string? Note, string? Source, bool? External,
    string? RoleSource = null, string? CuratorNote = null);

public sealed record InitiativeRecord(
    string? Id, string? Name, string? LocalName, string? Kind, string? Coordinator, string? Programme,
    string? ReferenceNumber, string? StartDate, string? EndDate, string? PeriodLabel, BudgetRecord? Budget,
    List<string>? Aims, string? Website, List<string>? Themes, List<string>? Tags, string? Summary,
    string? Source, bool? External, List<string>? ThemeReadings = null, string? CuratorNote = null);

public sealed record MembershipRecord(string? PlaceId, string? InitiativeId, string? Role, string? Note, string? Source, bool? External, string? CuratorNote = null);

public sealed record EventRecord(
    string? Id, string? InitiativeId, string? Title, string? LocalTitle, string? StartDate, string? EndDate,
    string? DateLabel, string? HostPlaceId, string? LocationLabel, bool? Virtual, string? Format, List<string>? Topics,
    List<string>? Themes, List<string>? Tags, string? Summary, string? Source, bool? External,
    List<string>? ThemeReadings = null, string? CuratorNote = null);

public sealed record PracticeRecord(
    string? Id, string? Title, string? LocalTitle, string? Summary, string? Description, string? LocalText,
    string? Language, string? PlaceId, string? InitiativeId, List<string>? Themes, List<string>? Tags,
    string? StartDate, string? EndDate, string? PeriodLabel, BudgetRecord? Budget, List<KpiRecord>? Kpis,
    List<DocumentRecord>? Documents, ContactRecord? Contact, string? Transferability, string? Status,
    string? Source, bool? External, List<string>? ThemeReadings = null, string? CuratorNote = null);

public sealed record MentorshipRecord(
    string? Id, string? MentorPlaceId, string? MenteePlaceId, string? InitiativeId, List<string>? Themes,
    List<string>? Tags, int? PlannedDays, string? StartDate, string? EndDate, string? PeriodLabel, string? Status,
    string? Note, string? Source, bool? External, string? CuratorNote = null);

public sealed record CommitmentRecord(
    string? Id, string? PlaceId, string? InitiativeId, string? Kind, string? Title, int? TargetYear,
    string? Description, string? Source, bool? External, string? CuratorNote = null);

/// <summary>A cited document or page (data/sources.json).</summary>
public sealed record SourceRecord(string? Id, string? Title, string? Url, string? File, string? Language);

/// <summary>A whole catalogue: the files of one folder, or one JSON document posted to the API.</summary>
public sealed class CatalogueBundle
{
    public List<TagRecord> Tags { get; set; } = [];
    public List<PlaceRecord> Places { get; set; } = [];
    public List<InitiativeRecord> Initiatives { get; set; } = [];
    public List<MembershipRecord> Memberships { get; set; } = [];
    public List<EventRecord> Events { get; set; } = [];
    public List<PracticeRecord> Practices { get; set; } = [];
    public List<MentorshipRecord> Mentorships { get; set; } = [];
    public List<CommitmentRecord> Commitments { get; set; } = [];
    public List<SourceRecord> Sources { get; set; } = [];

    public int Count => Tags.Count + Places.Count + Initiatives.Count + Memberships.Count + Events.Count +
                        Practices.Count + Mentorships.Count + Commitments.Count + Sources.Count;
}
