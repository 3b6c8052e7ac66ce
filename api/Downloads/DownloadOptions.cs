namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>What the downloads and the dataset description say about the catalogue. Section "Downloads" of the configuration.</summary>
public sealed class DownloadOptions
{
    public const string Section = "Downloads";

    public string Title { get; set; } = "FrontrunnerAtlas: good practices of European municipalities";

    public string Description { get; set; } =
        "Places, good practices, networks and projects (initiatives), memberships, events, mentorships and commitments of " +
        "European municipalities that combine sustainable energy planning, sustainable mobility and sustainable spatial " +
        "planning, each record citing its source.";

    public string Publisher { get; set; } = "FrontrunnerAtlas";

    /// <summary>The licence of the catalogue (its records, summaries and descriptions).</summary>
    public string LicenceName { get; set; } = "Creative Commons Attribution 4.0 International (CC BY 4.0)";
    public string LicenceUrl { get; set; } = "https://creativecommons.org/licenses/by/4.0/";
    /// <summary>The same licence in the EU's licence vocabulary, as DCAT-AP recommends.</summary>
    public string LicenceIri { get; set; } = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";

    /// <summary>Attribution that must travel with the coordinates, population and GeoNames ids of places.</summary>
    public string GeoNamesAttribution { get; set; } = "GeoNames (geonames.org), CC BY 4.0";

    public string[] Keywords { get; set; } =
        ["good practice", "municipality", "sustainable energy planning", "sustainable mobility", "spatial planning",
         "integrated planning", "frontrunner cities", "mentoring", "Europe"];

    /// <summary>Name of the zip a browser saves.</summary>
    public string ZipFileName { get; set; } = "frontrunneratlas-catalogue.zip";
}
