using System.Globalization;
using FrontrunnerAtlas.Bench;

// Benchmarks run by hand through `./atlas bench <name>`; each prints its figures (written into docs/benchmarks.md).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var name = args.Length > 0 && !args[0].StartsWith("--") ? args[0] : "search";
var rest = args.Length > 0 && !args[0].StartsWith("--") ? args[1..] : args;
switch (name)
{
    case "search": await SearchBench.RunAsync(rest); break;
    case "odata": await ODataBench.RunAsync(rest); break;
    case "towns":
        await TownsBench.RunAsync(Environment.GetEnvironmentVariable("ATLAS_TEST_PG") ?? throw new InvalidOperationException("Run through ./atlas bench."),
            BenchSupport.FindRepo(), BenchSupport.Arg(rest, "--rounds", 50));
        break;
    case "mentors": await MentorsBench.RunAsync(rest); break;
    case "recall": await RecallBench.RunAsync(rest); break;
    case "serve-bytes": await BytesServer.RunAsync(rest); break; // started by load.sh
    default: Console.Error.WriteLine($"unknown benchmark '{name}' (known: search, odata, towns, mentors, recall, serve-bytes)"); return 2;
}
return 0;
