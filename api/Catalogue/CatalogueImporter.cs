using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>Thrown when a catalogue is rejected; nothing has been written when it is.</summary>
public sealed class CatalogueImportException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

public sealed record ImportResult(
    IReadOnlyDictionary<string, int> Inserted, IReadOnlyDictionary<string, int> Updated, IReadOnlyList<ImportConflict> Conflicts);

/// <summary>A record that the import left alone because it was changed through the API; names the fields that differ.</summary>
public sealed record ImportConflict(string Kind, string Id, IReadOnlyList<string> Fields)
{
    public override string ToString() => $"{Kind} '{Id}' ({string.Join(", ", Fields)})";
}

/// <summary>
/// Loads a catalogue (the JSON files of data/) into PostgreSQL as an idempotent upsert in one transaction:
/// every record is validated first, and a rejected catalogue changes nothing.
/// </summary>
public sealed partial class CatalogueImporter(AtlasDbContext db, TextWriter? progress = null)
{
    public static readonly string[] FileNames =
        ["sources.json", "tags.json", "places.json", "initiatives.json", "memberships.json", "events.json", "practices.json", "mentorships.json", "commitments.json"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // An unknown property is almost always a typo of a known one: say so rather than drop the value.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static CatalogueBundle ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new CatalogueImportException([$"{folder}: no such folder"]);
        var bundle = new CatalogueBundle();
        var found = 0;
        foreach (var name in FileNames)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) continue;
            found++;
            using var stream = File.OpenRead(path);
            try
            {
                switch (name)
                {
                    case "sources.json": bundle.Sources = Read<SourceRecord>(stream); break;
                    case "tags.json": bundle.Tags = Read<TagRecord>(stream); break;
                    case "places.json": bundle.Places = Read<PlaceRecord>(stream); break;
                    case "initiatives.json": bundle.Initiatives = Read<InitiativeRecord>(stream); break;
                    case "memberships.json": bundle.Memberships = Read<MembershipRecord>(stream); break;
                    case "events.json": bundle.Events = Read<EventRecord>(stream); break;
                    case "practices.json": bundle.Practices = Read<PracticeRecord>(stream); break;
                    case "mentorships.json": bundle.Mentorships = Read<MentorshipRecord>(stream); break;
                    case "commitments.json": bundle.Commitments = Read<CommitmentRecord>(stream); break;
                }
            }
            catch (JsonException ex)
            {
                throw new CatalogueImportException([$"{name}: not valid catalogue JSON at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}"]);
            }
        }
        if (found == 0) throw new CatalogueImportException([$"{folder}: none of {string.Join(", ", FileNames)} found"]);
        return bundle;
    }

    private static List<T> Read<T>(Stream s) =>
        JsonSerializer.Deserialize<List<T>>(s, Json) ?? throw new JsonException("The file holds null, not an array of records.");

    public async Task<ImportResult> ImportAsync(CatalogueBundle bundle, CancellationToken ct = default) =>
        await ImportAsync(bundle, "command line", null, ct);

    /// <summary>
    /// Inserts new records and updates those that only the importer has written. A record changed through the
    /// API since its last import (or with a revision waiting for review, or deleted through the API) is left as
    /// it is and reported as a conflict: data/ is where the catalogue starts, not a master copy.
    /// </summary>
    public async Task<ImportResult> ImportAsync(CatalogueBundle bundle, string actor, Guid? keyId, CancellationToken ct = default)
    {
        var v = new Validator();
        var knownTags = (await db.Tags.Select(t => t.Id).ToListAsync(ct)).Concat(bundle.Tags.Select(t => t.Id ?? "")).ToHashSet();
        var knownPlaces = (await db.Places.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct)).Concat(bundle.Places.Select(p => p.Id ?? "")).ToHashSet();
        var knownInitiatives = (await db.Initiatives.IgnoreQueryFilters().Select(i => i.Id).ToListAsync(ct)).Concat(bundle.Initiatives.Select(i => i.Id ?? "")).ToHashSet();
        var knownSources = (await db.Sources.Select(s => s.Id).ToListAsync(ct)).Concat(bundle.Sources.Select(s => s.Id ?? "")).ToHashSet();
        v.Tags = knownTags; v.Places = knownPlaces; v.Initiatives = knownInitiatives; v.Sources = knownSources;

        var sources = v.Each("sources.json", bundle.Sources, r => r.Id, v.SourceDocument);
        var tags = v.Each("tags.json", bundle.Tags, r => r.Id, v.Tag);
        var places = v.Each("places.json", bundle.Places, r => r.Id, v.Place);
        var initiatives = v.Each("initiatives.json", bundle.Initiatives, r => r.Id, v.Initiative);
        var memberships = v.Each("memberships.json", bundle.Memberships, r => $"{r.PlaceId}/{r.InitiativeId}/{r.Role}", v.Membership);
        var events = v.Each("events.json", bundle.Events, r => r.Id, v.Event);
        var practices = v.Each("practices.json", bundle.Practices, r => r.Id, v.Practice);
        var mentorships = v.Each("mentorships.json", bundle.Mentorships, r => r.Id, v.Mentorship);
        var commitments = v.Each("commitments.json", bundle.Commitments, r => r.Id, v.Commitment);
        if (v.Errors.Count > 0) throw new CatalogueImportException(v.Errors);

        var inserted = new Dictionary<string, int>();
        var updated = new Dictionary<string, int>();
        var conflicts = new List<ImportConflict>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            inserted.Clear(); updated.Clear(); conflicts.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = DateTimeOffset.UtcNow;
            await Plain("sources", sources, db.Sources, s => s.Id, Copy, ct);
            await Plain("tags", tags, db.Tags, t => t.Id, Copy, ct);
            await Tracked("places", places, db.Places, p => p.Id, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("initiatives", initiatives, db.Initiatives, i => i.Id, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("memberships", memberships, db.Memberships, MembershipKey, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("events", events, db.Events, e => e.Id, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("practices", practices, db.Practices, p => p.Id, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("mentorships", mentorships, db.Mentorships, m => m.Id, Copy, RecordMapper.ToRecord, now, ct);
            await Tracked("commitments", commitments, db.Commitments, c => c.Id, Copy, RecordMapper.ToRecord, now, ct);
            db.Audit.Add(new Curation.AuditEntry
            {
                At = now, KeyId = keyId, KeyName = actor, Action = "import", Entity = "catalogue", EntityId = "import",
                After = JsonSerializer.Serialize(new { inserted, updated, conflicts = conflicts.Select(c => c.ToString()) }),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        if (conflicts.Count > 0)
            progress?.WriteLine($"kept {conflicts.Count} record(s) changed through the API since their last import: {string.Join("; ", conflicts.Take(5))}{(conflicts.Count > 5 ? "; ..." : "")}");
        return new ImportResult(inserted, updated, conflicts);

        // Vocabulary and sources: only the importer writes them.
        async Task Plain<T>(string name, List<T> records, DbSet<T> set, Func<T, string> key, Action<T, T> copy, CancellationToken token) where T : class
        {
            if (records.Count == 0) return;
            var existing = await set.ToDictionaryAsync(key, token);
            int ins = 0, upd = 0;
            foreach (var record in records)
            {
                if (!existing.TryGetValue(key(record), out var current)) { set.Add(record); ins++; continue; }
                copy(record, current);
                if (db.Entry(current).State == EntityState.Modified) upd++;
            }
            await db.SaveChangesAsync(token);
            db.ChangeTracker.Clear();
            Report(name, records.Count, ins, upd);
        }

        async Task Tracked<T, TRecord>(string name, List<T> records, DbSet<T> set, Func<T, string> key, Action<T, T> copy,
            Func<T, TRecord> toRecord, DateTimeOffset now, CancellationToken token) where T : class, Curation.ITracked
        {
            if (records.Count == 0) return;
            var pending = (await db.Revisions.Where(r => r.Entity == name).Select(r => r.EntityId).ToListAsync(token)).ToHashSet();
            var deleted = await DeletedThroughApi(name, token);
            int ins = 0, upd = 0, done = 0;
            // Batches keep the change tracker small on large synthetic catalogues. Memberships have no id in their
            // records and are matched on their natural key against the whole table: one batch, one read.
            var batches = name == "memberships" ? [records.ToArray()] : records.Chunk(2000);
            foreach (var chunk in batches)
            {
                var existing = name == "memberships"
                    ? (await set.IgnoreQueryFilters().ToListAsync(token)).ToDictionary(key)
                    : await ByIds(set, chunk.Select(key).ToList(), key, token);
                foreach (var record in chunk)
                {
                    var k = key(record);
                    if (!existing.TryGetValue(k, out var current))
                    {
                        if (deleted.Contains(k)) { conflicts.Add(new ImportConflict(name, k, ["deleted through the API"])); continue; }
                        record.ImportedAt = now;
                        if (record is Curation.ICurated { Status: PublicationStatus.Published } c) c.PublishedAt = now;
                        Stamp(record, now, created: true);
                        set.Add(record);
                        ins++;
                        continue;
                    }
                    var curated = current.CuratedAt is { } at && (current.ImportedAt is null || at > current.ImportedAt) ||
                                  pending.Contains(current is Membership m ? m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : k);
                    if (curated)
                    {
                        var fields = RecordDiff.Fields(toRecord(current), toRecord(record));
                        if (fields.Count > 0) conflicts.Add(new ImportConflict(name, k, fields));
                        continue;
                    }
                    copy(record, current);
                    if (db.Entry(current).State != EntityState.Modified) continue;
                    current.ImportedAt = now;
                    Stamp(current, now, created: false);
                    upd++;
                }
                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                if (records.Count > 2000) progress?.WriteLine($"  {name}: {done:N0}/{records.Count:N0}");
            }
            Report(name, records.Count, ins, upd);
        }

        void Report(string name, int count, int ins, int upd)
        {
            inserted[name] = ins; updated[name] = upd;
            progress?.WriteLine($"{name}: {ins} inserted, {upd} updated, {count - ins - upd} unchanged or kept");
        }
    }

    private static string MembershipKey(Membership m) => $"{m.PlaceId}/{m.InitiativeId}/{RecordMapper.Enum(m.Role)}";

    private static async Task<Dictionary<string, T>> ByIds<T>(DbSet<T> set, List<string> ids, Func<T, string> key, CancellationToken ct) where T : class =>
        await set.IgnoreQueryFilters().Where(e => ids.Contains(EF.Property<string>(e, "Id"))).ToDictionaryAsync(key, ct);

    /// <summary>Keys of records that a reviewer deleted through the API: a re-import must not bring them back.</summary>
    private async Task<HashSet<string>> DeletedThroughApi(string name, CancellationToken ct)
    {
        var entries = await db.Audit.Where(a => a.Entity == name && (a.Action == "delete" || a.Action == "create"))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.EntityId, a.Before, a.After }).ToListAsync(ct);
        var deleted = new HashSet<string>();
        foreach (var e in entries)
        {
            var key = name == "memberships" ? MembershipKey(e.Action == "delete" ? e.Before : e.After) : e.EntityId;
            if (key is null) continue;
            if (e.Action == "delete") deleted.Add(key); else deleted.Remove(key);
        }
        return deleted;

        static string? MembershipKey(string? json)
        {
            if (json is null || System.Text.Json.Nodes.JsonNode.Parse(json) is not System.Text.Json.Nodes.JsonObject o) return null;
            var role = o["role"]?.ToString().Replace("_", "").ToLowerInvariant();
            return role is null ? null : $"{o["placeId"]}/{o["initiativeId"]}/{Validator.Snake(System.Enum.TryParse<MembershipRole>(role, true, out var r) ? r.ToString() : role)}";
        }
    }

    /// <summary>Creation and update times, for the entities that carry them.</summary>
    internal static void Stamp(object entity, DateTimeOffset now, bool created)
    {
        switch (entity)
        {
            case Place p: if (created) p.CreatedAt = now; p.UpdatedAt = now; break;
            case Practice p: if (created) p.CreatedAt = now; p.UpdatedAt = now; break;
            case Mentorship m: if (created) m.CreatedAt = now; m.UpdatedAt = now; break;
        }
    }

    // Copy every imported field onto the tracked entity; EF then knows exactly what changed.
    internal static void Copy(Tag from, Tag to) { to.Label = from.Label; to.Description = from.Description; }

    internal static void Copy(Place f, Place t)
    {
        t.Name = f.Name; t.LocalName = f.LocalName; t.Kind = f.Kind; t.Country = f.Country; t.Latitude = f.Latitude;
        t.Longitude = f.Longitude; t.Population = f.Population; t.GeoNamesId = f.GeoNamesId; t.Role = f.Role;
        t.RoleNote = f.RoleNote; SetList(t.InterestThemes, f.InterestThemes); SetList(t.InterestTags, f.InterestTags);
        SetList(t.Languages, f.Languages); t.Note = f.Note; t.Source = f.Source; t.External = f.External;
        t.RoleSource = f.RoleSource; t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(Initiative f, Initiative t)
    {
        t.Name = f.Name; t.LocalName = f.LocalName; t.Kind = f.Kind; t.Coordinator = f.Coordinator; t.Programme = f.Programme;
        t.ReferenceNumber = f.ReferenceNumber; t.StartDate = f.StartDate; t.EndDate = f.EndDate; t.PeriodLabel = f.PeriodLabel;
        t.BudgetAmount = f.BudgetAmount; t.BudgetCurrency = f.BudgetCurrency; t.BudgetNote = f.BudgetNote;
        SetList(t.Aims, f.Aims); t.Website = f.Website; SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags);
        t.Summary = f.Summary; t.Source = f.Source; t.External = f.External;
        SetList(t.ThemeReadings, f.ThemeReadings); t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(Event f, Event t)
    {
        t.InitiativeId = f.InitiativeId; t.Title = f.Title; t.LocalTitle = f.LocalTitle; t.StartDate = f.StartDate;
        t.EndDate = f.EndDate; t.DateLabel = f.DateLabel; t.HostPlaceId = f.HostPlaceId; t.LocationLabel = f.LocationLabel;
        t.Virtual = f.Virtual; t.Format = f.Format; SetList(t.Topics, f.Topics); SetList(t.Themes, f.Themes);
        SetList(t.Tags, f.Tags); t.Summary = f.Summary; t.Source = f.Source; t.External = f.External;
        SetList(t.ThemeReadings, f.ThemeReadings); t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(Practice f, Practice t)
    {
        t.Title = f.Title; t.LocalTitle = f.LocalTitle; t.Summary = f.Summary; t.Description = f.Description;
        t.LocalText = f.LocalText; t.Language = f.Language; t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId;
        SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags); t.StartDate = f.StartDate; t.EndDate = f.EndDate;
        t.PeriodLabel = f.PeriodLabel; t.BudgetAmount = f.BudgetAmount; t.BudgetCurrency = f.BudgetCurrency;
        t.BudgetNote = f.BudgetNote; t.ContactOrganisation = f.ContactOrganisation; t.ContactRole = f.ContactRole;
        t.Transferability = f.Transferability; t.Status = f.Status; t.Source = f.Source; t.External = f.External;
        SetList(t.ThemeReadings, f.ThemeReadings); t.CuratorNote = f.CuratorNote;
        // Owned JSON collections are replaced only when their content changed, so re-imports stay no-ops.
        if (JsonSerializer.Serialize(t.Kpis) != JsonSerializer.Serialize(f.Kpis)) t.Kpis = f.Kpis;
        if (JsonSerializer.Serialize(t.Documents) != JsonSerializer.Serialize(f.Documents)) t.Documents = f.Documents;
    }

    internal static void Copy(Mentorship f, Mentorship t)
    {
        t.MentorPlaceId = f.MentorPlaceId; t.MenteePlaceId = f.MenteePlaceId; t.InitiativeId = f.InitiativeId;
        SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags); t.PlannedDays = f.PlannedDays; t.StartDate = f.StartDate;
        t.EndDate = f.EndDate; t.PeriodLabel = f.PeriodLabel; t.Status = f.Status; t.Note = f.Note; t.Source = f.Source;
        t.External = f.External; t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(Commitment f, Commitment t)
    {
        t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId; t.Kind = f.Kind; t.Title = f.Title;
        t.TargetYear = f.TargetYear; t.Description = f.Description; t.Source = f.Source; t.External = f.External;
        t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(Membership f, Membership t)
    {
        t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId; t.Role = f.Role; t.Note = f.Note; t.Source = f.Source;
        t.External = f.External; t.CuratorNote = f.CuratorNote;
    }

    internal static void Copy(SourceDocument f, SourceDocument t)
    {
        t.Title = f.Title; t.Url = f.Url; t.File = f.File; t.Language = f.Language;
    }

    // Replacing a list instance would always look like a change to EF; mutate it only when it differs.
    private static void SetList<T>(List<T> target, List<T> source)
    {
        if (target.SequenceEqual(source)) return;
        target.Clear();
        target.AddRange(source);
    }

    [GeneratedRegex(ModelConventions.SlugRegex)]
    internal static partial Regex Slug();
}
