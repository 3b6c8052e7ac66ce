using System.Text.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Infrastructure;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>The loader's HTTP side: a reviewer posts a whole catalogue bundle; it is validated and upserted.</summary>
public static class CatalogueEndpoints
{
    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/catalogue/import", Import).RequireAuthorization(AccessSetup.ReviewerPolicy);
        app.MapGet("/api/catalogue/version", Version);
        return app;
    }

    /// <summary>
    /// Which state of the published catalogue this instance serves (database and change-log position), with an
    /// ETag: an open map asks with If-None-Match and gets a bodiless 304 until a publish or an unpublish changes
    /// it. It is the position the caches key by (CatalogueVersion), so data re-read after a change is never older.
    /// </summary>
    private static IResult Version(HttpContext http, CatalogueVersion version)
    {
        var v = version.Current;
        var etag = $"\"{v.Database ?? "none"}-{v.ChangeId}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(x => x == etag || x == "*")) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Ok(new { database = v.Database, changeId = v.ChangeId });
    }

    private static async Task<IResult> Import(HttpRequest request, AtlasDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        CatalogueBundle? bundle;
        try
        {
            bundle = await JsonSerializer.DeserializeAsync<CatalogueBundle>(request.Body, CatalogueImporter.Json, ct);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Not a catalogue bundle",
                detail: $"At {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}");
        }
        if (bundle is null || bundle.Count == 0)
            return Results.Problem(statusCode: 400, title: "Empty catalogue", detail: "The bundle holds no records.");
        try
        {
            var keyId = Guid.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var k) ? k : (Guid?)null;
            var result = await new CatalogueImporter(db).ImportAsync(bundle, user.Identity?.Name ?? "", keyId, ct);
            return Results.Ok(new
            {
                inserted = result.Inserted, updated = result.Updated,
                // Records changed through the API since their last import are kept as they are.
                conflicts = result.Conflicts.Select(c => new { kind = c.Kind, id = c.Id, fields = c.Fields }),
            });
        }
        catch (CatalogueImportException ex)
        {
            return Results.Problem(statusCode: 400, title: "The catalogue was rejected; nothing was changed",
                detail: ex.Errors[0], extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors });
        }
    }
}
