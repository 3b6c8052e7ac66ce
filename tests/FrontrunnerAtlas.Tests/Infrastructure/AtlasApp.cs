using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// The real service (the same Program, pipeline and PostgreSQL) on ASP.NET Core's in-process test server,
/// on its own database copied from the seeded template.
/// </summary>
public class AtlasApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _name = "atlas_t_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Each host has its own index folder: Lucene allows one writer per folder.</summary>
    public string IndexPath { get; set; } = Path.Combine(Path.GetTempPath(), "atlas-test-index", Guid.NewGuid().ToString("N"));
    public SqlRecorder Sql { get; } = new();

    /// <summary>Extra configuration for a test class (e.g. smaller OData pages).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Which database to start from; the seeded catalogue unless a class needs another.</summary>
    protected virtual Task<string> CreateDatabaseAsync(string name) => TestDatabase.CreateSeededAsync(name);

    /// <summary>False for a second host on another host's database.</summary>
    protected virtual bool OwnsDatabase => true;

    public virtual async Task InitializeAsync() => ConnectionString = await CreateDatabaseAsync(_name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Atlas", ConnectionString);
        builder.UseSetting("Search:IndexPath", IndexPath);
        if (TestDatabase.Redis is { } redis) builder.UseSetting("ConnectionStrings:Redis", redis);
        // Tests fire many requests from one client; the rate-limit tests set their own limits.
        builder.UseSetting("Protection:SearchPermits", "1000000");
        builder.UseSetting("Protection:ODataPermits", "1000000");
        builder.UseSetting("Protection:WritePermits", "1000000");
        builder.UseSetting("Protection:MapPermits", "1000000");
        builder.UseSetting("Protection:ReadPermits", "1000000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Sql));
    }

    public AtlasDbContext Db() => TestDatabase.Context(ConnectionString);

    /// <summary>Runs before the host stops and the database is dropped (e.g. a check of what the tests left).</summary>
    protected virtual Task BeforeDisposeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        try { await BeforeDisposeAsync(); }
        finally { await DisposeHostAsync(); }
    }

    private async Task DisposeHostAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase) await TestDatabase.DropAsync(ConnectionString);
        try { Directory.Delete(IndexPath, recursive: true); } catch (DirectoryNotFoundException) { }
    }
}

/// <summary>Another instance of the service on an existing database, with its own search index.</summary>
public sealed class PeerHost(string connectionString, string? indexPath = null) : AtlasApp
{
    protected override bool OwnsDatabase => false;

    public override Task InitializeAsync()
    {
        ConnectionString = connectionString;
        if (indexPath is not null) IndexPath = indexPath;
        return Task.CompletedTask;
    }
}
