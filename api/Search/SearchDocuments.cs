using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>Field names of the index.</summary>
public static class F
{
    public const string Key = "key";          // "{type}:{id}", the update term
    public const string Id = "id";
    public const string Type = "type";
    public const string Hit = "hit";          // binary doc value: what a hit shows (HitRecord)
    public const string PlaceId = "placeId";
    public const string Folded = "folded";    // all text, folded, not stemmed
    public const string TitleFolded = "title_f";
    public const string PlaceFolded = "place_f";
    public const string Lat = "lat";
    public const string Lon = "lon";

    public const string Theme = "f_theme";
    public const string Tag = "f_tag";
    public const string Role = "f_role";
    public const string Country = "f_country";
    public const string Initiative = "f_initiative";
    public const string TypeFacet = "f_type";

    public static readonly string[] Facets = [Theme, Tag, Role, Country, Initiative, TypeFacet];
}

/// <summary>One searchable record, read from PostgreSQL, before it becomes a Lucene document.</summary>
public sealed record SearchRecord(
    string Type, string Id, string Title, string? Summary, string? EnglishText, string? LocalTitle, string? LocalText,
    string? Language, string? PlaceId, string? PlaceName, string? PlaceLocalName, double? Latitude, double? Longitude,
    IReadOnlyCollection<string> Themes, IReadOnlyCollection<string> Tags, IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<string> Countries, IReadOnlyCollection<string> Initiatives)
{
    public string Key => $"{Type}:{Id}";

    public Document ToDocument()
    {
        var doc = new Document
        {
            new StringField(F.Key, Key, Field.Store.NO),
            new StringField(F.Type, Type, Field.Store.NO),
            new BinaryDocValuesField(F.Hit, new HitRecord(Id, Type, Title, PlaceId, Summary, LocalText ?? LocalTitle, Language, Latitude, Longitude).Encode()),
            new TextField(F.TitleFolded, Title + " " + LocalTitle, Field.Store.NO),
            new SortedSetDocValuesField(F.TypeFacet, new BytesRef(Type)),
        };
        if (PlaceId is not null) doc.Add(new StringField(F.PlaceId, PlaceId, Field.Store.NO));
        if (PlaceName is not null) doc.Add(new TextField(F.PlaceFolded, PlaceName + " " + PlaceLocalName, Field.Store.NO));

        var english = string.Join("\n", new[] { Title, Summary, EnglishText, PlaceName }.Where(s => !string.IsNullOrEmpty(s)));
        doc.Add(new TextField(AtlasAnalyzers.TextField("en"), english, Field.Store.NO));
        var localText = string.Join("\n", new[] { LocalTitle, LocalText, PlaceLocalName }.Where(s => !string.IsNullOrEmpty(s)));
        if (localText.Length > 0 && AtlasAnalyzers.Supports(Language) && Language != "en")
            doc.Add(new TextField(AtlasAnalyzers.TextField(Language!), localText, Field.Store.NO));
        doc.Add(new TextField(F.Folded, english + "\n" + localText, Field.Store.NO));

        if (Latitude is { } lat && Longitude is { } lon)
        {
            doc.Add(new DoubleField(F.Lat, lat, Field.Store.NO));
            doc.Add(new DoubleField(F.Lon, lon, Field.Store.NO));
        }
        AddFacet(doc, F.Theme, Themes);
        AddFacet(doc, F.Tag, Tags);
        AddFacet(doc, F.Role, Roles);
        AddFacet(doc, F.Country, Countries);
        AddFacet(doc, F.Initiative, Initiatives);
        doc.Add(new StringField(F.TypeFacet, Type, Field.Store.NO));
        return doc;
    }

    // Each facet value is both a term (to filter on) and a doc value (to count from).
    private static void AddFacet(Document doc, string field, IReadOnlyCollection<string> values)
    {
        foreach (var v in values.Distinct())
        {
            doc.Add(new StringField(field, v, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(field, new BytesRef(v)));
        }
    }
}

/// <summary>Reads searchable records from PostgreSQL, all of them or those named by id.</summary>
public static class SearchSource
{
    public const string Practice = "practice", Place = "place", Initiative = "initiative", Event = "event";
    public static readonly string[] Types = [Practice, Place, Initiative, Event];

    // Index fields and facets hold enum values as the answers spell them (snake_case: "spatial_planning").
    private static string RoleName(PlaceRole r) => QueryValues.Snake(r);

    private static List<string> ThemeNames(IEnumerable<Theme> themes) => themes.Select(QueryValues.Snake).ToList();

    // Practices are most of the index: read them with one plain SQL statement per batch (joins and an
    // array_agg) rather than through EF's collection projection, which dominated rebuild time at 100k.
    private const string PracticesSql = $"""
        SELECT p.id, p.title, p.summary, p.description, p.local_title, p.local_text, p.language, p.place_id,
               p.themes::text[], p.tags, p.initiative_id, p.transferability,
               pl.name, pl.local_name, pl.latitude, pl.longitude, pl.role::text, pl.country,
               (SELECT coalesce(array_agg(DISTINCT m.initiative_id::text), ARRAY[]::text[]) FROM {CuratedSql.Memberships} m WHERE m.place_id = p.place_id),
               i.name
        FROM {CuratedSql.Practices} p
        LEFT JOIN {CuratedSql.Places} pl ON pl.id = p.place_id
        LEFT JOIN {CuratedSql.Initiatives} i ON i.id = p.initiative_id
        WHERE TRUE
          AND (@ids::text[] IS NULL OR p.id = ANY(@ids))
          AND (@after::text IS NULL OR p.id > @after)
        ORDER BY p.id
        LIMIT @take
        """;

    public static async Task<List<SearchRecord>> PracticesAsync(AtlasDbContext db, IReadOnlyCollection<string>? ids, string? after, int take, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        try
        {
            await using var cmd = new Npgsql.NpgsqlCommand(PracticesSql, conn);
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = ids is null ? DBNull.Value : ids.ToArray() });
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
            cmd.Parameters.AddWithValue("take", take);
            var result = new List<SearchRecord>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
                var initiative = S(10);
                var networks = r.GetFieldValue<string[]>(18).ToList();
                if (initiative is not null && !networks.Contains(initiative)) networks.Add(initiative);
                result.Add(new SearchRecord(Practice, r.GetString(0), r.GetString(1), S(2),
                    string.Join("\n", new[] { S(3), S(11), S(19) }.Where(x => x is not null)), S(4), S(5), S(6), S(7), S(12), S(13),
                    D(14), D(15), [.. r.GetFieldValue<string[]>(8)], // PostgreSQL's labels: snake_case already
                    r.GetFieldValue<string[]>(9), S(16) is { } role ? [role] : [], S(17) is { } country ? [country] : [], networks));
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<List<SearchRecord>> PlacesAsync(AtlasDbContext db, IReadOnlyCollection<string>? ids, string? after, int take, CancellationToken ct)
    {
        // Split: one query per collection rather than a join that multiplies practices by memberships.
        var q = db.Places.AsNoTracking().AsSplitQuery();
        if (ids is not null) q = q.Where(p => ids.Contains(p.Id));
        var rows = await q.Where(p => after == null || string.Compare(p.Id, after) > 0).OrderBy(p => p.Id).Take(take).Select(p => new
        {
            p.Id, p.Name, p.LocalName, p.Note, p.RoleNote, p.Role, p.Country, p.Latitude, p.Longitude, p.Languages,
            Themes = p.Practices.SelectMany(x => x.Themes).Distinct().ToList(),
            Tags = p.Practices.SelectMany(x => x.Tags).Distinct().ToList(),
            Networks = p.Memberships.Select(m => m.InitiativeId).ToList(),
        }).ToListAsync(ct);
        return rows.Select(r => new SearchRecord(Place, r.Id, r.Name, r.Note, r.RoleNote, r.LocalName, null,
            r.Languages.FirstOrDefault(), r.Id, r.Name, r.LocalName, r.Latitude, r.Longitude,
            ThemeNames(r.Themes), r.Tags, [RoleName(r.Role)], [r.Country], r.Networks)).ToList();
    }

    public static async Task<List<SearchRecord>> InitiativesAsync(AtlasDbContext db, IReadOnlyCollection<string>? ids, string? after, int take, CancellationToken ct)
    {
        var q = db.Initiatives.AsNoTracking().AsSplitQuery();
        if (ids is not null) q = q.Where(i => ids.Contains(i.Id));
        var rows = await q.Where(i => after == null || string.Compare(i.Id, after) > 0).OrderBy(i => i.Id).Take(take).Select(i => new
        {
            i.Id, i.Name, i.LocalName, i.Summary, i.Aims, i.Coordinator, i.Programme, i.ReferenceNumber, i.Themes, i.Tags,
            Countries = i.Memberships.Select(m => m.Place!.Country).Distinct().ToList(),
            Languages = i.Memberships.SelectMany(m => m.Place!.Languages).ToList(),
        }).ToListAsync(ct);
        return rows.Select(r => new SearchRecord(Initiative, r.Id, r.Name, r.Summary,
            string.Join("\n", r.Aims.Append(r.Coordinator ?? "").Append(r.Programme ?? "").Append(r.ReferenceNumber ?? "")),
            r.LocalName, null,
            // The local name is in the language most of the members speak.
            r.Languages.GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(),
            null, null, null, null, null, ThemeNames(r.Themes), r.Tags, [], r.Countries, [r.Id])).ToList();
    }

    public static async Task<List<SearchRecord>> EventsAsync(AtlasDbContext db, IReadOnlyCollection<string>? ids, string? after, int take, CancellationToken ct)
    {
        var q = db.Events.AsNoTracking();
        if (ids is not null) q = q.Where(e => ids.Contains(e.Id));
        var rows = await q.Where(e => after == null || string.Compare(e.Id, after) > 0).OrderBy(e => e.Id).Take(take).Select(e => new
        {
            e.Id, e.Title, e.LocalTitle, e.Summary, e.Topics, e.Themes, e.Tags, e.InitiativeId, e.HostPlaceId, e.LocationLabel, e.DateLabel,
            PlaceName = e.HostPlace == null ? null : e.HostPlace.Name,
            PlaceLocal = e.HostPlace == null ? null : e.HostPlace.LocalName,
            Lat = e.HostPlace == null ? null : e.HostPlace.Latitude,
            Lon = e.HostPlace == null ? null : e.HostPlace.Longitude,
            Role = e.HostPlace == null ? (PlaceRole?)null : e.HostPlace.Role,
            Country = e.HostPlace == null ? null : e.HostPlace.Country,
            Language = e.HostPlace == null ? null : e.HostPlace.Languages.FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => new SearchRecord(Event, r.Id, r.Title, r.Summary,
            string.Join("\n", r.Topics.Append(r.LocationLabel ?? "").Append(r.DateLabel ?? "")), r.LocalTitle, null, r.Language,
            r.HostPlaceId, r.PlaceName, r.PlaceLocal, r.Lat, r.Lon, ThemeNames(r.Themes), r.Tags,
            r.Role is { } role ? [RoleName(role)] : [], r.Country is null ? [] : [r.Country],
            r.InitiativeId is null ? [] : [r.InitiativeId])).ToList();
    }

    /// <summary>Records of one type: those named by ids, or a page of all after the id "after" (keyset paging).</summary>
    public static Task<List<SearchRecord>> LoadAsync(AtlasDbContext db, string type, IReadOnlyCollection<string>? ids, string? after, int take, CancellationToken ct) =>
        type switch
        {
            Practice => PracticesAsync(db, ids, after, take, ct),
            Place => PlacesAsync(db, ids, after, take, ct),
            Initiative => InitiativesAsync(db, ids, after, take, ct),
            _ => EventsAsync(db, ids, after, take, ct),
        };
}
