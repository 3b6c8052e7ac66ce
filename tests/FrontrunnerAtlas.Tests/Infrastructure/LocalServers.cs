using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>Real Redis and PostgreSQL servers owned by one test, so it can kill and restart them.</summary>
public static class LocalServers
{
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public static async Task<int> RunAsync(string file, string arguments, string? asUser = null)
    {
        var start = asUser is not null && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", $"-u {asUser} -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments}: exit {p.ExitCode}\n{await output}\n{await error}");
        return p.ExitCode;
    }
}

public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;
    public int Port { get; } = LocalServers.FreePort();
    public string Address => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException("redis-server did not start");
    }

    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

/// <summary>A throwaway PostgreSQL cluster (initdb as the postgres user when run as root), with PostGIS available.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "atlas-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly string Bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).First(Directory.Exists);
    public int Port { get; } = LocalServers.FreePort();
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";
    private static string? User => Environment.UserName == "root" ? "postgres" : null;

    public async Task InitAsync()
    {
        Directory.CreateDirectory(_dir);
        if (User is not null) await LocalServers.RunAsync("chown", $"postgres {_dir}");
        await LocalServers.RunAsync(Path.Combine(Bin, "initdb"), $"-D {_dir}/data -U postgres --auth=trust -E UTF8 --no-sync", User);
        await StartAsync();
    }

    public Task StartAsync() => LocalServers.RunAsync(Path.Combine(Bin, "pg_ctl"),
        $"-D {_dir}/data -w -l {_dir}/log -o \"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off\" start", User);

    public Task StopAsync() => LocalServers.RunAsync(Path.Combine(Bin, "pg_ctl"), $"-D {_dir}/data -w -m fast stop", User);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
