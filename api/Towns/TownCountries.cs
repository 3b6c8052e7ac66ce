using System.Text.Json;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>
/// The countries of the gazetteer, read from data/towns/countries.json (embedded): the list extract.js filters
/// by, the loader checks every row against and ?country= accepts. One list, so the three cannot disagree.
/// </summary>
public static class TownCountries
{
    public sealed record Country(string Code, string Name, string Group);

    private sealed record File(List<Country> Countries);

    public static IReadOnlyList<Country> All { get; } = Load();

    private static readonly HashSet<string> Codes = All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    public static bool Contains(string code) => Codes.Contains(code);

    private static List<Country> Load()
    {
        using var stream = typeof(TownCountries).Assembly.GetManifestResourceStream("towns/countries.json")
                           ?? throw new InvalidOperationException("data/towns/countries.json is not embedded in the assembly.");
        return JsonSerializer.Deserialize<File>(stream, JsonSerializerOptions.Web)!.Countries;
    }
}
