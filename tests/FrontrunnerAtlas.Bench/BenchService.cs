using System.Diagnostics;

/// <summary>The real service (Release build) in a process of its own on loopback, for the HTTP figures of a bench.</summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly Process _process;

    public HttpClient Http { get; }

    private BenchService(Process process, HttpClient http) => (_process, Http) = (process, http);

    /// <summary>Starts the service with these settings (environment variables) and returns once /health answers.</summary>
    public static async Task<BenchService> StartAsync(string repo, int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(repo, "api", "bin", "Release", "net10.0", "FrontrunnerAtlas.Api.dll")}\"")
        {
            WorkingDirectory = Path.Combine(repo, "api"), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start)!;
        void Kill() { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Kill();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            if (clock.Elapsed > TimeSpan.FromMinutes(3)) { Kill(); throw new TimeoutException("The service did not start."); }
            await Task.Delay(100);
        }
        return new BenchService(process, http);
    }

    /// <summary>The service's resident memory, from /proc.</summary>
    public string ResidentMemory()
    {
        _process.Refresh();
        return File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS", StringComparison.Ordinal)).Split(':')[1].Trim();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
