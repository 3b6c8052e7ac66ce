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

public sealed record ImportResult(IReadOnlyDictionary<string, int> Inserted, IReadOnlyDictionary<string, int> Updated);

/// <summary>
/// Loads a catalogue (the JSON files of data/) into PostgreSQL as an idempotent upsert in one transaction:
/// every record is validated first, and a rejected catalogue changes nothing.
/// </summary>
public sealed partial class CatalogueImporter(AtlasDbContext db, TextWriter? progress = null)
{
    public static readonly string[] FileNames =
        ["tags.json", "places.json", "initiatives.json", "memberships.json", "events.json", "practices.json", "mentorships.json", "commitments.json"];

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

    public async Task<ImportResult> ImportAsync(CatalogueBundle bundle, CancellationToken ct = default)
    {
        var v = new Validator();
        var knownTags = (await db.Tags.IgnoreQueryFilters().Select(t => t.Id).ToListAsync(ct)).Concat(bundle.Tags.Select(t => t.Id ?? "")).ToHashSet();
        var knownPlaces = (await db.Places.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct)).Concat(bundle.Places.Select(p => p.Id ?? "")).ToHashSet();
        var knownInitiatives = (await db.Initiatives.IgnoreQueryFilters().Select(i => i.Id).ToListAsync(ct)).Concat(bundle.Initiatives.Select(i => i.Id ?? "")).ToHashSet();
        v.Tags = knownTags; v.Places = knownPlaces; v.Initiatives = knownInitiatives;

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
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = DateTimeOffset.UtcNow;
            await Upsert("tags", tags, db.Tags, t => t.Id, Copy, now, ct);
            await Upsert("places", places, db.Places, p => p.Id, Copy, now, ct);
            await Upsert("initiatives", initiatives, db.Initiatives, i => i.Id, Copy, now, ct);
            await UpsertMemberships(memberships, ct);
            await Upsert("events", events, db.Events, e => e.Id, Copy, now, ct);
            await Upsert("practices", practices, db.Practices, p => p.Id, Copy, now, ct);
            await Upsert("mentorships", mentorships, db.Mentorships, m => m.Id, Copy, now, ct);
            await Upsert("commitments", commitments, db.Commitments, c => c.Id, Copy, now, ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return new ImportResult(inserted, updated);

        async Task Upsert<T>(string name, List<T> records, DbSet<T> set, Func<T, string> key, Action<T, T> copy,
            DateTimeOffset now, CancellationToken token) where T : class
        {
            if (records.Count == 0) return;
            int ins = 0, upd = 0, done = 0;
            // Batches keep the change tracker small on large synthetic catalogues.
            foreach (var chunk in records.Chunk(2000))
            {
                var ids = chunk.Select(key).ToList();
                var existing = await set.IgnoreQueryFilters().Where(e => ids.Contains(EF.Property<string>(e, "Id"))).ToDictionaryAsync(key, token);
                foreach (var record in chunk)
                {
                    if (existing.TryGetValue(key(record), out var current))
                    {
                        copy(record, current);
                        if (db.Entry(current).State == EntityState.Modified)
                        {
                            Stamp(current, now, created: false);
                            upd++;
                        }
                    }
                    else
                    {
                        Stamp(record, now, created: true);
                        set.Add(record);
                        ins++;
                    }
                }
                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                if (records.Count > 2000) progress?.WriteLine($"  {name}: {done:N0}/{records.Count:N0}");
            }
            inserted[name] = ins; updated[name] = upd;
            progress?.WriteLine($"{name}: {ins} inserted, {upd} updated, {records.Count - ins - upd} unchanged");
        }

        async Task UpsertMemberships(List<Membership> records, CancellationToken token)
        {
            if (records.Count == 0) return;
            var existing = (await db.Memberships.IgnoreQueryFilters().ToListAsync(token)).ToDictionary(m => (m.PlaceId, m.InitiativeId, m.Role));
            int ins = 0, upd = 0;
            foreach (var r in records)
            {
                if (existing.TryGetValue((r.PlaceId, r.InitiativeId, r.Role), out var current))
                {
                    current.Note = r.Note; current.Source = r.Source; current.External = r.External;
                    if (db.Entry(current).State == EntityState.Modified) upd++;
                }
                else { db.Memberships.Add(r); ins++; }
            }
            await db.SaveChangesAsync(token);
            db.ChangeTracker.Clear();
            inserted["memberships"] = ins; updated["memberships"] = upd;
            progress?.WriteLine($"memberships: {ins} inserted, {upd} updated, {records.Count - ins - upd} unchanged");
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
    }

    internal static void Copy(Initiative f, Initiative t)
    {
        t.Name = f.Name; t.LocalName = f.LocalName; t.Kind = f.Kind; t.Coordinator = f.Coordinator; t.Programme = f.Programme;
        t.ReferenceNumber = f.ReferenceNumber; t.StartDate = f.StartDate; t.EndDate = f.EndDate; t.PeriodLabel = f.PeriodLabel;
        t.BudgetAmount = f.BudgetAmount; t.BudgetCurrency = f.BudgetCurrency; t.BudgetNote = f.BudgetNote;
        SetList(t.Aims, f.Aims); t.Website = f.Website; SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags);
        t.Summary = f.Summary; t.Source = f.Source; t.External = f.External;
    }

    internal static void Copy(Event f, Event t)
    {
        t.InitiativeId = f.InitiativeId; t.Title = f.Title; t.LocalTitle = f.LocalTitle; t.StartDate = f.StartDate;
        t.EndDate = f.EndDate; t.DateLabel = f.DateLabel; t.HostPlaceId = f.HostPlaceId; t.LocationLabel = f.LocationLabel;
        t.Virtual = f.Virtual; t.Format = f.Format; SetList(t.Topics, f.Topics); SetList(t.Themes, f.Themes);
        SetList(t.Tags, f.Tags); t.Summary = f.Summary; t.Source = f.Source; t.External = f.External;
    }

    internal static void Copy(Practice f, Practice t)
    {
        t.Title = f.Title; t.LocalTitle = f.LocalTitle; t.Summary = f.Summary; t.Description = f.Description;
        t.LocalText = f.LocalText; t.Language = f.Language; t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId;
        SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags); t.StartDate = f.StartDate; t.EndDate = f.EndDate;
        t.PeriodLabel = f.PeriodLabel; t.BudgetAmount = f.BudgetAmount; t.BudgetCurrency = f.BudgetCurrency;
        t.BudgetNote = f.BudgetNote; t.ContactOrganisation = f.ContactOrganisation; t.ContactRole = f.ContactRole;
        t.Transferability = f.Transferability; t.Status = f.Status; t.Source = f.Source; t.External = f.External;
        // Owned JSON collections are replaced only when their content changed, so re-imports stay no-ops.
        if (JsonSerializer.Serialize(t.Kpis) != JsonSerializer.Serialize(f.Kpis)) t.Kpis = f.Kpis;
        if (JsonSerializer.Serialize(t.Documents) != JsonSerializer.Serialize(f.Documents)) t.Documents = f.Documents;
    }

    internal static void Copy(Mentorship f, Mentorship t)
    {
        t.MentorPlaceId = f.MentorPlaceId; t.MenteePlaceId = f.MenteePlaceId; t.InitiativeId = f.InitiativeId;
        SetList(t.Themes, f.Themes); SetList(t.Tags, f.Tags); t.PlannedDays = f.PlannedDays; t.StartDate = f.StartDate;
        t.EndDate = f.EndDate; t.PeriodLabel = f.PeriodLabel; t.Status = f.Status; t.Note = f.Note; t.Source = f.Source;
        t.External = f.External;
    }

    internal static void Copy(Commitment f, Commitment t)
    {
        t.PlaceId = f.PlaceId; t.InitiativeId = f.InitiativeId; t.Kind = f.Kind; t.Title = f.Title;
        t.TargetYear = f.TargetYear; t.Description = f.Description; t.Source = f.Source; t.External = f.External;
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
