using System.Net;

namespace FrontrunnerAtlas.Tests.Infrastructure;

public sealed class LowReadLimitsApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Protection:MapPermits"] = "3",
        ["Protection:ReadPermits"] = "3",
        ["Protection:Window"] = "00:01:00",
    };
}

/// <summary>Every public read is rate limited per client, each kind on its own budget; probes never are.</summary>
public sealed class ReadLimitsTests(LowReadLimitsApp app) : IClassFixture<LowReadLimitsApp>
{
    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient http, string url, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var response = await http.GetAsync(url);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }
        return statuses;
    }

    [Fact]
    public async Task Mentor_rankings_and_the_map_layer_answer_429_past_their_limits()
    {
        var http = app.CreateClient();
        var mentors = await StatusesAsync(http, "/api/places/ee-voru/mentors?limit=3", 5);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], mentors);

        // The map has a budget of its own: mentors used up theirs, not the map's.
        var items = await StatusesAsync(http, "/collections/places/items?limit=5", 5);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], items);
        var problem = await http.GetAsync("/collections/practices/items");
        Assert.Equal(HttpStatusCode.TooManyRequests, problem.StatusCode);
        Assert.Contains("Retry-After", await problem.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }
}
