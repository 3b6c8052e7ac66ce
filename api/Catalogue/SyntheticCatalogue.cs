using Bogus;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>
/// Synthetic catalogues for tests and benchmarks only (never loaded by default): any size, multilingual text,
/// points scattered round real European towns. Deterministic for a given seed.
/// </summary>
public static class SyntheticCatalogue
{
    // Anchor towns per country: synthetic places are scattered within ~60 km of one, so they land on land
    // in plausible places rather than uniformly in a box that is half sea.
    private static readonly (string Country, string Language, string Locale, double Lat, double Lon)[] Anchors =
    [
        ("EE", "et", "en", 59.437, 24.754), ("EE", "et", "en", 58.378, 26.729), ("LV", "lv", "lv", 56.949, 24.105),
        ("LV", "lv", "lv", 56.505, 21.011), ("LT", "lt", "en", 54.687, 25.280), ("LT", "lt", "en", 55.703, 21.144),
        ("FI", "fi", "fi", 60.170, 24.938), ("FI", "fi", "fi", 61.498, 23.761), ("PL", "pl", "pl", 52.230, 21.012),
        ("PL", "pl", "pl", 50.065, 19.945), ("DE", "de", "de", 52.520, 13.405), ("DE", "de", "de", 48.137, 11.575),
        ("SE", "sv", "sv", 59.329, 18.069), ("DK", "da", "en", 55.676, 12.568), ("NL", "nl", "nl", 52.370, 4.895),
        ("FR", "fr", "fr", 48.857, 2.352), ("ES", "es", "es", 40.417, -3.704), ("IT", "it", "it", 41.903, 12.496),
        ("AT", "de", "de", 48.208, 16.374), ("PT", "pt", "pt_PT", 38.722, -9.139), ("HU", "hu", "en", 47.498, 19.040),
    ];

    // Bogus has no Estonian, Lithuanian, Danish or Hungarian locale: a few real words keep those texts in their
    // language so that per-language analysis has something true to stem.
    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["et"] = ["linn", "energia", "liikuvus", "planeerimine", "kogukond", "renoveerimine", "keskväljak", "rattaringlus", "andmeplatvorm", "omavalitsus", "säästlik", "küla", "arengukava", "koostöö", "hoonete", "tänava"],
        ["lt"] = ["miestas", "energija", "judumas", "planavimas", "bendruomenė", "renovacija", "dviračių", "savivaldybė", "gyventojų", "iniciatyvų", "biudžetas", "regionas", "bendradarbiavimas", "paveldas"],
        ["da"] = ["byen", "energi", "mobilitet", "planlægning", "fællesskab", "renovering", "cykelstier", "kommune", "klimaneutral", "boliger", "samarbejde"],
        ["hu"] = ["város", "energia", "mobilitás", "tervezés", "közösség", "felújítás", "kerékpár", "önkormányzat", "klímasemleges", "lakások", "együttműködés"],
    };

    private static readonly string[] TagPool =
        ["heritage", "participation", "housing", "renovation", "digital", "data", "rural-development", "climate-neutrality",
         "public-space", "cycling", "e-mobility", "peer-learning", "energy-efficiency", "low-carbon"];

    public static CatalogueBundle Generate(int places, int practices, int seed = 42)
    {
        // Seeded per Faker, never through the global Randomizer.Seed, so parallel generators stay deterministic.
        var f = new Faker("en") { Random = new Randomizer(seed) };
        var bundle = new CatalogueBundle
        {
            Tags = TagPool.Select(t => new TagRecord(t, char.ToUpperInvariant(t[0]) + t[1..].Replace('-', ' '), null)).ToList(),
            // Every record cites this one source, which says plainly that the data is made up.
            Sources = [new SourceRecord("synthetic", "Synthetic catalogue made by Bogus, for tests and benchmarks only", null, null, "en")],
        };
        var networks = Enumerable.Range(1, Math.Max(1, places / 50)).Select(i => new InitiativeRecord(
            $"syn-network-{i}", $"{f.Address.County()} {f.PickRandom("Energy Club", "Mobility Network", "Planning Forum", "Smart Cities Club")}",
            null, f.PickRandom("network", "project", "programme", "forum"), null, null, null, null, null, null, null,
            [f.Lorem.Sentence()], null, PickThemes(f), [], f.Lorem.Sentence(), "synthetic", false)).ToList();
        bundle.Initiatives = networks;

        for (var i = 0; i < places; i++)
        {
            var a = f.PickRandom(Anchors);
            var lat = Math.Round(a.Lat + f.Random.Double(-0.55, 0.55), 5);
            var lon = Math.Round(a.Lon + f.Random.Double(-0.9, 0.9), 5);
            var local = Local(f, a.Locale);
            var name = local.Address.City();
            var role = f.Random.WeightedRandom(["frontrunner", "follower", "peer"], [0.25f, 0.35f, 0.40f]);
            var id = $"syn-{a.Country.ToLowerInvariant()}-{i + 1}";
            bundle.Places.Add(new PlaceRecord(id, name, name, f.PickRandom("city", "municipality", "village_area"), a.Country,
                lat, lon, f.Random.Int(800, 900_000), null, role, null,
                role == "follower" ? PickThemes(f) : [], role == "follower" ? f.Random.ListItems(TagPool.ToList(), 2).ToList() : [],
                [a.Language], null, "synthetic", false));
            var network = f.PickRandom(networks);
            bundle.Memberships.Add(new MembershipRecord(id, network.Id, f.PickRandom("member", "partner"), null, "synthetic", false));
        }

        for (var i = 0; i < practices; i++)
        {
            var place = bundle.Places[f.Random.Int(0, bundle.Places.Count - 1)];
            var language = place.Languages![0];
            var anchor = Anchors.First(x => x.Language == language);
            var local = Local(f, anchor.Locale);
            var title = $"{f.Commerce.ProductAdjective()} {f.PickRandom("cycling network", "district heating", "energy retrofit", "central square", "bus lanes", "solar roofs", "participatory budget", "mobility hub", "green corridor", "data platform")} in {place.Name}";
            bundle.Practices.Add(new PracticeRecord(
                $"syn-practice-{i + 1}", title, LocalSentence(local, language, 4), f.Lorem.Sentences(2), f.Lorem.Paragraph(),
                LocalParagraph(local, language), language, place.Id, f.Random.Bool(0.5f) ? f.PickRandom(networks).Id : null,
                PickThemes(f), f.Random.ListItems(TagPool.ToList(), f.Random.Int(0, 3)).ToList(), null, null,
                $"{f.Random.Int(2012, 2024)}", f.Random.Bool(0.3f) ? new BudgetRecord(f.Random.Int(5_000, 5_000_000), "EUR", null) : null,
                [], [], null, null, "published", "synthetic", false));
        }
        return bundle;
    }

    private static Faker Local(Faker parent, string locale) => new(locale) { Random = new Randomizer(parent.Random.Int()) };

    private static List<string> PickThemes(Faker f) =>
        f.Random.ListItems(new List<string> { "Energy", "Mobility", "SpatialPlanning" }, f.Random.WeightedRandom([1, 2, 3], [0.55f, 0.3f, 0.15f])).ToList();

    private static string LocalSentence(Faker local, string language, int words) =>
        Words.TryGetValue(language, out var list)
            ? string.Join(' ', Enumerable.Range(0, words).Select(_ => local.PickRandom(list)))
            : local.Lorem.Sentence(words).TrimEnd('.');

    private static string LocalParagraph(Faker local, string language) =>
        Words.TryGetValue(language, out _)
            ? string.Join(". ", Enumerable.Range(0, 4).Select(_ => LocalSentence(local, language, 8))) + "."
            : local.Lorem.Paragraph();
}
