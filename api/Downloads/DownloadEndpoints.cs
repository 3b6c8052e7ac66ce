using System.Security.Cryptography;
using System.Text.Json;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FrontrunnerAtlas.Api.Downloads;

/// <summary>
/// Bulk downloads of the published catalogue (a zip in data/'s format, one CSV per entity set) and its
/// description in DCAT-AP (/catalog). Each answer is cached under the catalogue version, so it is built once per
/// change of the catalogue, and carries an ETag for conditional requests.
/// </summary>
public static class DownloadEndpoints
{
    public static IServiceCollection AddDownloads(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<DownloadOptions>(config.GetSection(DownloadOptions.Section));
        return services;
    }

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/downloads", Index);
        app.MapGet("/downloads/catalogue.zip", Zip);
        app.MapGet("/downloads/{set}.csv", Csv);
        app.MapGet("/catalog", Catalog);
        return app;
    }

    private static IResult Index(HttpRequest request)
    {
        var root = DownloadLinks.Root(request);
        return Results.Json(new
        {
            zip = root + "/downloads/catalogue.zip",
            csv = PublicCatalogue.Sets.ToDictionary(s => s, s => $"{root}/downloads/{s}.csv"),
            description = root + "/catalog",
        });
    }

    private static async Task<IResult> Zip(HttpRequest request, AtlasCache cache, IOptions<DownloadOptions> options, CancellationToken ct)
    {
        var root = DownloadLinks.Root(request);
        var bytes = await cache.GetOrCreateAsync("downloads", CacheKey.Of(("file", "catalogue.zip"), ("root", root)), async (services, token) =>
        {
            var db = services.GetRequiredService<AtlasDbContext>();
            var bundle = await PublicCatalogue.LoadAsync(db, token);
            var facts = await CatalogueFacts.ReadAsync(db, bundle, token);
            return DownloadFiles.Zip(bundle, facts, options.Value, root);
        }, ct);
        return File(bytes, "application/zip", options.Value.ZipFileName);
    }

    private static async Task<IResult> Csv(string set, AtlasCache cache, CancellationToken ct)
    {
        if (!PublicCatalogue.Sets.Contains(set))
            return Results.Problem(statusCode: 404, title: "No such download",
                detail: $"There is no CSV file '{set}'. The sets are: {string.Join(", ", PublicCatalogue.Sets)}.");
        var bytes = await cache.GetOrCreateAsync("downloads", CacheKey.Of(("file", set + ".csv")), async (services, token) =>
            DownloadFiles.Csv(await PublicCatalogue.LoadAsync(services.GetRequiredService<AtlasDbContext>(), token), set), ct);
        return File(bytes, "text/csv; charset=utf-8", set + ".csv");
    }

    private static async Task<IResult> Catalog(HttpRequest request, AtlasCache cache, IOptions<DownloadOptions> options, CancellationToken ct)
    {
        var root = DownloadLinks.Root(request);
        var json = await cache.GetOrCreateAsync("catalog", CacheKey.Of(("root", root)), async (services, token) =>
        {
            var db = services.GetRequiredService<AtlasDbContext>();
            var bundle = await PublicCatalogue.LoadAsync(db, token);
            var facts = await CatalogueFacts.ReadAsync(db, bundle, token);
            return DcatDescription.Build(options.Value, facts, root).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }, ct);
        return Results.Text(json, "application/ld+json; charset=utf-8");
    }

    /// <summary>An attachment with its file name and a strong ETag of its bytes (If-None-Match answers 304).</summary>
    private static IResult File(byte[] bytes, string contentType, string name) =>
        Results.File(bytes, contentType, name,
            entityTag: new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\""));
}
