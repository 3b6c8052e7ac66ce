using System.Text;
using FrontrunnerAtlas.Api.Catalogue;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>The plain texts that travel with the data: how to cite it, its licence and attributions, and a README for the zip.</summary>
public static class DownloadTexts
{
    /// <summary>A plain-text citation naming the version (the day of the last change) and where the description lives.</summary>
    public static string Citation(DownloadOptions o, CatalogueFacts facts, string root) =>
        $"{o.Publisher} ({facts.Modified.UtcDateTime.Year}). {o.Title}. Version {facts.Version}. " +
        $"{o.LicenceName}. {root}/catalog";

    public static string Licence(DownloadOptions o, CatalogueBundle b)
    {
        var t = new StringBuilder();
        t.Append($"""
            The FrontrunnerAtlas catalogue (the records, summaries and descriptions in these files) is licensed under
            {o.LicenceName}: {o.LicenceUrl}
            You may share and adapt it for any purpose, provided you give appropriate credit (see "How to cite" in
            README.txt), link to the licence and indicate if changes were made.

            Coordinates, population and GeoNames ids of places (latitude, longitude, population, geonamesId in
            places.json) come from {o.GeoNamesAttribution}: https://creativecommons.org/licenses/by/4.0/
            Wherever they are shown, this attribution must be shown too: "{o.GeoNamesAttribution}".

            Every record names its source (the field "source": an id of sources.json, or for external records the
            URL of a sources.json entry). Facts are credited to the publishers of those documents and pages; short
            original-language quotes (localTitle, localText, local names) remain their authors' and are quoted with
            the source named. The sources are:

            """);
        foreach (var s in b.Sources)
            t.Append("- ").Append(s.Title).Append(s.Url is null ? "" : $" <{s.Url}>").Append('\n');
        return t.ToString();
    }

    public static string Readme(DownloadOptions o, CatalogueBundle b, CatalogueFacts facts, string root)
    {
        var t = new StringBuilder();
        t.Append($"""
            {o.Title}
            Published records of {root}, version {facts.Version} (last change {facts.Modified.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}).

            {o.Description}

            Files (one JSON array of records per kind, in the format of the atlas' data/ folder and its JSON Schemas at
            {root}/schemas/<kind>.json; the atlas' importer reads this folder as it is):

            """);
        foreach (var set in PublicCatalogue.Sets)
            t.Append($"  {set}.json  {PublicCatalogue.Set(b, set)!.Value.Records.Count} records\n");
        t.Append($"""

            Only published records are included. Curators' notes ("curatorNote") are null and the seed file names of
            sources ("file") are null: neither is public.

            The same records as CSV: {root}/downloads/<kind>.csv; live queries: {root}/odata (OData v4) and
            {root}/collections (OGC API - Features); the dataset description (DCAT-AP, JSON-LD): {root}/catalog

            Licence: {o.LicenceName}, see LICENSE.txt. Positions: {o.GeoNamesAttribution}.

            How to cite:
              {Citation(o, facts, root)}

            """);
        return t.ToString();
    }
}
