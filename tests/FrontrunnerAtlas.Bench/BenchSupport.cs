using System.Diagnostics;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using FrontrunnerAtlas.Api.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FrontrunnerAtlas.Bench;

/// <summary>What every benchmark of this console shares: percentiles, a throwaway database, the service as a process.</summary>
internal static class BenchSupport
{
    public static void Report(string name, List<double> ms) =>
        Console.WriteLine($"{name}: n={ms.Count} p50={Percentile(ms, 50):F2} ms p95={Percentile(ms, 95):F2} ms p99={Percentile(ms, 99):F2} ms mean={ms.Average():F2} ms");

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Runs one statement; on the server's maintenance database unless it is a VACUUM (which needs the bench database).</summary>
    public static async Task Exec(string cs, string sql)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        if (!sql.StartsWith("VACUUM")) b.Database = "postgres";
        await using var conn = new NpgsqlConnection(b.ConnectionString);
        await conn.OpenAsync();
        await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
    }

    public static string FindRepo()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "FrontrunnerAtlas.sln"))) return d.FullName;
        throw new InvalidOperationException("Repository not found.");
    }

    public static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>
    /// The service as shipped (Release build, its own process, Kestrel on loopback), with the given settings on top,
    /// healthy when this returns. Killed with the bench if the bench dies.
    /// </summary>
    public static async Task<Process> StartServiceAsync(string repo, int port, IReadOnlyDictionary<string, string> settings)
    {
        var api = Path.Combine(repo, "api", "bin", "Release", "net10.0", "FrontrunnerAtlas.Api.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{api}\"") { WorkingDirectory = Path.Combine(repo, "api"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var service = Process.Start(start)!;
        void Kill() { try { service.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Kill();
        // The last lines the service wrote, shown if it dies: a benchmark that stops at "connection refused" says why.
        var last = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line) { if (line is null) return; last.Enqueue(line); while (last.Count > 40) last.TryDequeue(out _); }
        service.OutputDataReceived += (_, e) => Keep(e.Data);
        service.ErrorDataReceived += (_, e) => Keep(e.Data);
        service.EnableRaisingEvents = true;
        service.Exited += (_, _) => { if (service.ExitCode != 137) Console.Error.WriteLine($"The service exited ({service.ExitCode}); its last lines:\n{string.Join('\n', last)}"); }; // 137: killed by us
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) { Kill(); throw new TimeoutException("The service did not start."); }
            await Task.Delay(100);
        }
        Console.WriteLine($"service start to healthy: {clock.Elapsed.TotalSeconds:F1} s");
        return service;
    }

    public static string Rss(Process service)
    {
        service.Refresh();
        return File.ReadAllLines($"/proc/{service.Id}/status").First(l => l.StartsWith("VmRSS")).Split(':')[1].Trim();
    }

    /// <summary>
    /// A fresh database of that name, migrated and holding the synthetic catalogue (seed 2026); returns its connection
    /// string. With `--reuse` on the command line, a database this run made before with the same sizes is kept (the
    /// import takes minutes; several benchmarks in one `./atlas test-env` session can share it).
    /// </summary>
    public static Task<string> CreateSyntheticAsync(string server, string database, int places, int practices, Func<AtlasDbContext, Task>? then = null) =>
        CreateCatalogueAsync(server, database, () => SyntheticCatalogue.Generate(places, practices, seed: 2026), then,
            marker: $"atlas synthetic catalogue: {places} places, {practices} practices, seed 2026");

    /// <summary>
    /// A fresh database holding the given catalogue, migrated, imported and vacuumed; returns its connection string.
    /// A marker names the catalogue, so that `--reuse` can keep a database that holds it already.
    /// </summary>
    public static Task<string> CreateCatalogueAsync(string server, string database, CatalogueBundle bundle, Func<AtlasDbContext, Task>? then = null) =>
        CreateCatalogueAsync(server, database, () => bundle, then);

    // The bundle is made only when it is imported: a reused database skips generating 100,000 practices too.
    private static async Task<string> CreateCatalogueAsync(string server, string database, Func<CatalogueBundle> bundle, Func<AtlasDbContext, Task>? then, string? marker = null)
    {
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, Timeout = 60, CommandTimeout = 600 }.ConnectionString;
        if (marker is not null && Environment.GetCommandLineArgs().Contains("--reuse") && await CommentAsync(server, database) == marker)
        {
            Console.WriteLine($"reusing {database} ({marker})");
            var existing = new DbContextOptionsBuilder<AtlasDbContext>();
            AtlasDbContext.Configure(existing, cs);
            await using var db = new AtlasDbContext(existing.Options);
            // The code may have gained migrations since the import (the service reports unhealthy until they ran).
            await db.Database.MigrateAsync();
            if (then is not null) await then(db);
            return cs;
        }
        await Exec(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await Exec(server, $"CREATE DATABASE {database}");
        var options = new DbContextOptionsBuilder<AtlasDbContext>();
        AtlasDbContext.Configure(options, cs);
        var clock = Stopwatch.StartNew();
        await using (var db = new AtlasDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await new CatalogueImporter(db).ImportAsync(bundle());
            if (then is not null) await then(db);
        }
        Console.WriteLine($"import into PostgreSQL: {clock.Elapsed.TotalSeconds:F1} s");
        // A service starts on a settled database, not in the wake of a bulk import.
        clock.Restart();
        await Exec(cs, "VACUUM ANALYZE");
        Console.WriteLine($"VACUUM ANALYZE: {clock.Elapsed.TotalSeconds:F1} s");
        if (marker is not null) await Exec(server, $"COMMENT ON DATABASE {database} IS '{marker}'");
        return cs;
    }

    private static async Task<string?> CommentAsync(string server, string database)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @d", conn);
        cmd.Parameters.AddWithValue("d", database);
        return await cmd.ExecuteScalarAsync() as string;
    }

    /// <summary>The search capability in-process on a database, with an empty index folder (not yet built).</summary>
    public static IHost IndexHost(string cs, string indexPath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Atlas"] = cs;
        builder.Configuration["Search:IndexPath"] = indexPath;
        builder.Logging.ClearProviders();
        builder.Services.AddAtlasInfrastructure(builder.Configuration).AddSearch(builder.Configuration);
        if (Directory.Exists(indexPath)) Directory.Delete(indexPath, true);
        return builder.Build();
    }

    /// <summary>The index of a database built in-process, as the service builds it at start.</summary>
    public static async Task<IHost> BuildIndexAsync(string cs, string indexPath)
    {
        var host = IndexHost(cs, indexPath);
        await host.Services.GetRequiredService<SearchIndexer>().SyncAsync(CancellationToken.None);
        return host;
    }

    /// <summary>One GET, the whole body read; fails on an error status.</summary>
    public static async Task<double> TimeGetAsync(HttpClient http, string url)
    {
        var t = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }

    /// <summary>The same question in SQL: every row and every column read, as a client that uses them would.</summary>
    public static async Task<double> TimeSqlAsync(NpgsqlDataSource source, string sql, IEnumerable<KeyValuePair<string, object>> args)
    {
        var t = Stopwatch.GetTimestamp();
        await using var cmd = source.CreateCommand(sql);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        await using var reader = await cmd.ExecuteReaderAsync();
        var values = new object[64];
        do { while (await reader.ReadAsync()) reader.GetValues(values); } while (await reader.NextResultAsync());
        return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
    }
}
