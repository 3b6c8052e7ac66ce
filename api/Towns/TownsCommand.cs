using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>`towns import [file] [--force]`: load the gazetteer (skipped when the same extract is loaded).</summary>
public static class TownsCommand
{
    public static async Task<int> RunAsync(AtlasDbContext db, string[] args, TextWriter output)
    {
        if (args.FirstOrDefault() != "import")
        {
            output.WriteLine("usage: towns import [file] [--force]   (default file: data/towns/towns-europe.tsv.gz)");
            return 2;
        }
        var file = Commands.ResolvePath(args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? TownsLoader.DefaultFile);
        try
        {
            await new TownsLoader(db, output).LoadAsync(file, force: args.Contains("--force"));
            return 0;
        }
        catch (TownsFileException ex)
        {
            Console.Error.WriteLine("The towns were not loaded; nothing was changed: " + ex.Message);
            return 1;
        }
    }
}
