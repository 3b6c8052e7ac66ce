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

    public string ConnectionString { get; private set; } = "";
    public SqlRecorder Sql { get; } = new();

    /// <summary>Extra configuration for a test class (e.g. smaller OData pages).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Which database to start from; the seeded catalogue unless a class needs another.</summary>
    protected virtual Task<string> CreateDatabaseAsync(string name) => TestDatabase.CreateSeededAsync(name);

    public async Task InitializeAsync() => ConnectionString = await CreateDatabaseAsync(_name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Atlas", ConnectionString);
        if (TestDatabase.Redis is { } redis) builder.UseSetting("ConnectionStrings:Redis", redis);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton<IInterceptor>(Sql));
    }

    public AtlasDbContext Db() => TestDatabase.Context(ConnectionString);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}
