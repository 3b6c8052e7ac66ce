using System.Diagnostics;
using System.Text.RegularExpressions;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Docker;

/// <summary>
/// docker/compose.yaml resolved by `docker-compose config` (Debian's docker-compose package, which
/// `./atlas test` installs; no Docker engine is needed to resolve a file). Run once per test class.
/// A missing docker-compose fails the tests: it is a prerequisite, not an optional extra.
/// </summary>
public sealed class ComposeConfig : IAsyncLifetime
{
    public const string ComposeFile = "docker/compose.yaml";

    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public string Errors { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("docker-compose") { WorkingDirectory = TestDatabase.RepoRoot };
        foreach (var a in new[] { "-f", ComposeFile, "config" }) start.ArgumentList.Add(a);
        // Settings of the developer's shell must not change what is checked.
        foreach (var v in new[] { "COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES" }) start.Environment.Remove(v);

        (ExitCode, Output, Errors) = await ExternalProgram.RunAsync(start, TimeSpan.FromSeconds(90),
            "docker-compose is not installed (or not on PATH). './atlas test' installs Debian's 'docker-compose' " +
            "package; elsewhere install it (e.g. apt-get install docker-compose) to check docker/compose.yaml.");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The resolved services; fails with docker-compose's own message when the file was rejected.</summary>
    public IReadOnlyDictionary<string, object?> Services
    {
        get
        {
            Assert.True(ExitCode == 0, $"docker-compose -f {ComposeFile} config exited with {ExitCode}:\n{Errors}");
            var root = Assert.IsType<Dictionary<string, object?>>(BlockYaml.Parse(Output));
            return Assert.IsType<Dictionary<string, object?>>(root["services"]);
        }
    }

    public Dictionary<string, object?> Service(string name)
    {
        Assert.True(Services.ContainsKey(name), $"no service '{name}' in {ComposeFile}");
        return Services[name] as Dictionary<string, object?> ?? new();
    }

    /// <summary>A service's environment, from the mapping form that `config` prints or the list form.</summary>
    public Dictionary<string, string?> EnvironmentOf(string service)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (Service(service).GetValueOrDefault("environment"))
        {
            case Dictionary<string, object?> map:
                foreach (var (k, v) in map) env[k] = v as string;
                break;
            case List<object?> list:
                foreach (var item in list.OfType<string>())
                {
                    var eq = item.IndexOf('=');
                    if (eq < 0) env[item] = null; else env[item[..eq]] = item[(eq + 1)..];
                }
                break;
        }
        return env;
    }
}

public sealed class ComposeTests(ComposeConfig compose) : IClassFixture<ComposeConfig>
{
    private static readonly string[] Replicas = ["api1", "api2"];

    [Fact]
    public void Docker_compose_config_accepts_the_file()
    {
        Assert.True(compose.ExitCode == 0, $"docker-compose -f {ComposeConfig.ComposeFile} config exited with {compose.ExitCode}:\n{compose.Errors}");
        Assert.Contains("services:", compose.Output);
    }

    [Fact]
    public void Has_the_database_cache_migration_two_replicas_and_the_proxy()
    {
        foreach (var name in new[] { "db", "redis", "migrate", "api1", "api2", "proxy" })
            Assert.True(compose.Services.ContainsKey(name), $"service '{name}' is missing; services: {string.Join(", ", compose.Services.Keys)}");
    }

    [Fact]
    public void Each_replica_has_its_own_search_index_folder()
    {
        var paths = Replicas.Select(r => compose.EnvironmentOf(r).GetValueOrDefault("Search__IndexPath")).ToList();
        Assert.All(paths, p => Assert.False(string.IsNullOrWhiteSpace(p), "every replica must set Search__IndexPath"));
        Assert.True(paths[0] != paths[1], $"api1 and api2 share the index folder {paths[0]}");
        Assert.All(Replicas, r => Assert.StartsWith("Host=db;", compose.EnvironmentOf(r)["ConnectionStrings__Atlas"]));
    }

    [Fact]
    public void Replicas_start_after_the_migration_has_completed()
    {
        foreach (var replica in Replicas)
        {
            var dependsOn = Assert.IsType<Dictionary<string, object?>>(compose.Service(replica)["depends_on"]);
            var migrate = Assert.IsType<Dictionary<string, object?>>(dependsOn["migrate"]);
            Assert.Equal("service_completed_successfully", migrate["condition"]);
        }
    }

    [Fact]
    public void The_migration_migrates_then_imports_the_catalogue()
    {
        var migrate = compose.Service("migrate");
        var command = string.Join(" ", (migrate.GetValueOrDefault("entrypoint") as List<object?> ?? []).Concat(
            migrate.GetValueOrDefault("command") as List<object?> ?? []));
        Assert.Matches(@"FrontrunnerAtlas\.Api\.dll migrate && dotnet FrontrunnerAtlas\.Api\.dll import /app/data && dotnet FrontrunnerAtlas\.Api\.dll towns import /app/data/towns/towns-europe\.tsv\.gz$", command);
        Assert.Equal("no", migrate.GetValueOrDefault("restart"));
    }

    [Fact]
    public void No_service_runs_privileged()
    {
        foreach (var (name, value) in compose.Services)
        {
            var service = value as Dictionary<string, object?> ?? new();
            var privileged = service.GetValueOrDefault("privileged") as string;
            Assert.False(privileged is not null && privileged.Equals("true", StringComparison.OrdinalIgnoreCase), $"service '{name}' runs privileged");
        }
    }

    [Fact]
    public void The_proxy_publishes_port_5080()
    {
        var ports = compose.Service("proxy").GetValueOrDefault("ports") as List<object?> ?? [];
        var published = ports.Select(p => p switch
        {
            // short syntax: [ip:]published:target[/protocol]
            string s when Regex.Match(s, @"^(?:.+:)?(\d+(?:-\d+)?):\d+(?:-\d+)?(?:/\w+)?$") is { Success: true } m => m.Groups[1].Value,
            // long syntax (Compose v2 prints this)
            Dictionary<string, object?> d => d.GetValueOrDefault("published") as string,
            _ => null,
        }).ToList();
        Assert.True(published.Contains("5080"), $"the proxy publishes {string.Join(", ", ports)}, not 5080");
    }

    [Fact]
    public void The_proxy_sends_every_path_to_both_replicas()
    {
        var mounts = compose.Service("proxy").GetValueOrDefault("volumes") as List<object?> ?? [];
        var nginxMount = mounts.OfType<string>().SingleOrDefault(m => m.Contains(":/etc/nginx/nginx.conf", StringComparison.Ordinal));
        Assert.True(nginxMount is not null, "the proxy must mount docker/nginx.conf as /etc/nginx/nginx.conf");
        var source = nginxMount![..nginxMount.IndexOf(":/etc/nginx/nginx.conf", StringComparison.Ordinal)];
        Assert.True(File.Exists(source), $"{source} does not exist");

        var conf = File.ReadAllText(source);
        Assert.Matches(@"(?m)^\s*listen\s+8080\s*;", conf);
        foreach (var replica in Replicas) Assert.Matches($@"(?m)^\s*server\s+{replica}:8080\b[^;]*;", conf);
        Assert.Matches(@"(?m)^\s*location\s+/\s*\{", conf);
        Assert.Matches(@"(?m)^\s*proxy_pass\s+http://atlas_api\s*;", conf);
    }
}

/// <summary>docker/Dockerfile and its ignore file, read as text (no Docker engine runs where the tests do).</summary>
public sealed class DockerfileTests
{
    private static readonly string DockerDir = Path.Combine(TestDatabase.RepoRoot, "docker");

    /// <summary>The instructions (keyword, arguments) with comments dropped and continuation lines joined.</summary>
    private static List<(string Keyword, string Args)> Instructions(string file)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            current = current.Length == 0 ? line : current + " " + line;
            if (current.EndsWith('\\')) { current = current[..^1].TrimEnd(); continue; }
            var space = current.IndexOfAny([' ', '\t']);
            result.Add(space < 0 ? (current.ToUpperInvariant(), "") : (current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
            current = "";
        }
        return result;
    }

    [Fact]
    public void The_final_stage_runs_as_a_non_root_user()
    {
        var instructions = Instructions(Path.Combine(DockerDir, "Dockerfile"));
        var lastFrom = instructions.FindLastIndex(i => i.Keyword == "FROM");
        Assert.True(lastFrom >= 0, "no FROM in docker/Dockerfile");
        Assert.True(instructions.Count(i => i.Keyword == "FROM") >= 3, "docker/Dockerfile should be multi-stage (SDK, Node.js, runtime)");
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", instructions[lastFrom].Args);

        var user = instructions.Skip(lastFrom).LastOrDefault(i => i.Keyword == "USER").Args;
        Assert.False(string.IsNullOrEmpty(user), "the final stage sets no USER, so it runs as root");
        var name = user!.Split(':')[0];
        // $APP_UID is the ASP.NET Core image's non-root user `app` (1654).
        Assert.True(name is not ("root" or "0") && !string.IsNullOrWhiteSpace(name), $"the final stage runs as '{user}'");
        if (name.StartsWith('$')) Assert.Contains(name.Trim('$', '{', '}'), new[] { "APP_UID" });
    }

    [Fact]
    public void The_build_context_leaves_out_local_state_and_build_output()
    {
        var ignore = File.ReadAllLines(Path.Combine(DockerDir, "Dockerfile.dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        foreach (var entry in new[] { ".atlas", "**/bin", "**/obj", "web/node_modules", "web/dist", "**/TestResults" })
            Assert.Contains(entry, ignore);
    }
}
