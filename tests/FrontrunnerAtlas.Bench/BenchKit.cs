using System.Diagnostics;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>What every benchmark here does: a synthetic catalogue in a throwaway database, the real service on Kestrel, percentiles.</summary>
internal static class BenchKit
{
    /// <summary>A fresh database with the migrated schema and a synthetic catalogue, vacuumed and analysed as a settled service's would be.</summary>
    public static async Task<string> ImportAsync(string server, string database, int places, int practices)
    {
        await Exec(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await Exec(server, $"CREATE DATABASE {database}");
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, Timeout = 60, CommandTimeout = 600 }.ConnectionString;
        var options = new DbContextOptionsBuilder<AtlasDbContext>();
        AtlasDbContext.Configure(options, cs);
        var clock = Stopwatch.StartNew();
        await using (var db = new AtlasDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await new CatalogueImporter(db).ImportAsync(SyntheticCatalogue.Generate(places, practices, seed: 2026));
        }
        Console.WriteLine($"import into PostgreSQL: {clock.Elapsed.TotalSeconds:F1} s");
        // A service starts on a settled database, not in the wake of a bulk import.
        clock.Restart();
        await Exec(cs, "VACUUM ANALYZE");
        Console.WriteLine($"VACUUM ANALYZE: {clock.Elapsed.TotalSeconds:F1} s");
        return cs;
    }

    /// <summary>The service (Release build) in its own process on <paramref name="port"/>, once /health answers; killed with this process.</summary>
    public static async Task<RunningService> StartServiceAsync(string repo, int port, IDictionary<string, string> settings)
    {
        var api = Path.Combine(repo, "api", "bin", "Release", "net10.0", "FrontrunnerAtlas.Api.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{api}\"") { WorkingDirectory = Path.Combine(repo, "api"), RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var service = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { service.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        AppDomain.CurrentDomain.UnhandledException += (_, _) => { try { service.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        service.OutputDataReceived += (_, _) => { };
        service.ErrorDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("The service did not start.");
            await Task.Delay(100);
        }
        Console.WriteLine($"service start to healthy: {clock.Elapsed.TotalSeconds:F1} s");
        return new RunningService(service, http);
    }

    public static void Report(string name, List<double> ms) =>
        Console.WriteLine($"{name}: n={ms.Count} p50={Percentile(ms, 50):F2} ms p95={Percentile(ms, 95):F2} ms p99={Percentile(ms, 99):F2} ms mean={ms.Average():F2} ms");

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

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
}

/// <summary>A service started by <see cref="BenchKit.StartServiceAsync"/>; disposing it stops it.</summary>
internal sealed record RunningService(Process Process, HttpClient Http) : IDisposable
{
    public void Dispose()
    {
        try { Process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        Process.WaitForExit();
        Process.Dispose();
        Http.Dispose();
    }
}
