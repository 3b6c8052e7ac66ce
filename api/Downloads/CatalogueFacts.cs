using System.Globalization;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>What the description of the dataset states about the published records: extent in space and time, last change.</summary>
public sealed record CatalogueFacts(
    DateTimeOffset Modified, string? FirstDate, string? LastDate,
    double? West, double? South, double? East, double? North, int Records)
{
    public static async Task<CatalogueFacts> ReadAsync(AtlasDbContext db, CatalogueBundle b, CancellationToken ct)
    {
        // The newest change of a published record, or of anything the audit log saw (imports, reviews, deletions).
        var times = new List<DateTimeOffset?>
        {
            await db.Places.MaxAsync(p => (DateTimeOffset?)p.UpdatedAt, ct),
            await db.Practices.MaxAsync(p => (DateTimeOffset?)p.UpdatedAt, ct),
            await db.Mentorships.MaxAsync(m => (DateTimeOffset?)m.UpdatedAt, ct),
            await db.Audit.MaxAsync(a => (DateTimeOffset?)a.At, ct),
        };
        var modified = times.Max() ?? DateTimeOffset.UnixEpoch;

        var dates = b.Events.SelectMany(e => new[] { e.StartDate, e.EndDate })
            .Concat(b.Practices.SelectMany(p => new[] { p.StartDate, p.EndDate }))
            .Concat(b.Initiatives.SelectMany(i => new[] { i.StartDate, i.EndDate }))
            .Concat(b.Mentorships.SelectMany(m => new[] { m.StartDate, m.EndDate }))
            .OfType<string>().Order(StringComparer.Ordinal).ToList();   // yyyy-MM-dd sorts as text

        var located = b.Places.Where(p => p.Latitude is not null && p.Longitude is not null).ToList();
        return new CatalogueFacts(modified, dates.FirstOrDefault(), dates.LastOrDefault(),
            located.Count > 0 ? located.Min(p => p.Longitude) : null, located.Count > 0 ? located.Min(p => p.Latitude) : null,
            located.Count > 0 ? located.Max(p => p.Longitude) : null, located.Count > 0 ? located.Max(p => p.Latitude) : null,
            b.Count);
    }

    /// <summary>The version a citation names: the day of the last change.</summary>
    public string Version => Modified.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The bounding box as a WKT polygon in WGS84 (longitude first), or null without located places.</summary>
    public string? BoundingBoxWkt => West is { } w && South is { } s && East is { } e && North is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))")
        : null;
}
