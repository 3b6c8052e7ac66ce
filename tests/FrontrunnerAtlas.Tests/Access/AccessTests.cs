using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Access;

/// <summary>Reading is public; writing needs a key with the right role. Keys come from the command line.</summary>
public sealed class AccessTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private const string Bundle = """
        { "tags": [ { "id": "water", "label": "Water" } ],
          "practices": [ { "id": "tartu-rain-gardens", "title": "Rain gardens", "summary": "Test practice.",
                           "placeId": "ee-tartu", "themes": ["SpatialPlanning"], "tags": ["water"], "status": "published",
                           "source": "tarkade-linnade-klubi" } ] }
        """;

    private async Task<string> CreateKeyAsync(string role)
    {
        await using var db = app.Db();
        var output = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(db, ["create", "--role", role, "--name", $"test {role}"], output));
        return output.ToString().Trim().Split('\n').Last().Trim();
    }

    private async Task<HttpResponseMessage> PostAsync(string? key, string body = Bundle)
    {
        var http = app.CreateClient();
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.PostAsync("/api/catalogue/import", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task Writes_need_a_key_with_the_right_role()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("fa_not-a-real-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(await CreateKeyAsync("editor"))).StatusCode);

        var reviewer = await CreateKeyAsync("reviewer");
        var response = await PostAsync(reviewer);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var practice = await app.CreateClient().GetJsonAsync("/odata/Practices('tartu-rain-gardens')?$select=Title,Tags");
        Assert.Equal("Rain gardens", practice["Title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes_and_can_be_revoked()
    {
        var key = await CreateKeyAsync("reviewer");
        await using var db = app.Db();
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == key.Substring(0, 8));
        Assert.NotEqual(key, stored.KeyHash);
        Assert.DoesNotContain(key, await db.Database.SqlQueryRaw<string>("SELECT row_to_json(k)::text AS \"Value\" FROM api_keys k").ToListAsync());

        var output = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(db, ["revoke", stored.Prefix], output));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(key)).StatusCode);
    }

    [Fact]
    public async Task A_rejected_bundle_is_a_400_listing_the_problems_and_changes_nothing()
    {
        var reviewer = await CreateKeyAsync("reviewer");
        var bad = Bundle.Replace("\"ee-tartu\"", "\"xx-nowhere\"").Replace("\"water\", \"label\"", "\"flood\", \"label\"");
        var response = await PostAsync(reviewer, bad);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("practices.json", body);
        Assert.Contains("xx-nowhere", body);
        await using var db = app.Db();
        Assert.False(await db.Tags.AnyAsync(t => t.Id == "flood"));

        response = await PostAsync(reviewer, "{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        HttpExtensions.AssertNoInternals(await response.Content.ReadAsStringAsync());
    }
}
