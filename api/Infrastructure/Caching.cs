using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>The cache. Section "Cache" of the configuration.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";
    /// <summary>Off: every read is computed afresh (for measuring and debugging).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How long an entry lives in Redis (the shared second level).</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long an entry lives in each instance's memory (the first level).</summary>
    public TimeSpan LocalExpiration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>After Redis fails, how long to serve without it before trying again.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// Most bytes the memory level holds (entries counted by their serialized size); past it the least recently
    /// used entries are dropped. Bounds the process however many different requests arrive.
    /// </summary>
    public long MemoryLimitBytes { get; set; } = 128L << 20;
    /// <summary>Largest single answer that is cached (e.g. the map layer of a big catalogue); larger ones are computed each time.</summary>
    public int MaxEntryBytes { get; set; } = 8 << 20;
}

/// <summary>
/// Hot reads cached in HybridCache (memory first, Redis second). Keys carry the catalogue version (the database
/// and the newest change-log id this instance has applied, see CatalogueVersion), so a write anywhere retires
/// every cached answer everywhere without relying on cross-instance messages.
/// </summary>
public sealed class AtlasCache(HybridCache cache, CatalogueVersion version, IOptions<CacheOptions> options, IServiceScopeFactory scopes)
{
    /// <summary>Longer keys are replaced by their SHA-256: HybridCache refuses keys over 1,024 characters, and Redis keys stay short.</summary>
    public const int MaxKeyLength = 256;

    public const string CatalogueTag = "catalogue";

    /// <summary>Bump when the cached answers change shape: entries of an older format (in a shared Redis) are then never read.
    /// 2: enum values in snake_case.</summary>
    public const int AnswerFormat = 2;

    /// <summary>
    /// The cached answer for key (see CacheKey.Of) in area ("items", "search", ...), computed by create on a miss.
    /// create gets the services of a scope of its own, never the request's: HybridCache runs one factory for all
    /// concurrent callers of a key and lets it outlive the request that started it, whose DbContext and HttpContext
    /// are disposed and reused as soon as that request is cancelled (a map tile given up by MapLibre).
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string area, string key, Func<IServiceProvider, CancellationToken, Task<T>> create, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return await Scoped(create, ct);
        return await cache.GetOrCreateAsync(FullKey(area, key), (create, scopes),
            static async (state, token) => await Scoped(state.create, token, state.scopes),
            new HybridCacheEntryOptions { Expiration = o.Expiration, LocalCacheExpiration = o.LocalExpiration },
            [CatalogueTag], ct);
    }

    private Task<T> Scoped<T>(Func<IServiceProvider, CancellationToken, Task<T>> create, CancellationToken ct) => Scoped(create, ct, scopes);

    private static async Task<T> Scoped<T>(Func<IServiceProvider, CancellationToken, Task<T>> create, CancellationToken ct, IServiceScopeFactory scopes)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await create(scope.ServiceProvider, ct);
    }

    internal string FullKey(string area, string key)
    {
        var v = version.Current;
        // The database identity keeps apart two catalogues that share one Redis.
        var prefix = $"{area}:{v.Database}:v{v.ChangeId}:f{AnswerFormat}:";
        return prefix.Length + key.Length <= MaxKeyLength
            ? prefix + key
            : prefix + "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public ValueTask InvalidateAsync(CancellationToken ct) => cache.RemoveByTagAsync(CatalogueTag, ct);
}

/// <summary>
/// A cache key made only of what changes an answer, in one fixed order and spelling, so that reordered or
/// differently written requests (?b=1&amp;a=2, role=Frontrunner, bbox=20.50,...) share one entry. Ours: it works
/// on the values after parsing, which no query-string helper sees.
/// </summary>
public static class CacheKey
{
    /// <summary>name=value pairs in the order given; absent and empty values left out, lists sorted, numbers invariant.</summary>
    public static string Of(params (string Name, object? Value)[] parts)
    {
        var key = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                IEnumerable<string> list => string.Join(',', list.Order(StringComparer.Ordinal)),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (string.IsNullOrEmpty(text)) continue;
            // Escaped, so that no value can pass for another parameter.
            key.Append(key.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(text));
        }
        return key.ToString();
    }
}

/// <summary>
/// Redis behind a circuit breaker: when Redis fails, the cache answers "miss" (and drops writes) for a few
/// seconds instead of failing the request, then tries Redis again. Redis is never a single point of failure.
/// Ours, not a Polly breaker: one timestamp decides, and each member is a one-line call.
/// </summary>
public sealed class ResilientDistributedCache(RedisCache inner, IOptions<CacheOptions> options, ILogger<ResilientDistributedCache> log)
    : IDistributedCache
{
    private long _openUntil;

    public bool IsAvailable => Environment.TickCount64 >= Interlocked.Read(ref _openUntil);

    private void Trip(Exception ex)
    {
        if (IsAvailable) log.LogWarning("Redis failed ({Message}); serving without it for {Seconds} s", ex.Message, options.Value.RetryAfterFailure.TotalSeconds);
        Interlocked.Exchange(ref _openUntil, Environment.TickCount64 + (long)options.Value.RetryAfterFailure.TotalMilliseconds);
    }

    private T Guard<T>(Func<T> call, T fallback)
    {
        if (!IsAvailable) return fallback;
        try { return call(); }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Trip(ex);
            return fallback;
        }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> call, T fallback)
    {
        if (!IsAvailable) return fallback;
        try { return await call(); }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Trip(ex);
            return fallback;
        }
    }

    public byte[]? Get(string key) => Guard(() => inner.Get(key), null);
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => inner.GetAsync(key, token), null);
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; }, false);
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);
    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; }, false);
    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);
    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; }, false);
    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);
}
