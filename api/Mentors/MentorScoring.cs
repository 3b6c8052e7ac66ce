using System.Globalization;
using FrontrunnerAtlas.Api.Catalogue;

namespace FrontrunnerAtlas.Api.Mentors;

public sealed record Interests(IReadOnlyList<Theme> Themes, IReadOnlyList<string> Tags, string Source);

public sealed record CandidatePractice(string Id, string Title, IReadOnlyList<Theme> Themes, IReadOnlyList<string> Tags, bool IsIntegrated);

public sealed record Network(string Id, string Name, string? ReferenceNumber);

public sealed record Follower(string PlaceId, string Country, IReadOnlyList<string> Languages, int? Population, IReadOnlyCollection<string> Networks);

public sealed record Candidate(
    string PlaceId, string Name, string Country, IReadOnlyList<string> Languages, int? Population, double? DistanceKm,
    IReadOnlyList<Network> Networks, int OpenMentorships, IReadOnlyList<CandidatePractice> Practices, double TextSimilarity);

public sealed record MentorPractice(string Id, string Title, IReadOnlyList<Theme> Themes, bool IsIntegrated);

public sealed record ScoreComponents(double Coverage, double Text, double Distance, double Size, double Language, double Network, double Capacity);

/// <param name="MatchingPractices">How many of the mentor's published practices answer an asked theme or tag: the first key of the ranking.</param>
/// <param name="Score">The closeness score that orders mentors with the same number of matching practices.</param>
public sealed record MentorMatch(
    string PlaceId, string Name, string Country, int MatchingPractices, double Score, double? DistanceKm, IReadOnlyList<string> Reasons,
    ScoreComponents Components, IReadOnlyList<MentorPractice> Practices);

/// <summary>
/// The ranking itself, free of I/O so that its properties can be tested directly. Relevance first: a mentor with a
/// published practice in an asked theme or tag always ranks above one with none, and more matching practices above
/// fewer; among equals the score decides (coverage of the asked themes, text similarity, distance, size, language,
/// networks, minus the load of open mentorships), which is deterministic and monotone (more overlap, a shorter distance,
/// a closer size or another shared tie never lowers it).
/// </summary>
public static class MentorScoring
{
    /// <summary>Two populations are called similar within this factor of each other (24,000 and 31,000 are; 15,000 and 43,000 are not).</summary>
    public const double SimilarSizeFactor = 3;

    /// <summary>The order the finder answers in: matching or not, then how many match, then the score; ties by id, so it is total.</summary>
    public static IEnumerable<MentorMatch> Rank(IEnumerable<MentorMatch> matches) => matches
        .OrderByDescending(m => m.MatchingPractices > 0)
        .ThenByDescending(m => m.MatchingPractices)
        .ThenByDescending(m => m.Score)
        .ThenBy(m => m.PlaceId, StringComparer.Ordinal);

    /// <summary>What the order needs, without words: the ranking measures every candidate and explains only those it shows.</summary>
    private sealed record Measure(
        Candidate C, List<(Theme? Theme, string? Tag, string Label)> Wanted, List<CandidatePractice> Matched, List<string> Covered, double Coverage, double Distance, double Size,
        bool SameCountry, string? SharedLanguage, double Language, List<Network> SharedNetworks, int Network, double Capacity, double Score);

    public static MentorMatch Score(Follower follower, Interests interests, Candidate c, MentorOptions o, IReadOnlyDictionary<string, string> tagLabels) =>
        Explain(follower, Measured(follower, Wanted(interests, tagLabels), c, o));

    /// <summary>The best `limit` candidates in the order of Rank, each explained.</summary>
    public static List<MentorMatch> Top(Follower follower, Interests interests, IEnumerable<Candidate> candidates, MentorOptions o,
        IReadOnlyDictionary<string, string> tagLabels, int limit)
    {
        var wanted = Wanted(interests, tagLabels);
        return candidates.Select(c => Measured(follower, wanted, c, o))
            .OrderByDescending(m => m.Matched.Count > 0)
            .ThenByDescending(m => m.Matched.Count)
            .ThenByDescending(m => Math.Round(m.Score, 4))
            .ThenBy(m => m.C.PlaceId, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => Explain(follower, m))
            .ToList();
    }

    /// <summary>Each asked theme or tag with its label. Themes compared as values and tags as strings, without building
    /// keys: the match runs for every practice of every frontrunner on each request.</summary>
    private static List<(Theme? Theme, string? Tag, string Label)> Wanted(Interests interests, IReadOnlyDictionary<string, string> tagLabels) =>
        interests.Themes.Select(t => ((Theme?)t, (string?)null, ThemeLabel(t)))
            .Concat(interests.Tags.Select(t => ((Theme?)null, (string?)t, tagLabels.GetValueOrDefault(t, t)))).ToList();

    private static Measure Measured(Follower follower, List<(Theme? Theme, string? Tag, string Label)> wanted, Candidate c, MentorOptions o)
    {
        // Coverage: for each wanted theme or tag, the practices that answer it (integrated ones weigh more),
        // saturating so that the first matching practices count most.
        var matched = new List<CandidatePractice>();
        var matchedIds = new HashSet<string>(StringComparer.Ordinal);
        var covered = new List<string>();
        double coverage = 0;
        foreach (var (theme, tag, label) in wanted)
        {
            double weight = 0;
            var any = false;
            foreach (var p in c.Practices)
            {
                if (theme is { } th ? !p.Themes.Contains(th) : !p.Tags.Contains(tag!)) continue;
                any = true;
                weight += 1 + (p.IsIntegrated ? o.IntegratedBonus : 0);
                if (matchedIds.Add(p.Id)) matched.Add(p);
            }
            coverage += 1 - 1 / (1 + weight);
            if (any) covered.Add(label);
        }
        coverage = wanted.Count == 0 ? 0 : coverage / wanted.Count;

        var distance = c.DistanceKm is { } km ? 1 / (1 + km / o.DistanceScaleKm) : 0;
        double size = 0;
        if (follower.Population is > 0 && c.Population is > 0)
            size = Math.Max(0, 1 - Math.Abs(Math.Log((double)follower.Population.Value / c.Population.Value)) / Math.Log(100));
        var sameCountry = follower.Country == c.Country;
        var sharedLanguage = follower.Languages.Intersect(c.Languages).FirstOrDefault();
        var language = sameCountry ? 1 : sharedLanguage is not null ? 0.5 : 0;
        var sharedNetworks = c.Networks.Where(n => follower.Networks.Contains(n.Id)).DistinctBy(n => n.Id).ToList();
        var network = sharedNetworks.Count > 0 ? 1 : 0;
        var capacity = Math.Min(1, (double)c.OpenMentorships / Math.Max(1, o.Capacity));

        var score = o.CoverageWeight * coverage + o.TextWeight * c.TextSimilarity + o.DistanceWeight * distance +
                    o.SizeWeight * size + o.LanguageWeight * language + o.NetworkWeight * network - o.CapacityPenalty * capacity;

        return new Measure(c, wanted, matched, covered, coverage, distance, size, sameCountry, sharedLanguage, language,
            sharedNetworks, network, capacity, score);
    }

    private static MentorMatch Explain(Follower follower, Measure m)
    {
        var (c, matched, covered, sharedLanguage) = (m.C, m.Matched, m.Covered, m.SharedLanguage);
        var reasons = new List<string>();
        if (matched.Count > 0)
        {
            var integrated = matched.Count(p => p.IsIntegrated);
            var what = integrated == matched.Count
                ? $"{Count(matched.Count, "integrated practice")}"
                : integrated > 0 ? $"{Count(matched.Count, "practice")} ({integrated} integrated)" : Count(matched.Count, "practice");
            reasons.Add($"{what} covering {List(covered)}");
        }
        else if (m.Wanted.Count > 0)
            reasons.Add($"no practice yet on {List(m.Wanted.Select(w => w.Label).ToList(), "or")}");
        if (c.DistanceKm is { } d) reasons.Add(d < 10 ? $"{d.ToString("0.0", CultureInfo.InvariantCulture)} km away" : $"{d.ToString("N0", CultureInfo.InvariantCulture)} km away");
        if (follower.Population is > 0 && c.Population is > 0 &&
            Math.Max(follower.Population.Value, c.Population.Value) <= SimilarSizeFactor * Math.Min(follower.Population.Value, c.Population.Value))
            reasons.Add($"similar size: {Inhabitants(follower.Population.Value)} and {Inhabitants(c.Population.Value)} inhabitants");
        if (m.SameCountry) reasons.Add($"both in {CountryName(c.Country)}");
        else if (sharedLanguage is not null) reasons.Add($"a shared language: {LanguageName(sharedLanguage)}");
        foreach (var n in m.SharedNetworks) reasons.Add($"both members of {n.Name}{(n.ReferenceNumber is { Length: > 0 } r && !n.Name.Contains(r) ? $" ({r})" : "")}");
        if (c.TextSimilarity >= 0.3) reasons.Add("practice texts close to what you look for");
        if (c.OpenMentorships > 0) reasons.Add($"already mentoring {Count(c.OpenMentorships, "place")}");

        var practices = matched.OrderByDescending(p => p.IsIntegrated).ThenBy(p => p.Id, StringComparer.Ordinal).Take(5)
            .Select(p => new MentorPractice(p.Id, p.Title, p.Themes, p.IsIntegrated)).ToList();
        return new MentorMatch(c.PlaceId, c.Name, c.Country, matched.Count, Math.Round(m.Score, 4), c.DistanceKm is { } dk ? Math.Round(dk, 1) : null, reasons,
            new ScoreComponents(Math.Round(m.Coverage, 4), Math.Round(c.TextSimilarity, 4), Math.Round(m.Distance, 4), Math.Round(m.Size, 4),
                m.Language, m.Network, Math.Round(m.Capacity, 4)), practices);
    }

    public static string ThemeLabel(Theme t) => t == Theme.SpatialPlanning ? "Spatial planning" : t.ToString();

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string List(IReadOnlyList<string> items, string and = "and") =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {and} {items[^1]}";

    // "24,000 inhabitants": rounded as a planner would say it.
    private static string Inhabitants(int n) =>
        (n >= 10_000 ? Math.Round(n / 1000.0) * 1000 : n >= 1000 ? Math.Round(n / 100.0) * 100 : n).ToString("N0", CultureInfo.InvariantCulture);

    private static string CountryName(string code) => EuropeanCountries.Name(code);
    private static string LanguageName(string code) => EuropeanCountries.LanguageName(code);
}
