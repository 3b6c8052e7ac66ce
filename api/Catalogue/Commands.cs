using System.Diagnostics;
using System.Text.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>The command line: `migrate`, `import &lt;dir&gt;`, `towns import`, `generate`, `keys ...`. Anything else starts the service.</summary>
public static class Commands
{
    public static readonly string[] Names = ["migrate", "import", "towns", "generate", "keys", "users", "help"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var output = Console.Out;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AtlasDbContext>();
        switch (args[0])
        {
            case "migrate":
                await db.Database.MigrateAsync();
                output.WriteLine("Database is up to date.");
                return 0;
            case "import":
            {
                var folder = ResolvePath(args.ElementAtOrDefault(1) ?? "data");
                var clock = Stopwatch.StartNew();
                try
                {
                    var bundle = CatalogueImporter.ReadFolder(folder);
                    output.WriteLine($"Importing {bundle.Count:N0} records from {folder} ...");
                    await new CatalogueImporter(db, output).ImportAsync(bundle);
                    output.WriteLine($"Imported in {clock.Elapsed.TotalSeconds:F1} s.");
                    return 0;
                }
                catch (CatalogueImportException ex)
                {
                    Console.Error.WriteLine("The catalogue was rejected; nothing was changed:");
                    foreach (var e in ex.Errors) Console.Error.WriteLine("  " + e);
                    return 1;
                }
            }
            case "generate":
            {
                var places = IntOption(args, "--places", 1000);
                var practices = IntOption(args, "--practices", 10_000);
                var seed = IntOption(args, "--seed", 42);
                var folder = ResolvePath(Option(args, "--out") ?? "synthetic");
                var bundle = SyntheticCatalogue.Generate(places, practices, seed);
                await WriteBundleAsync(bundle, folder);
                output.WriteLine($"Wrote a synthetic catalogue of {places:N0} places and {practices:N0} practices to {folder} (for tests and benchmarks only).");
                return 0;
            }
            case "keys":
                return await KeysCommand.RunAsync(db, args[1..], output);
            case "users":
                return await Accounts.UsersCommand.RunAsync(scope.ServiceProvider, args[1..], Console.In, output);
            case "towns":
                return await Towns.TownsCommand.RunAsync(db, args[1..], output);
            default:
                output.WriteLine("""
                    usage: FrontrunnerAtlas.Api [command]
                      (no command)                 serve the API and the map
                      migrate                      apply database migrations
                      import <folder>              load a catalogue (default: data)
                      towns import [file] [--force]
                                                   load the gazetteer of European towns (default:
                                                   data/towns/towns-europe.tsv.gz; skipped when already loaded)
                      generate --places N --practices M [--seed S] [--out folder]
                                                   write a synthetic catalogue (tests and benchmarks only)
                      keys create --role editor|reviewer|place-representative [--name text] [--place id]
                      keys list | keys revoke <id or prefix>
                      users create --email E --role editor|reviewer|place-representative [--place id] [--name text] --password-stdin
                      users list | users disable <e-mail>
                    """);
                return args[0] == "help" ? 0 : 2;
        }
    }

    public static async Task WriteBundleAsync(CatalogueBundle bundle, string folder)
    {
        Directory.CreateDirectory(folder);
        var options = new JsonSerializerOptions(CatalogueImporter.Json) { WriteIndented = true };
        async Task Write<T>(string name, List<T> records)
        {
            await using var s = File.Create(Path.Combine(folder, name));
            await JsonSerializer.SerializeAsync(s, records, options);
        }
        if (bundle.Sources.Count > 0) await Write("sources.json", bundle.Sources);
        await Write("tags.json", bundle.Tags);
        await Write("places.json", bundle.Places);
        await Write("initiatives.json", bundle.Initiatives);
        await Write("memberships.json", bundle.Memberships);
        await Write("events.json", bundle.Events);
        await Write("practices.json", bundle.Practices);
        await Write("mentorships.json", bundle.Mentorships);
        await Write("commitments.json", bundle.Commitments);
    }

    // `dotnet run --project api` starts in the project folder; resolve paths from where the user typed them.
    internal static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var shell = Environment.GetEnvironmentVariable("PWD");
        return string.IsNullOrEmpty(shell) ? Path.GetFullPath(path) : Path.GetFullPath(Path.Combine(shell, path));
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        int.TryParse(Option(args, name), out var v) && v >= 0 ? v : fallback;
}
