using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Tests.Infrastructure;
using Npgsql;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>A host whose OData statements may run a fifth of a second (rounded up to ADO.NET's whole second).</summary>
public sealed class ShortStatementApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OData:StatementTimeout"] = "00:00:00.2" };
}

/// <summary>The time limit of public OData queries, met by a statement that waits in PostgreSQL as a slow one would run there.</summary>
public sealed class StatementTimeoutTests(ShortStatementApp app) : IClassFixture<ShortStatementApp>
{
    [Fact]
    public async Task A_query_past_the_time_limit_is_stopped_with_a_503_in_odata_format_and_the_next_one_answers()
    {
        var http = app.CreateClient();
        const string query = "/odata/Places?$filter=Country eq 'EE'&$select=Id,Name";
        var before = (await http.GetJsonAsync(query)).Values().Count;

        await using var writer = new NpgsqlConnection(app.ConnectionString);
        await writer.OpenAsync();
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            // A writer holds the places table; every read of it waits in PostgreSQL until the writer is done.
            await using (var lockPlaces = new NpgsqlCommand("LOCK TABLE places IN ACCESS EXCLUSIVE MODE", writer, transaction))
                await lockPlaces.ExecuteNonQueryAsync();
            foreach (var url in new[] { query, "/odata/Places('ee-tartu')/Name", "/odata/Places('ee-tartu')/Practices/$ref" })
            {
                var clock = Stopwatch.StartNew();
                // Without the limit the request waits for the writer; the test then gives up (and the writer lets go).
                var response = await http.GetAsync(url).WaitAsync(TimeSpan.FromSeconds(10));
                clock.Stop();
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{url}: {(int)response.StatusCode} {body}");
                Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
                var error = JsonNode.Parse(body)!["error"]!;
                Assert.Equal("ServiceUnavailable", error["code"]!.GetValue<string>());
                Assert.Contains("longer than the time a public query may take", error["message"]!.GetValue<string>());
                Assert.Contains("narrow it", error["message"]!.GetValue<string>());
                Assert.True(response.Headers.RetryAfter is not null, "a 503 says when to try again");
                HttpExtensions.AssertNoInternals(body);
            }
            await transaction.RollbackAsync();
        }

        // The cancelled statements left nothing behind: the same query answers in full.
        Assert.Equal(before, (await http.GetJsonAsync(query)).Values().Count);
    }
}
