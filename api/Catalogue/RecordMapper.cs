using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>
/// Entities back into the records of data/: what the write API returns, the review queue compares, the import
/// compares against, and downloads write. The inverse of <see cref="Validator"/>: a record read from an entity
/// and validated again gives the same entity (a GET then PUT round trip changes nothing).
/// </summary>
public static class RecordMapper
{
    /// <summary>The one spelling of enum values in the JSON APIs and data/: snake_case (spatial_planning).</summary>
    public static string Enum<T>(T value) where T : struct, System.Enum => Validator.Snake(value.ToString());

    private static string? Enum<T>(T? value) where T : struct, System.Enum => value is { } v ? Enum(v) : null;

    private static List<string> Themes(IEnumerable<Theme> themes) => themes.Select(Enum).ToList();

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static BudgetRecord? Budget(decimal? amount, string? currency, string? note) =>
        amount is null && currency is null && note is null ? null : new BudgetRecord(amount, currency, note);

    public static TagRecord ToRecord(Tag t) => new(t.Id, t.Label, t.Description);

    public static SourceRecord ToRecord(SourceDocument s) => new(s.Id, s.Title, s.Url, s.File, s.Language);

    public static PlaceRecord ToRecord(Place p) => new(
        p.Id, p.Name, p.LocalName, Enum(p.Kind), p.Country, p.Latitude, p.Longitude, p.Population, p.GeoNamesId,
        Enum(p.Role), p.RoleNote, Themes(p.InterestThemes), [.. p.InterestTags], [.. p.Languages], p.Note, p.Source,
        p.External, Enum(p.RoleSource), p.CuratorNote);

    public static InitiativeRecord ToRecord(Initiative i) => new(
        i.Id, i.Name, i.LocalName, Enum(i.Kind), i.Coordinator, i.Programme, i.ReferenceNumber, Date(i.StartDate),
        Date(i.EndDate), i.PeriodLabel, Budget(i.BudgetAmount, i.BudgetCurrency, i.BudgetNote), [.. i.Aims], i.Website,
        Themes(i.Themes), [.. i.Tags], i.Summary, i.Source, i.External, Themes(i.ThemeReadings), i.CuratorNote);

    public static MembershipRecord ToRecord(Membership m) => new(
        m.PlaceId, m.InitiativeId, Enum(m.Role), m.Note, m.Source, m.External, m.CuratorNote);

    public static EventRecord ToRecord(Event e) => new(
        e.Id, e.InitiativeId, e.Title, e.LocalTitle, Date(e.StartDate), Date(e.EndDate), e.DateLabel, e.HostPlaceId,
        e.LocationLabel, e.Virtual, e.Format, [.. e.Topics], Themes(e.Themes), [.. e.Tags], e.Summary, e.Source,
        e.External, Themes(e.ThemeReadings), e.CuratorNote);

    public static PracticeRecord ToRecord(Practice p) => new(
        p.Id, p.Title, p.LocalTitle, p.Summary, p.Description, p.LocalText, p.Language, p.PlaceId, p.InitiativeId,
        Themes(p.Themes), [.. p.Tags], Date(p.StartDate), Date(p.EndDate), p.PeriodLabel,
        Budget(p.BudgetAmount, p.BudgetCurrency, p.BudgetNote),
        p.Kpis.Select(k => new KpiRecord(k.Name, k.Value, k.Unit)).ToList(),
        p.Documents.Select(d => new DocumentRecord(d.Title, d.Url)).ToList(),
        p.ContactOrganisation is null && p.ContactRole is null ? null : new ContactRecord(p.ContactOrganisation, p.ContactRole),
        p.Transferability, Enum(p.Status), p.Source, p.External, Themes(p.ThemeReadings), p.CuratorNote);

    public static MentorshipRecord ToRecord(Mentorship m) => new(
        m.Id, m.MentorPlaceId, m.MenteePlaceId, m.InitiativeId, Themes(m.Themes), [.. m.Tags], m.PlannedDays,
        Date(m.StartDate), Date(m.EndDate), m.PeriodLabel, Enum(m.Status), m.Note, m.Source, m.External, m.CuratorNote);

    public static CommitmentRecord ToRecord(Commitment c) => new(
        c.Id, c.PlaceId, c.InitiativeId, Enum(c.Kind), c.Title, c.TargetYear, c.Description, c.Source, c.External,
        c.CuratorNote);
}
