using System.Globalization;
using Microsoft.Extensions.Localization;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>
/// Turns catalogue records into entities, collecting every problem as "file: record 'id': field: what is wrong"
/// instead of stopping at the first, so one run of the importer tells an editor everything to fix.
/// </summary>
internal sealed class Validator
{
    private const int MaxErrors = 200;
    public List<string> Errors { get; } = [];
    /// <summary>The same problems as field → messages, for a ProblemDetails answer of the write API.</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = [];
    public HashSet<string> Tags { get; set; } = [];
    public HashSet<string> Places { get; set; } = [];
    public HashSet<string> Initiatives { get; set; } = [];
    /// <summary>Ids of data/sources.json; when empty (a catalogue without it), any source text is taken.</summary>
    public HashSet<string> Sources { get; set; } = [];
    /// <summary>
    /// The write API's localizer: its field messages are then said in the person's language (the messages are keys of
    /// Infrastructure.Messages). Unset (the importer), they are English, as the report of a file is.
    /// </summary>
    public IStringLocalizer? Texts { get; init; }

    private string _file = "";
    private string _record = "";

    /// <summary>Validates one record posted to the write API.</summary>
    public TOut? One<TIn, TOut>(string kind, TIn record, Func<TIn, TOut?> map) where TOut : class
    {
        _file = kind;
        _record = "";
        return map(record);
    }

    public List<TOut> Each<TIn, TOut>(string file, List<TIn> records, Func<TIn, string?> label, Func<TIn, TOut?> map)
        where TOut : class
    {
        var result = new List<TOut>(records.Count);
        var seen = new HashSet<string>();
        for (var i = 0; i < records.Count; i++)
        {
            _file = file;
            var id = label(records[i]);
            _record = string.IsNullOrEmpty(id) ? $"#{i + 1}" : $"'{id}' (#{i + 1})";
            if (records[i] is null) { Fail("", "the record is null"); continue; }
            if (!string.IsNullOrEmpty(id) && !seen.Add(id)) Fail("id", "duplicate '{0}' in this file", id);
            var entity = map(records[i]);
            if (entity is not null) result.Add(entity);
        }
        return result;
    }

    private void Fail(string field, string format, params object?[] values)
    {
        var message = Texts is { } l ? l[format, values!].Value : string.Format(CultureInfo.InvariantCulture, format, values);
        var key = field.Length == 0 ? "record" : field;
        if (!FieldErrors.TryGetValue(key, out var list)) FieldErrors[key] = list = [];
        list.Add(message);
        if (Errors.Count == MaxErrors) Errors.Add($"... more than {MaxErrors} problems; fix these first");
        if (Errors.Count > MaxErrors) return;
        Errors.Add(field.Length == 0 ? $"{_file}: record {_record}: {message}" : $"{_file}: record {_record}: field '{field}': {message}");
    }

    private string Id(string? value, string field = "id")
    {
        if (string.IsNullOrWhiteSpace(value)) { Fail(field, "is required"); return ""; }
        if (value.Length > 80 || !CatalogueImporter.Slug().IsMatch(value))
            Fail(field, "'{0}' is not a slug (lower-case letters, digits and single hyphens, at most 80 characters)", value);
        return value;
    }

    private string Text(string? value, string field, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Fail(field, "is required");
            return "";
        }
        if (value.Length > max) Fail(field, "is {0} characters long; at most {1} are allowed", value.Length, max);
        return value;
    }

    private string? Optional(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, max);

    private string Source(string? value)
    {
        var text = Text(value, "source", 500);
        if (Sources.Count > 0 && text.Length > 0 && !Sources.Contains(text) && !IsHttpUrl(text))
            Fail("source", "'{0}' is neither a source of sources.json nor an http(s) URL", text);
        return text;
    }

    private string? Note(string? value) => Optional(value, "curatorNote", 4000);

    /// <summary>The themes that are a reading must be among the record's themes.</summary>
    private List<Theme> Readings(List<string>? values, List<Theme> themes)
    {
        var readings = Themes(values, "themeReadings");
        foreach (var t in readings.Where(t => !themes.Contains(t)))
            Fail("themeReadings", "'{0}' is not one of the record's themes", RecordMapper.Enum(t));
        return readings;
    }

    private T? OptionalEnum<T>(string? value, string field) where T : struct, System.Enum =>
        string.IsNullOrWhiteSpace(value) ? null : Enum<T>(value, field);

    private T Enum<T>(string? value, string field) where T : struct, System.Enum
    {
        var names = string.Join(", ", System.Enum.GetNames<T>().Select(Snake));
        if (string.IsNullOrWhiteSpace(value)) { Fail(field, "is required (one of {0})", names); return default; }
        var normal = value.Replace("_", "").Replace("-", "");
        if (normal.All(char.IsLetter) && System.Enum.TryParse<T>(normal, ignoreCase: true, out var parsed)) return parsed;
        Fail(field, "'{0}' is not one of {1}", value, names);
        return default;
    }

    internal static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private List<Theme> Themes(List<string>? values, string field)
    {
        var result = new List<Theme>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var t = Enum<Theme>(values![i], $"{field}[{i}]");
            if (!result.Contains(t)) result.Add(t);
        }
        return result;
    }

    private List<string> TagList(List<string>? values, string field)
    {
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            var t = values![i];
            if (!Tags.Contains(t)) Fail($"{field}[{i}]", "unknown tag '{0}'; add it to tags.json first", t);
            else if (!result.Contains(t)) result.Add(t);
        }
        return result;
    }

    private List<string> Strings(List<string>? values, string field, int max)
    {
        var result = new List<string>();
        for (var i = 0; i < (values?.Count ?? 0); i++) result.Add(Text(values![i], $"{field}[{i}]", max));
        return result;
    }

    private string? Ref(string? value, HashSet<string> known, string field, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Fail(field, "is required");
            return null;
        }
        if (!known.Contains(value)) Fail(field, what == "place" ? "no place has id '{0}'" : "no initiative has id '{0}'", value);
        return value;
    }

    private DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Fail(field, "'{0}' is not a date in the form yyyy-mm-dd (use the label field for partial dates)", value);
        return null;
    }

    private void Period(DateOnly? start, DateOnly? end, string field)
    {
        if (start is not null && end is not null && end < start) Fail(field, "ends ({0:yyyy-MM-dd}) before it starts ({1:yyyy-MM-dd})", end, start);
    }

    private (decimal?, string?, string?) Budget(BudgetRecord? b)
    {
        if (b is null) return (null, null, null);
        if (b.Amount < 0) Fail("budget.amount", "{0} is negative", b.Amount);
        var currency = b.Currency;
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
            Fail("budget.currency", "'{0}' is not an ISO 4217 code such as EUR", currency);
        if (b.Amount is not null && currency is null) Fail("budget.currency", "is required with an amount");
        return (b.Amount, currency, Optional(b.Note, "budget.note", 1000));
    }

    private string? Url(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IsHttpUrl(value)) return value;
        Fail(field, "'{0}' is not an absolute http(s) URL", value);
        return null;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    private string? Language(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (value.Length is 2 or 3 && value.All(char.IsAsciiLetterLower)) return value;
        Fail(field, "'{0}' is not an ISO 639-1 language code such as 'et'", value);
        return null;
    }

    public SourceDocument? SourceDocument(SourceRecord r) => new()
    {
        Id = Id(r.Id), Title = Text(r.Title, "title", 500), Url = Url(r.Url, "url"), File = Optional(r.File, "file", 200),
        Language = Language(r.Language, "language"),
    };

    public Tag? Tag(TagRecord r) => new() { Id = Id(r.Id), Label = Text(r.Label, "label", 100), Description = Optional(r.Description, "description", 1000) };

    public Place? Place(PlaceRecord r)
    {
        if (r.Latitude is < -90 or > 90) Fail("latitude", "{0} is outside -90..90", r.Latitude);
        if (r.Longitude is < -180 or > 180) Fail("longitude", "{0} is outside -180..180", r.Longitude);
        if (r.Latitude is null != r.Longitude is null) Fail("latitude", "latitude and longitude must be given together");
        if (r.Population < 0) Fail("population", "{0} is negative", r.Population);
        var country = r.Country ?? "";
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)) Fail("country", "'{0}' is not an ISO 3166-1 alpha-2 code such as EE", r.Country);
        var languages = new List<string>();
        for (var i = 0; i < (r.Languages?.Count ?? 0); i++)
            if (Language(r.Languages![i], $"languages[{i}]") is { } l) languages.Add(l);
        return new Place
        {
            Id = Id(r.Id), Name = Text(r.Name, "name", 200), LocalName = Optional(r.LocalName, "localName", 200),
            Kind = Enum<PlaceKind>(r.Kind, "kind"), Country = country, Latitude = r.Latitude, Longitude = r.Longitude,
            Population = r.Population, GeoNamesId = r.GeonamesId, Role = Enum<PlaceRole>(r.Role, "role"),
            RoleNote = Optional(r.RoleNote, "roleNote", 2000), InterestThemes = Themes(r.InterestThemes, "interestThemes"),
            InterestTags = TagList(r.InterestTags, "interestTags"), Languages = languages,
            Note = Optional(r.Note, "note", 4000), Source = Source(r.Source), External = r.External ?? false,
            RoleSource = OptionalEnum<RoleSource>(r.RoleSource, "roleSource"), CuratorNote = Note(r.CuratorNote),
        };
    }

    public Initiative? Initiative(InitiativeRecord r)
    {
        var (amount, currency, note) = Budget(r.Budget);
        var start = Date(r.StartDate, "startDate");
        var end = Date(r.EndDate, "endDate");
        Period(start, end, "endDate");
        var themes = Themes(r.Themes, "themes");
        return new Initiative
        {
            Id = Id(r.Id), Name = Text(r.Name, "name", 300), LocalName = Optional(r.LocalName, "localName", 300),
            Kind = Enum<InitiativeKind>(r.Kind, "kind"), Coordinator = Optional(r.Coordinator, "coordinator", 500),
            Programme = Optional(r.Programme, "programme", 500), ReferenceNumber = Optional(r.ReferenceNumber, "referenceNumber", 100),
            StartDate = start, EndDate = end, PeriodLabel = Optional(r.PeriodLabel, "periodLabel", 200),
            BudgetAmount = amount, BudgetCurrency = currency, BudgetNote = note, Aims = Strings(r.Aims, "aims", 2000),
            Website = Url(r.Website, "website"), Themes = themes, ThemeReadings = Readings(r.ThemeReadings, themes), Tags = TagList(r.Tags, "tags"),
            Summary = Optional(r.Summary, "summary", 4000), Source = Source(r.Source), External = r.External ?? false,
            CuratorNote = Note(r.CuratorNote),
        };
    }

    public Membership? Membership(MembershipRecord r) => new()
    {
        PlaceId = Ref(r.PlaceId, Places, "placeId", "place", true) ?? "",
        InitiativeId = Ref(r.InitiativeId, Initiatives, "initiativeId", "initiative", true) ?? "",
        Role = Enum<MembershipRole>(r.Role, "role"), Note = Optional(r.Note, "note", 2000),
        Source = Source(r.Source), External = r.External ?? false, CuratorNote = Note(r.CuratorNote),
    };

    public Event? Event(EventRecord r)
    {
        var start = Date(r.StartDate, "startDate");
        var end = Date(r.EndDate, "endDate");
        Period(start, end, "endDate");
        var themes = Themes(r.Themes, "themes");
        return new Event
        {
            Id = Id(r.Id), InitiativeId = Ref(r.InitiativeId, Initiatives, "initiativeId", "initiative", false),
            Title = Text(r.Title, "title", 300), LocalTitle = Optional(r.LocalTitle, "localTitle", 300),
            StartDate = start, EndDate = end, DateLabel = Optional(r.DateLabel, "dateLabel", 200),
            HostPlaceId = Ref(r.HostPlaceId, Places, "hostPlaceId", "place", false),
            LocationLabel = Optional(r.LocationLabel, "locationLabel", 300), Virtual = r.Virtual,
            Format = Optional(r.Format, "format", 300), Topics = Strings(r.Topics, "topics", 2000),
            Themes = themes, ThemeReadings = Readings(r.ThemeReadings, themes), Tags = TagList(r.Tags, "tags"), Summary = Optional(r.Summary, "summary", 4000),
            Source = Source(r.Source), External = r.External ?? false, CuratorNote = Note(r.CuratorNote),
        };
    }

    public Practice? Practice(PracticeRecord r)
    {
        var (amount, currency, note) = Budget(r.Budget);
        var start = Date(r.StartDate, "startDate");
        var end = Date(r.EndDate, "endDate");
        Period(start, end, "endDate");
        var kpis = new List<Kpi>();
        for (var i = 0; i < (r.Kpis?.Count ?? 0); i++)
            kpis.Add(new Kpi { Name = Text(r.Kpis![i]?.Name, $"kpis[{i}].name", 300), Value = r.Kpis[i]?.Value, Unit = r.Kpis[i]?.Unit });
        var documents = new List<DocumentLink>();
        for (var i = 0; i < (r.Documents?.Count ?? 0); i++)
            documents.Add(new DocumentLink { Title = Text(r.Documents![i]?.Title, $"documents[{i}].title", 500), Url = Url(r.Documents[i]?.Url, $"documents[{i}].url") });
        if (r.Contact?.Organisation?.Contains('@') == true || r.Contact?.Role?.Contains('@') == true)
            Fail("contact", "holds an e-mail address; the catalogue keeps organisation and role only");
        var themes = Themes(r.Themes, "themes");
        return new Practice
        {
            Id = Id(r.Id), Title = Text(r.Title, "title", 300), LocalTitle = Optional(r.LocalTitle, "localTitle", 300),
            Summary = Text(r.Summary, "summary", 4000), Description = Optional(r.Description, "description", 20000),
            LocalText = Optional(r.LocalText, "localText", 20000), Language = Language(r.Language, "language"),
            PlaceId = Ref(r.PlaceId, Places, "placeId", "place", false),
            InitiativeId = Ref(r.InitiativeId, Initiatives, "initiativeId", "initiative", false),
            Themes = themes, ThemeReadings = Readings(r.ThemeReadings, themes), Tags = TagList(r.Tags, "tags"), StartDate = start, EndDate = end,
            PeriodLabel = Optional(r.PeriodLabel, "periodLabel", 200), BudgetAmount = amount, BudgetCurrency = currency,
            BudgetNote = note, Kpis = kpis, Documents = documents,
            ContactOrganisation = Optional(r.Contact?.Organisation, "contact.organisation", 300),
            ContactRole = Optional(r.Contact?.Role, "contact.role", 300),
            Transferability = Optional(r.Transferability, "transferability", 4000),
            Status = r.Status is null ? PublicationStatus.Published : Enum<PublicationStatus>(r.Status, "status"),
            Source = Source(r.Source), External = r.External ?? false, CuratorNote = Note(r.CuratorNote),
        };
    }

    public Mentorship? Mentorship(MentorshipRecord r)
    {
        var start = Date(r.StartDate, "startDate");
        var end = Date(r.EndDate, "endDate");
        Period(start, end, "endDate");
        if (r.PlannedDays < 0) Fail("plannedDays", "{0} is negative", r.PlannedDays);
        if (r.MentorPlaceId is not null && r.MentorPlaceId == r.MenteePlaceId) Fail("mentorPlaceId", "a place cannot mentor itself");
        return new Mentorship
        {
            Id = Id(r.Id), MentorPlaceId = Ref(r.MentorPlaceId, Places, "mentorPlaceId", "place", false),
            MenteePlaceId = Ref(r.MenteePlaceId, Places, "menteePlaceId", "place", true) ?? "",
            InitiativeId = Ref(r.InitiativeId, Initiatives, "initiativeId", "initiative", false),
            Themes = Themes(r.Themes, "themes"), Tags = TagList(r.Tags, "tags"), PlannedDays = r.PlannedDays,
            StartDate = start, EndDate = end, PeriodLabel = Optional(r.PeriodLabel, "periodLabel", 200),
            Status = Enum<MentorshipStatus>(r.Status, "status"), Note = Optional(r.Note, "note", 4000),
            Source = Source(r.Source), External = r.External ?? false, CuratorNote = Note(r.CuratorNote),
        };
    }

    public Commitment? Commitment(CommitmentRecord r)
    {
        if (r.TargetYear is < 1900 or > 2200) Fail("targetYear", "{0} is not a plausible year", r.TargetYear);
        return new Commitment
        {
            Id = Id(r.Id), PlaceId = Ref(r.PlaceId, Places, "placeId", "place", true) ?? "",
            InitiativeId = Ref(r.InitiativeId, Initiatives, "initiativeId", "initiative", false),
            Kind = Enum<CommitmentKind>(r.Kind, "kind"), Title = Text(r.Title, "title", 300), TargetYear = r.TargetYear,
            Description = Optional(r.Description, "description", 4000), Source = Source(r.Source), External = r.External ?? false,
            CuratorNote = Note(r.CuratorNote),
        };
    }
}
