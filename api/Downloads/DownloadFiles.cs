using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Catalogue;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>The download files themselves: the zip of data/-shaped JSON files, and one CSV per entity set.</summary>
public static class DownloadFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// One JSON file per kind, named and shaped as in data/, with README.txt and LICENSE.txt. Entries carry the
    /// time of the last change, so the same catalogue always gives the same bytes (and the same ETag).
    /// </summary>
    public static byte[] Zip(CatalogueBundle b, CatalogueFacts facts, DownloadOptions o, string root)
    {
        var stamp = facts.Modified.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : facts.Modified;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, Action<Stream> write)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var s = entry.Open();
                write(s);
            }
            void Text(string name, string text) => Add(name, s => s.Write(Utf8.GetBytes(text)));

            Text("README.txt", DownloadTexts.Readme(o, b, facts, root));
            Text("LICENSE.txt", DownloadTexts.Licence(o, b));
            foreach (var set in CatalogueImporter.FileNames)
            {
                var rows = PublicCatalogue.Rows(b, Path.GetFileNameWithoutExtension(set));
                // Ended by a line break, as data/'s files are.
                Text(set, JsonSerializer.Serialize(new JsonArray([.. rows]), PublicCatalogue.FileJson) + "\n");
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// RFC 4180 CSV in UTF-8: a header of the record's fields in the record's order, one row per record, CRLF
    /// line ends; nested values (lists, budget, contact) as JSON text, null as an empty cell. The fields that are
    /// never public (curatorNote, a source's file) are not columns.
    /// </summary>
    public static byte[] Csv(CatalogueBundle b, string set)
    {
        var hidden = new[] { "curatorNote", set == "sources" ? "file" : "" };
        var columns = PublicCatalogue.Fields(set).Where(n => !hidden.Contains(n)).ToList();
        return Utf8.GetBytes(Infrastructure.Csv.Write(columns, PublicCatalogue.Rows(b, set).Select(row => columns.Select(c => Cell(row[c])))));
    }

    private static string Cell(JsonNode? v) => v switch
    {
        null => "",
        JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>(),
        _ => v.ToJsonString(PublicCatalogue.CompactJson),
    };
}
