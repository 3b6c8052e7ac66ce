using System.Globalization;
using System.Text.Json.Nodes;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>
/// The dataset described in DCAT-AP 3 as JSON-LD: a dcat:Catalog holding one dcat:Dataset with its publisher,
/// licence, extent in space and time, last change, keywords, citation and one dcat:Distribution per way to get
/// the data (OData, OGC API - Features, CSV files, the zip).
/// </summary>
public static class DcatDescription
{
    private const string MediaTypes = "http://www.iana.org/assignments/media-types/";
    private const string FileTypes = "http://publications.europa.eu/resource/authority/file-type/";

    public static JsonObject Build(DownloadOptions o, CatalogueFacts facts, string root)
    {
        static JsonObject Id(string iri) => new() { ["@id"] = iri };
        static JsonObject Typed(string value, string type) => new() { ["@value"] = value, ["@type"] = type };
        static JsonObject En(string text) => new() { ["@value"] = text, ["@language"] = "en" };
        var licence = new JsonObject { ["@id"] = o.LicenceIri, ["@type"] = "dct:LicenseDocument", ["rdfs:seeAlso"] = Id(o.LicenceUrl) };
        JsonObject Publisher() => new() { ["@id"] = root + "/catalog#publisher", ["@type"] = "foaf:Agent", ["foaf:name"] = o.Publisher };

        JsonObject Distribution(string fragment, string title, string description, string accessUrl, IEnumerable<string> downloadUrls,
            string mediaType, string? format, string? conformsTo = null)
        {
            var d = new JsonObject
            {
                ["@id"] = root + "/catalog#" + fragment,
                ["@type"] = "dcat:Distribution",
                ["dct:title"] = En(title),
                ["dct:description"] = En(description),
                ["dcat:accessURL"] = Id(accessUrl),
                ["dcat:mediaType"] = Id(MediaTypes + mediaType),
                ["dct:license"] = licence.DeepClone(),
            };
            var downloads = downloadUrls.Select(u => (JsonNode)Id(u)).ToArray();
            if (downloads.Length > 0) d["dcat:downloadURL"] = new JsonArray(downloads);
            if (format is not null) d["dct:format"] = Id(FileTypes + format);
            if (conformsTo is not null) d["dct:conformsTo"] = Id(conformsTo);
            return d;
        }

        var csvSets = new[] { "places", "practices", "initiatives", "events", "memberships", "mentorships", "commitments", "sources", "tags" };
        var dataset = new JsonObject
        {
            ["@id"] = root + "/catalog#dataset",
            ["@type"] = "dcat:Dataset",
            ["dct:title"] = En(o.Title),
            ["dct:description"] = En(o.Description),
            ["dct:publisher"] = Publisher(),
            ["dct:license"] = licence.DeepClone(),
            ["dct:rights"] = new JsonObject
            {
                ["@type"] = "dct:RightsStatement",
                ["rdfs:label"] = En($"The catalogue: {o.LicenceName}. Coordinates, population and GeoNames ids of places: " +
                                    $"{o.GeoNamesAttribution}; this attribution must be shown with them. Each record names its source, " +
                                    "credited to that document's publisher."),
            },
            ["dct:bibliographicCitation"] = DownloadTexts.Citation(o, facts, root),
            ["dct:modified"] = Typed(facts.Modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "xsd:dateTime"),
            ["owl:versionInfo"] = facts.Version,
            ["dcat:keyword"] = new JsonArray(o.Keywords.Select(k => (JsonNode)En(k)).ToArray()),
            ["dcat:theme"] = new JsonArray(Id("http://publications.europa.eu/resource/authority/data-theme/REGI"),
                Id("http://publications.europa.eu/resource/authority/data-theme/ENER"),
                Id("http://publications.europa.eu/resource/authority/data-theme/TRAN")),
            ["dcat:landingPage"] = Id(root + "/"),
            ["dct:source"] = Id("https://www.geonames.org/"),
            ["dcat:distribution"] = new JsonArray(
                Distribution("odata", "OData v4 service", "Every entity set, queryable ($filter, $select, $expand, $apply, $count); JSON, or CSV with $format=csv.",
                    root + "/odata", [], "json", "JSON"),
                Distribution("ogcapi", "OGC API - Features", "Places, practices and events as GeoJSON features, with bbox and filters.",
                    root + "/collections", [], "geo+json", "GEOJSON", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"),
                Distribution("csv", "CSV files", "One RFC 4180 CSV file (UTF-8) per entity set: a header row of the record's fields and one row per published record.",
                    root + "/downloads", csvSets.Select(s => $"{root}/downloads/{s}.csv"), "csv", "CSV"),
                Distribution("zip", "Catalogue as JSON files (zip)", "The published catalogue in the format of the atlas' data/ folder, one JSON file per kind, with README and licence.",
                    root + "/downloads", [root + "/downloads/catalogue.zip"], "zip", "ZIP")),
        };
        if (facts.BoundingBoxWkt is { } wkt)
            dataset["dct:spatial"] = new JsonObject { ["@type"] = "dct:Location", ["dcat:bbox"] = Typed(wkt, "gsp:wktLiteral") };
        if (facts.FirstDate is { } first && facts.LastDate is { } last)
            dataset["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:startDate"] = Typed(first, "xsd:date"),
                ["dcat:endDate"] = Typed(last, "xsd:date"),
            };

        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["gsp"] = "http://www.opengis.net/ont/geosparql#",
                ["owl"] = "http://www.w3.org/2002/07/owl#",
                ["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = root + "/catalog",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = En("FrontrunnerAtlas"),
            ["dct:description"] = En("The catalogue of the FrontrunnerAtlas service and the ways to get its data."),
            ["dct:publisher"] = Publisher(),
            ["dct:license"] = licence.DeepClone(),
            ["dct:modified"] = Typed(facts.Modified.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "xsd:dateTime"),
            ["foaf:homepage"] = Id(root + "/"),
            ["dcat:dataset"] = new JsonArray(dataset),
        };
    }
}
