using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Towns;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL + PostGIS server that `./atlas test` starts (ATLAS_TEST_PG). A template database is
/// migrated and loaded with the real catalogue and the towns once; every test class then gets its own copy of it.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;
    private const string Template = "atlas_test_template";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ATLAS_TEST_PG")
        ?? throw new InvalidOperationException(
            "ATLAS_TEST_PG is not set: run the tests with './atlas test', which starts a throwaway PostgreSQL + PostGIS and Redis.");

    public static string? Redis => Environment.GetEnvironmentVariable("ATLAS_TEST_REDIS");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FrontrunnerAtlas.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
        }
    }

    public static string DataFolder => Path.Combine(RepoRoot, "data");

    public static string TownsFile => Path.Combine(RepoRoot, TownsLoader.DefaultFile);

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>A new database holding the migrated schema, the real catalogue from data/ and the gazetteer of towns.</summary>
    public static async Task<string> CreateSeededAsync(string name)
    {
        await EnsureTemplateAsync();
        await ExecAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecAsync($"CREATE DATABASE \"{name}\" TEMPLATE {Template}");
        return ConnectionStringFor(name);
    }

    /// <summary>A new database with PostGIS but no migrations applied.</summary>
    public static async Task<string> CreateEmptyAsync(string name)
    {
        await ExecAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await ExecAsync($"CREATE DATABASE \"{name}\"");
        await using var conn = new NpgsqlConnection(ConnectionStringFor(name));
        await conn.OpenAsync();
        await new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", conn).ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static AtlasDbContext Context(string connectionString)
    {
        var b = new DbContextOptionsBuilder<AtlasDbContext>();
        AtlasDbContext.Configure(b, connectionString);
        return new AtlasDbContext(b.Options);
    }

    private static async Task EnsureTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_templateReady) return;
            // No pooling: an idle pooled connection to the template would block CREATE DATABASE ... TEMPLATE.
            var cs = new NpgsqlConnectionStringBuilder(await CreateEmptyAsync(Template)) { Pooling = false }.ConnectionString;
            await using (var db = Context(cs))
            {
                await db.Database.MigrateAsync();
                await new CatalogueImporter(db).ImportAsync(CatalogueImporter.ReadFolder(DataFolder));
                // The gazetteer once per run (a few seconds); every database copied from the template has it.
                await new TownsLoader(db).LoadAsync(TownsFile);
            }
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await conn.OpenAsync();
        await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
    }
}
