using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>
/// The catalogue as the public sees it, in the records of data/: published records only (the query filter of
/// every curated entity stays on), no curators' notes, no seed file names, each file in data/'s order.
/// </summary>
public static class PublicCatalogue
{
    /// <summary>
    /// The options of data/'s files: camelCase, 2-space indent, nulls kept (as Commands.WriteBundleAsync), and text
    /// as it is written there (ā, not \u0101). Relaxed escaping is safe here: these files are downloads, never HTML.
    /// </summary>
    public static readonly JsonSerializerOptions FileJson = new(CatalogueImporter.Json)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same on one line: nested values in CSV cells.</summary>
    public static readonly JsonSerializerOptions CompactJson = new(FileJson) { WriteIndented = false };

    public static async Task<CatalogueBundle> LoadAsync(AtlasDbContext db, CancellationToken ct)
    {
        var o = StringComparer.Ordinal;
        var b = new CatalogueBundle
        {
            Sources = (await db.Sources.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(s => s with { File = null }).OrderBy(s => s.Id, o).ToList(),
            Tags = (await db.Tags.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord).OrderBy(t => t.Id, o).ToList(),
            Places = (await db.Places.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
            Initiatives = (await db.Initiatives.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
            Memberships = (await db.Memberships.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null })
                .OrderBy(r => r.PlaceId, o).ThenBy(r => r.InitiativeId, o).ThenBy(r => r.Role, o).ToList(),
            Events = (await db.Events.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
            Practices = (await db.Practices.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
            Mentorships = (await db.Mentorships.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
            Commitments = (await db.Commitments.AsNoTracking().ToListAsync(ct)).Select(RecordMapper.ToRecord)
                .Select(r => r with { CuratorNote = null }).OrderBy(r => r.Id, o).ToList(),
        };
        return WithoutHiddenReferences(b);
    }

    /// <summary>
    /// A published record may point at one that is not public (a draft place, an unpublished initiative). The
    /// download names only public records, so that it imports as it is: an optional reference to a hidden record
    /// becomes null and a record that cannot exist without it (a membership, a commitment, a mentee's mentorship) is left out.
    /// </summary>
    private static CatalogueBundle WithoutHiddenReferences(CatalogueBundle b)
    {
        var places = b.Places.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var initiatives = b.Initiatives.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        string? Place(string? id) => id is not null && places.Contains(id) ? id : null;
        string? Initiative(string? id) => id is not null && initiatives.Contains(id) ? id : null;

        b.Memberships = b.Memberships.Where(m => Place(m.PlaceId) is not null && Initiative(m.InitiativeId) is not null).ToList();
        b.Events = b.Events.Select(e => e with { InitiativeId = Initiative(e.InitiativeId), HostPlaceId = Place(e.HostPlaceId) }).ToList();
        b.Practices = b.Practices.Select(p => p with { PlaceId = Place(p.PlaceId), InitiativeId = Initiative(p.InitiativeId) }).ToList();
        b.Mentorships = b.Mentorships.Where(m => Place(m.MenteePlaceId) is not null)
            .Select(m => m with { MentorPlaceId = Place(m.MentorPlaceId), InitiativeId = Initiative(m.InitiativeId) }).ToList();
        b.Commitments = b.Commitments.Where(c => Place(c.PlaceId) is not null)
            .Select(c => c with { InitiativeId = Initiative(c.InitiativeId) }).ToList();
        return b;
    }

    /// <summary>The entity sets, by the name of their file in data/ (without .json) and of their CSV download.</summary>
    public static readonly string[] Sets =
        ["sources", "tags", "places", "initiatives", "memberships", "events", "practices", "mentorships", "commitments"];

    /// <summary>The records of one set (as objects of their record type), or null for an unknown set.</summary>
    public static (Type Type, System.Collections.IList Records)? Set(CatalogueBundle b, string set) => set switch
    {
        "sources" => (typeof(SourceRecord), b.Sources),
        "tags" => (typeof(TagRecord), b.Tags),
        "places" => (typeof(PlaceRecord), b.Places),
        "initiatives" => (typeof(InitiativeRecord), b.Initiatives),
        "memberships" => (typeof(MembershipRecord), b.Memberships),
        "events" => (typeof(EventRecord), b.Events),
        "practices" => (typeof(PracticeRecord), b.Practices),
        "mentorships" => (typeof(MentorshipRecord), b.Mentorships),
        "commitments" => (typeof(CommitmentRecord), b.Commitments),
        _ => null,
    };

    /// <summary>The field names of a kind in the order of its JSON Schema, which is the order of data/'s files.</summary>
    public static IReadOnlyList<string> Fields(string set) =>
        JsonNode.Parse(RecordSchemas.Text(set) ?? throw new InvalidOperationException($"no schema for {set}"))!["items"]!["properties"]!
            .AsObject().Select(p => p.Key).ToList();

    /// <summary>The records of one set as JSON objects whose properties follow data/'s order (the record types declare some later).</summary>
    public static List<JsonObject> Rows(CatalogueBundle b, string set)
    {
        var (type, records) = Set(b, set) ?? throw new ArgumentException($"unknown set {set}", nameof(set));
        var fields = Fields(set);
        var rows = new List<JsonObject>(records.Count);
        foreach (var record in records)
        {
            var node = JsonSerializer.SerializeToNode(record, type, CatalogueImporter.Json)!.AsObject();
            var row = new JsonObject();
            foreach (var name in fields.Where(node.ContainsKey).Concat(node.Select(p => p.Key).Where(k => !fields.Contains(k))).ToList())
            {
                var value = node[name];
                node.Remove(name);
                row[name] = value;
            }
            rows.Add(row);
        }
        return rows;
    }
}
