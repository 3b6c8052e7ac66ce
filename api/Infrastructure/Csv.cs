using System.Text;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>RFC 4180, shared by OData's CSV and the downloads: a header row, CRLF line ends, quoting only where needed.</summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> columns, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(Quote)).Append("\r\n");
        foreach (var row in rows) csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>Quoted only where RFC 4180 requires: a comma, a quote or a line break; quotes doubled.</summary>
    public static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
}
