using FrontrunnerAtlas.Api.Search;
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
}

/// <summary>
/// Hot reads cached in HybridCache (memory first, Redis second). Keys carry the catalogue version (the newest
/// change-log id this instance has applied, which LISTEN/NOTIFY advances on every instance after any write),
/// so a write anywhere retires every cached answer everywhere without relying on cross-instance messages.
/// </summary>
public sealed class AtlasCache(HybridCache cache, SearchIndex index, IOptions<CacheOptions> options)
{
    public Task<string> GetOrCreateAsync(string area, string key, Func<CancellationToken, Task<string>> create, CancellationToken ct) =>
        GetOrCreate(area, key, create, ct);

    /// <summary>As bytes: the largest answers (the map layer) are served without re-encoding on every hit.</summary>
    public Task<byte[]> GetOrCreateBytesAsync(string area, string key, Func<CancellationToken, Task<byte[]>> create, CancellationToken ct) =>
        GetOrCreate(area, key, create, ct);

    private async Task<T> GetOrCreate<T>(string area, string key, Func<CancellationToken, Task<T>> create, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return await create(ct);
        // The database identity keeps apart two catalogues that share one Redis.
        return await cache.GetOrCreateAsync($"{area}:{index.Database}:v{index.LastChangeId}:{key}", create,
            static async (c, token) => await c(token),
            new HybridCacheEntryOptions { Expiration = o.Expiration, LocalCacheExpiration = o.LocalExpiration },
            [CatalogueTag], ct);
    }

    public const string CatalogueTag = "catalogue";

    public ValueTask InvalidateAsync(CancellationToken ct) => cache.RemoveByTagAsync(CatalogueTag, ct);
}

/// <summary>
/// Redis behind a circuit breaker: when Redis fails, the cache answers "miss" (and drops writes) for a few
/// seconds instead of failing the request, then tries Redis again. Redis is never a single point of failure.
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
