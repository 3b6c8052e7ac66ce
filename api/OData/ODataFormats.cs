using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>
/// The formats the OData service answers in: JSON, and CSV for spreadsheets (`$format=csv` or `Accept: text/csv`:
/// a header row, then the same rows and `$select` as the JSON). Any other asked-for format is a 406 rather than a
/// JSON answer the client did not ask for. Hand-written because Microsoft.AspNetCore.OData serializes JSON only:
/// CSV is made from its JSON answer, so every query option works the same in both.
/// </summary>
public static class ODataFormats
{
    public static WebApplication UseODataFormats(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            // $metadata is XML and a property's $value is raw text: neither is JSON or CSV.
            if (!path.StartsWithSegments("/" + ODataSetup.RoutePrefix) || path.Value!.Contains("$metadata", StringComparison.Ordinal)
                || path.Value.EndsWith("/$value", StringComparison.Ordinal))
            {
                await next(http);
                return;
            }
            switch (Choose(http.Request))
            {
                case Format.Json:
                    await BufferedAsync(http, next);
                    return;
                case Format.None:
                    http.Response.StatusCode = 406;
                    await http.Response.WriteAsJsonAsync(ODataErrors.Body("NotAcceptable",
                        "This service answers in JSON (application/json) and CSV ($format=csv or Accept: text/csv) only."));
                    return;
            }
            await AsCsvAsync(http, next);
        });
        return app;
    }

    internal enum Format { Json, Csv, None }

    internal static Format Choose(HttpRequest request)
    {
        var format = request.Query["$format"].ToString().Trim().ToLowerInvariant();
        if (format.Length > 0)
            return format switch
            {
                "csv" or "text/csv" => Format.Csv,
                "json" => Format.Json,
                _ when format.StartsWith("application/json", StringComparison.Ordinal) => Format.Json,
                _ => Format.None,
            };
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0) return Format.Json;
        var types = accept.Split(',').Select(a => a.Split(';')[0].Trim().ToLowerInvariant()).ToList();
        if (types.Any(t => t is "application/json" or "*/*" or "application/*")) return Format.Json;
        if (types.Any(t => t is "text/csv" or "text/*")) return Format.Csv;
        return Format.None;
    }

    /// <summary>
    /// The answer is written to memory first and sent whole: an error while writing it (a value the serializer
    /// refuses) then still becomes an OData error with its status, never a 200 cut off mid-body. Pages are bounded
    /// (OData:PageSize, MaxTop), so the buffer is too.
    /// </summary>
    private static async Task BufferedAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        buffer.Position = 0;
        if (buffer.Length == 0) return; // a bare status: the status-code page writes its body
        if (http.Response.ContentLength is null && !http.Response.HasStarted) http.Response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private static async Task AsCsvAsync(HttpContext http, RequestDelegate next)
    {
        // Ask the OData pipeline for JSON, keep its answer, then write it as CSV.
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        query.Remove("$format");
        http.Request.QueryString = QueryString.Create(query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, StringValues>(q.Key, v))));
        http.Request.Headers.Accept = "application/json";
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try { await next(http); }
        finally { http.Response.Body = original; }
        buffer.Position = 0;
        if (http.Response.StatusCode != 200 || http.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await buffer.CopyToAsync(original);
            return;
        }
        using var doc = await JsonDocument.ParseAsync(buffer);
        var root = doc.RootElement;
        var rows = root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList() : [root];
        if (root.TryGetProperty("@odata.nextLink", out var nextLink))
            http.Response.Headers.Append("Link", $"<{nextLink.GetString()}&$format=csv>; rel=\"next\"");
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.ContentLength = null;
        await original.WriteAsync(Encoding.UTF8.GetBytes(ToCsv(rows)));
    }

    /// <summary>RFC 4180: a header of every property in order of first appearance, annotations left out; nested values as JSON.</summary>
    internal static string ToCsv(IReadOnlyList<JsonElement> rows)
    {
        var columns = new List<string>();
        foreach (var row in rows.Where(r => r.ValueKind == JsonValueKind.Object))
            foreach (var p in row.EnumerateObject())
                if (!p.Name.Contains('@') && !columns.Contains(p.Name)) columns.Add(p.Name);
        return Infrastructure.Csv.Write(columns, rows.Where(r => r.ValueKind == JsonValueKind.Object)
            .Select(row => columns.Select(c => row.TryGetProperty(c, out var v) ? Cell(v) : "")));
    }

    private static string Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Object when Spatial.SpatialOData.Wkt(v) is { } point => point,
        JsonValueKind.Object or JsonValueKind.Array => v.GetRawText(),
        _ => v.GetRawText(),
    };
}
