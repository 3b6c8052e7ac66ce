using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Mentors;

namespace FrontrunnerAtlas.Tests.Mentors;

/// <summary>Properties of the ranking over thousands of generated cases: monotone and deterministic.</summary>
public sealed class MentorScoringTests
{
    private static readonly MentorOptions Options = new();
    private static readonly Dictionary<string, string> Labels = new() { ["heritage"] = "Heritage", ["cycling"] = "Cycling", ["housing"] = "Housing" };
    private static readonly string[] Tags = ["heritage", "cycling", "housing"];

    private static Candidate RandomCandidate(Random r, int i) => new(
        $"c-{i}", $"Candidate {i}", r.Next(2) == 0 ? "EE" : "LV", [r.Next(2) == 0 ? "et" : "lv"],
        r.Next(3) == 0 ? null : r.Next(500, 500_000), r.Next(5) == 0 ? null : r.NextDouble() * 2000,
        r.Next(2) == 0 ? [new Network("club", "Club", null)] : [], r.Next(0, 5),
        Enumerable.Range(0, r.Next(0, 6)).Select(p => RandomPractice(r, $"c{i}-p{p}")).ToList(), r.NextDouble());

    private static CandidatePractice RandomPractice(Random r, string id)
    {
        var themes = Enum.GetValues<Theme>().Where(_ => r.Next(3) == 0).ToList();
        return new CandidatePractice(id, id, themes, Tags.Where(_ => r.Next(3) == 0).ToList(), themes.Count >= 2);
    }

    private static (Follower, Interests) RandomFollower(Random r) => (
        new Follower("f", r.Next(2) == 0 ? "EE" : "FI", ["et"], r.Next(3) == 0 ? null : r.Next(500, 500_000), r.Next(2) == 0 ? ["club"] : []),
        new Interests(Enum.GetValues<Theme>().Where(_ => r.Next(2) == 0).ToList(), Tags.Where(_ => r.Next(2) == 0).Append("heritage").Distinct().ToList(), "test"));

    [Fact]
    public void More_overlap_never_lowers_a_score()
    {
        var r = new Random(1);
        for (var i = 0; i < 5000; i++)
        {
            var (follower, interests) = RandomFollower(r);
            var c = RandomCandidate(r, i);
            var before = MentorScoring.Score(follower, interests, c, Options, Labels).Score;
            // One more practice that answers one of the interests, everything else equal.
            var extra = new CandidatePractice($"extra-{i}", "extra", interests.Themes.Take(1).ToList(), ["heritage"], r.Next(2) == 0);
            var after = MentorScoring.Score(follower, interests, c with { Practices = [.. c.Practices, extra] }, Options, Labels).Score;
            Assert.True(after >= before, $"case {i}: {before} -> {after}");
            Assert.True(after > before || before == after && c.Practices.Count(p => p.Tags.Contains("heritage")) > 50,
                $"case {i}: a new matching practice should raise the score ({before} -> {after})");
        }
    }

    [Fact]
    public void A_shorter_distance_never_lowers_a_score()
    {
        var r = new Random(2);
        for (var i = 0; i < 5000; i++)
        {
            var (follower, interests) = RandomFollower(r);
            var c = RandomCandidate(r, i) with { DistanceKm = r.NextDouble() * 3000 };
            var nearer = c with { DistanceKm = c.DistanceKm * r.NextDouble() };
            Assert.True(MentorScoring.Score(follower, interests, nearer, Options, Labels).Score >= MentorScoring.Score(follower, interests, c, Options, Labels).Score);
        }
    }

    [Fact]
    public void A_closer_size_a_shared_network_and_less_load_never_lower_a_score()
    {
        var r = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            var (follower, interests) = RandomFollower(r);
            follower = follower with { Population = 20_000 };
            var c = RandomCandidate(r, i) with { Population = 20_000 * (int)Math.Pow(2, r.Next(1, 8)) };
            var score = MentorScoring.Score(follower, interests, c, Options, Labels).Score;
            Assert.True(MentorScoring.Score(follower, interests, c with { Population = c.Population / 2 }, Options, Labels).Score >= score);
            Assert.True(MentorScoring.Score(follower, interests, c with { Networks = [new Network("club", "Club", null)] }, Options, Labels).Score
                        >= MentorScoring.Score(follower, interests, c with { Networks = [] }, Options, Labels).Score);
            Assert.True(MentorScoring.Score(follower, interests, c with { OpenMentorships = 0 }, Options, Labels).Score >= score);
        }
    }

    [Fact]
    public void No_mentor_without_a_matching_practice_ranks_above_one_with()
    {
        var r = new Random(5);
        for (var i = 0; i < 1000; i++)
        {
            var (follower, interests) = RandomFollower(r);
            var candidates = Enumerable.Range(0, r.Next(2, 30)).Select(n => RandomCandidate(r, n)).ToList();
            // The finder's path (measure all, explain the shown ones) agrees with scoring and ranking every candidate.
            var ranked = MentorScoring.Top(follower, interests, candidates, Options, Labels, candidates.Count);
            Assert.Equal(MentorScoring.Rank(candidates.Select(c => MentorScoring.Score(follower, interests, c, Options, Labels))).Take(3).Select(m => m.PlaceId),
                MentorScoring.Top(follower, interests, candidates, Options, Labels, 3).Select(m => m.PlaceId));
            for (var k = 1; k < ranked.Count; k++)
            {
                var (above, below) = (ranked[k - 1], ranked[k]);
                Assert.False(above.MatchingPractices == 0 && below.MatchingPractices > 0, $"case {i}: {above.PlaceId} (no match) above {below.PlaceId}");
                Assert.True(above.MatchingPractices >= below.MatchingPractices, $"case {i}: fewer matching practices above more");
                if (above.MatchingPractices == below.MatchingPractices)
                    Assert.True(above.Score >= below.Score, $"case {i}: among equals, a lower score above a higher one");
            }
            // Every reason about practices is true of the candidate's practices.
            Assert.All(ranked, m => Assert.Equal(m.MatchingPractices > 0, m.Reasons[0].Contains("covering")));
        }
    }

    [Fact]
    public void Similar_size_is_said_only_within_a_factor_of_three()
    {
        var follower = new Follower("f", "EE", ["et"], 15_000, []);
        var interests = new Interests([Theme.Energy], [], "test");
        string? SizeReason(int population) => MentorScoring.Score(follower, interests,
            new Candidate("m", "M", "PL", ["pl"], population, 100, [], 0, [], 0), Options, Labels).Reasons.FirstOrDefault(x => x.StartsWith("similar size"));
        Assert.Equal("similar size: 15,000 and 45,000 inhabitants", SizeReason(45_000));
        Assert.Null(SizeReason(45_001));
        Assert.Equal("similar size: 15,000 and 5,000 inhabitants", SizeReason(5_000));
        Assert.Null(SizeReason(4_999));
    }

    [Fact]
    public void The_same_input_gives_the_same_answer()
    {
        var r = new Random(4);
        var (follower, interests) = RandomFollower(r);
        var c = RandomCandidate(r, 1);
        var a = MentorScoring.Score(follower, interests, c, Options, Labels);
        var b = MentorScoring.Score(follower, interests, c, Options, Labels);
        Assert.Equal(a.Score, b.Score);
        Assert.Equal(a.Reasons, b.Reasons);
    }

    [Fact]
    public void Reasons_are_sentences_a_planner_can_read()
    {
        var follower = new Follower("f", "EE", ["et"], 24_000, ["lli"]);
        var c = new Candidate("m", "Mentor", "EE", ["et"], 31_000, 214.4, [new Network("lli", "Smart Planning", "LLI-431")], 0,
        [
            new CandidatePractice("p1", "A", [Theme.Energy, Theme.Mobility], [], true),
            new CandidatePractice("p2", "B", [Theme.Energy, Theme.SpatialPlanning], [], true),
            new CandidatePractice("p3", "C", [Theme.Mobility, Theme.Energy], [], true),
        ], 0);
        var m = MentorScoring.Score(follower, new Interests([Theme.Energy, Theme.Mobility], [], "test"), c, Options, Labels);
        Assert.Equal(
            ["3 integrated practices covering Energy and Mobility", "214 km away", "similar size: 24,000 and 31,000 inhabitants",
             "both in Estonia", "both members of Smart Planning (LLI-431)"],
            m.Reasons);
        Assert.Equal(["p1", "p2", "p3"], m.Practices.Select(p => p.Id));
    }
}
