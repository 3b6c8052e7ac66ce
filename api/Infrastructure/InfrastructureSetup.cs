using System.Text.Json;
using FrontrunnerAtlas.Api.OData;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OData;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace FrontrunnerAtlas.Api.Infrastructure;

public static class InfrastructureSetup
{
    /// <summary>The local cluster that `./atlas up` starts.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=atlas;Password=atlas;Database=atlas";

    public static IServiceCollection AddAtlasInfrastructure(this IServiceCollection services, IConfiguration config)
    {
        var cs = config.GetConnectionString("Atlas") ?? DefaultConnectionString;
        services.AddSingleton(new DatabaseConnection(cs));
        // The options are built once (singleton), not for every request's context: building them (provider,
        // enum mappings, interceptors) was a measurable share of a short OData answer.
        services.AddDbContext<AtlasDbContext>((sp, o) =>
        {
            AtlasDbContext.Configure(o, cs);
            // Tests register interceptors (e.g. one that records the SQL) without another code path.
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        }, optionsLifetime: Microsoft.Extensions.DependencyInjection.ServiceLifetime.Singleton);

        // Redis is optional: without it HybridCache runs on its in-process level alone. With it, Redis sits
        // behind a circuit breaker so that a Redis outage costs cache hits, never requests.
        services.Configure<CacheOptions>(config.GetSection(CacheOptions.Section));
        services.AddSingleton<CatalogueVersion>();
        var redis = config.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // One connection for the cache and its health check: the probe reports the state the cache is in.
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisOptions(redis)));
            services.AddSingleton(sp => new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(Options.Create(
                new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions
                {
                    InstanceName = "atlas:",
                    ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
                })));
            services.AddSingleton<ResilientDistributedCache>();
            services.AddSingleton<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(sp => sp.GetRequiredService<ResilientDistributedCache>());
        }
        // HybridCache gives every memory entry its serialized size, so the memory level can be bounded in bytes.
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<CacheOptions>>((m, c) => m.SizeLimit = c.Value.MemoryLimitBytes);
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((h, c) => h.MaximumPayloadBytes = c.Value.MaxEntryBytes);
        services.AddHybridCache();
        services.AddSingleton<AtlasCache>();

        // The database check is ours: it also reports migrations not applied, which a plain connection probe cannot.
        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        if (!string.IsNullOrWhiteSpace(redis))
            health.AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "cache", HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(3));

        // Enumerations travel as names in snake_case ("spatial_planning", not 2), as in the catalogue files. OData
        // (/odata) has its own serializer and keeps its enum member names ("SpatialPlanning").
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(SnakeEnumNaming.Converter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<AtlasExceptionHandler>();
        return services;
    }

    /// <summary>Short timeouts and no failing on connect: a dead Redis must cost milliseconds, not seconds.</summary>
    public static ConfigurationOptions RedisOptions(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        options.SyncTimeout = 500;
        options.AsyncTimeout = 500;
        options.ConnectRetry = 1;
        // Reconnect every second rather than backing off to tens of seconds: Redis back is cache hits back.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        return options;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = 200,
                [HealthStatus.Degraded] = 200,
                [HealthStatus.Unhealthy] = 503,
            },
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(http.Response.Body, new
                {
                    status = report.Status.ToString(),
                    parts = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? Describe(e.Value.Status) }),
                });
            },
        });
        return app;
    }

    // Library checks (Redis) give no description; an exception's text would name hosts and ports to anyone.
    private static string Describe(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Answers.",
        HealthStatus.Degraded => "Does not answer; the service runs without it.",
        _ => "Does not answer.",
    };
}

/// <summary>
/// The configured connection string, for code that opens its own connection (LISTEN). Npgsql drops the
/// password from an opened connection's ConnectionString, so it cannot be taken from a DbContext.
/// </summary>
public sealed record DatabaseConnection(string ConnectionString);

/// <summary>Healthy when PostgreSQL answers and every migration is applied.</summary>
internal sealed class DatabaseHealthCheck(AtlasDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("PostgreSQL answers; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied; run 'migrate'.");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}

/// <summary>
/// The last line: a client error is a 400 with a message, an unavailable database a 503 with Retry-After,
/// anything else a 500 that names no internals. OData paths answer in OData's error format.
/// </summary>
internal sealed class AtlasExceptionHandler(IProblemDetailsService problems, ILogger<AtlasExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = Classify(exception);
        var odata = http.Request.Path.StartsWithSegments("/" + ODataSetup.RoutePrefix);
        // An OData query is composed by the client: one that the query engine or the database cannot evaluate is the
        // client's to change (400), said without the engine's own words, which name .NET types.
        if (odata && IsTimeout(exception))
            (status, title, detail) = (503, "Query took too long",
                "The query ran longer than the time a public query may take and was stopped; narrow it with $filter, a smaller $top or fewer $expand.");
        else if (odata && status == 500)
        {
            log.LogWarning(exception, "OData query {Query} could not be evaluated", http.Request.QueryString.Value);
            (status, title, detail) = (400, "Query not supported", "This query cannot be evaluated; check the types and values in $filter, $orderby, $apply and $expand against $metadata.");
        }
        else if (status >= 500) log.LogError(exception, "Request {Path} failed", http.Request.Path);
        else log.LogInformation("Request {Path} rejected: {Message}", http.Request.Path, exception.Message);
        if (http.Response.HasStarted) return false;
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        if (odata)
        {
            await http.Response.WriteAsJsonAsync(ODataErrors.Body(status == 400 ? "BadRequest" : status == 503 ? "ServiceUnavailable" : "InternalError", detail), ct);
            return true;
        }
        // On the people's routes the fixed texts of Classify are said in their language (keys of Messages); a
        // message made from the exception (a search query's, a parameter's) stays as it is.
        if (Localization.PeopleFacing(http.Request.Path))
        {
            var l = http.Texts();
            (title, detail) = (l[title], l[detail]);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static bool IsTimeout(Exception ex) =>
        ex is TimeoutException || ex is PostgresException { SqlState: "57014" } || (ex.InnerException is { } inner && IsTimeout(inner));

    internal static (int Status, string Title, string Detail) Classify(Exception ex) => ex switch
    {
        Search.SearchSyntaxException =>
            (400, "Invalid search query", ex.Message),
        Search.SearchUnavailableException =>
            (503, "Search unavailable", ex.Message),
        BadHttpRequestException { StatusCode: 413 } =>
            (413, "Request too large", "The body is larger than this endpoint accepts."),
        BadHttpRequestException bad =>
            (400, "Invalid parameter", BindingErrors.Describe(bad)),
        ODataException or JsonException or FormatException =>
            (400, "Bad request", ODataErrors.Clean(ex.Message)),
        // A query that parses but that the database cannot run (e.g. a function EF Core cannot translate).
        InvalidOperationException when ex.Message.Contains("could not be translated", StringComparison.Ordinal) =>
            (400, "Query not supported", "This query cannot be run in the database; simplify the $filter, $orderby or $apply."),
        NotSupportedException or ArgumentException =>
            (400, "Bad request", ODataErrors.Clean(ex.Message)),
        // PostgreSQL's "data exception" class: the query was well formed but its values are not (division by
        // zero, a NUL character, a number out of range). The client can fix that, so it is a 400.
        PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal) =>
            (400, "Bad request", $"The database cannot evaluate this query: {((PostgresException)ex).MessageText}."),
        NpgsqlException { IsTransient: true } or TimeoutException =>
            (503, "Database unavailable", "The database is not answering right now; try again shortly."),
        _ when ex.InnerException is not null && ex is not NpgsqlException => Classify(ex.InnerException) is var inner && inner.Status != 500
            ? inner : (500, "Internal error", "The server could not answer this request."),
        _ => (500, "Internal error", "The server could not answer this request."),
    };
}
