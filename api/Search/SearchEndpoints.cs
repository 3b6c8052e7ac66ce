using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Search;

public static class SearchEndpoints
{
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SearchOptions>(config.GetSection(SearchOptions.Section));
        // Loaded and validated now, so that a bad thesaurus stops the start with a message naming the concept.
        var o = config.GetSection(SearchOptions.Section).Get<SearchOptions>() ?? new SearchOptions();
        services.AddSingleton(!o.Thesaurus ? Thesaurus.Empty
            : string.IsNullOrWhiteSpace(o.ThesaurusPath) ? Thesaurus.Default() : Thesaurus.LoadFile(o.ThesaurusPath));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddHealthChecks().AddCheck<SearchIndexer>("index");
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search);
        app.MapGet("/api/search/suggest", (SearchService search, string? q) => Results.Ok(search.Suggest(q)));
        return app;
    }

    internal static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { SnakeEnumNaming.Converter() },
    };

    /// <summary>What /api/search takes; anything else is a 400 and never reaches the cache key.</summary>
    private static readonly string[] Parameters = ["q", "type", "theme", "tag", "role", "country", "initiative", "bbox", "page", "size"];

    private static async Task<IResult> Search(HttpRequest http, SearchService search, IOptions<SearchOptions> options, AtlasCache cache)
    {
        var o = options.Value;
        var q = http.Query;
        if (QueryValues.RejectUnknown(q, Parameters) is { } unknown) return unknown;
        List<string> Values(string name) => QueryValues.List(q, name);

        var errors = new Dictionary<string, string[]>();
        var types = Values("type").Select(t => t.ToLowerInvariant()).ToList();
        if (types.Except(SearchSource.Types).FirstOrDefault() is { } badType)
            errors["type"] = [$"'{badType}' is not one of {string.Join(", ", SearchSource.Types)}."];
        var themes = new List<string>();
        foreach (var t in Values("theme"))
            if (QueryValues.TryEnum<Theme>(t, out var theme) && theme is { } value) themes.Add(QueryValues.Snake(value));
            else errors["theme"] = [$"'{t}' is not one of {QueryValues.SnakeNames<Theme>()}."];
        var roles = new List<string>();
        foreach (var r in Values("role"))
            if (QueryValues.TryEnum<PlaceRole>(r, out var role) && role is { } value) roles.Add(QueryValues.Snake(value));
            else errors["role"] = [$"'{r}' is not one of {QueryValues.SnakeNames<PlaceRole>()}."];
        var countries = Values("country").Select(c => c.ToUpperInvariant()).ToList();
        if (countries.FirstOrDefault(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)) is { } badCountry)
            errors["country"] = [$"'{badCountry}' is not an ISO 3166-1 alpha-2 code such as EE."];
        if (!BoundingBox.TryParse(q["bbox"], out var bbox, out var bboxError)) errors["bbox"] = [bboxError];
        var page = 1;
        if (q.ContainsKey("page") && (!int.TryParse(q["page"], out page) || page is < 1 or > 1000))
            errors["page"] = ["page must be a whole number from 1 to 1000."];
        var size = o.DefaultPageSize;
        if (q.ContainsKey("size") && (!int.TryParse(q["size"], out size) || size < 1 || size > o.MaxPageSize))
            errors["size"] = [$"size must be a whole number from 1 to {o.MaxPageSize}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Invalid search parameters");

        var request = new SearchRequest(q["q"], types, themes, Values("tag"), roles, countries, Values("initiative"), bbox, page, size);
        try
        {
            // Facet counts over large results are the costly part; repeated queries come from the cache, keyed by
            // the parsed request (a long q is hashed there).
            var key = CacheKey.Of(("q", request.Query), ("type", request.Types), ("theme", request.Themes), ("tag", request.Tags),
                ("role", request.Roles), ("country", request.Countries), ("initiative", request.Initiatives), ("bbox", request.Bbox),
                ("page", request.Page), ("size", request.Size));
            var json = await cache.GetOrCreateAsync("search", key,
                (_, _) => Task.FromResult(System.Text.Json.JsonSerializer.Serialize(search.Search(request), Json)), http.HttpContext.RequestAborted);
            return Results.Text(json, "application/json");
        }
        catch (SearchSyntaxException ex)
        {
            return Results.Problem(statusCode: 400, title: "Invalid search query", detail: ex.Message,
                extensions: new Dictionary<string, object?> { ["position"] = ex.Position });
        }
    }
}
