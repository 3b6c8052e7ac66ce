using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Map;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FrontrunnerAtlas.Tests.Map;

/// <summary>
/// The map layer as a browser and a proxy meet it: one answer per request whatever its spelling, in Brotli, gzip or
/// as it is, compressed once when the cache entry is made and never per request, renewed when the catalogue changes.
/// </summary>
public sealed class LayerBodyTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private readonly HttpClient _http = app.CreateClient();

    private sealed record Answer(HttpStatusCode Status, string? Encoding, string? ETag, long? Length, string Vary, byte[] Bytes, byte[] Decoded)
    {
        public string Json => System.Text.Encoding.UTF8.GetString(Decoded);
    }

    private async Task<Answer> GetAsync(string url, string? acceptEncoding, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        return new Answer(response.StatusCode, encoding, response.Headers.ETag?.ToString(), response.Content.Headers.ContentLength,
            string.Join(",", response.Headers.Vary), bytes, Decode(bytes, encoding));
    }

    private static byte[] Decode(byte[] bytes, string? encoding)
    {
        if (encoding is null) return bytes;
        using var decoded = new MemoryStream();
        using (Stream decoder = encoding == "br"
                   ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
                   : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
            decoder.CopyTo(decoded);
        return decoded.ToArray();
    }

    private MetricCollector<long> Encodings() =>
        new(app.Services.GetRequiredService<IMeterFactory>(), LayerBody.MeterName, LayerBody.EncodingsCounter);

    [Fact]
    public async Task Each_encoding_is_served_from_bytes_compressed_once_per_entry()
    {
        using var encodings = Encodings();
        const string url = "/collections/places/items?limit=1000";
        var identity = await GetAsync(url, null);
        Assert.Equal(HttpStatusCode.OK, identity.Status);
        Assert.Null(identity.Encoding);
        Assert.Equal(identity.Bytes.Length, identity.Length);
        Assert.Equal(46, JsonNode.Parse(identity.Json)!["features"]!.AsArray().Count);
        Assert.Equal(1, encodings.GetMeasurementSnapshot().EvaluateAsCounter());

        foreach (var (accept, expected) in new (string?, string?)[]
                 {
                     ("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br"), ("gzip, br;q=0.5", "gzip"), ("*", "br"),
                     ("br;q=0, gzip;q=0", null), ("deflate", null), ("identity", null), (null, null), ("br", "br"), ("gzip", "gzip"),
                 })
        {
            var answer = await GetAsync(url, accept);
            Assert.True(answer.Encoding == expected, $"Accept-Encoding: {accept}: {answer.Encoding ?? "identity"}, expected {expected ?? "identity"}");
            Assert.Equal(answer.Bytes.Length, answer.Length);
            Assert.Contains("Accept-Encoding", answer.Vary);
            Assert.Equal(expected is null ? identity.ETag : identity.ETag![..^1] + "-" + expected + "\"", answer.ETag);
            // The same document whatever the encoding: links and timeStamp included, byte for byte.
            Assert.Equal(identity.Bytes, answer.Decoded);
            if (expected is not null) Assert.True(answer.Bytes.Length < identity.Bytes.Length / 4, $"{expected}: {answer.Bytes.Length} bytes");
        }
        Assert.Equal(1, encodings.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task A_client_that_has_the_encoding_it_asks_for_gets_a_304()
    {
        const string url = "/collections/places/items?limit=20";
        var br = await GetAsync(url, "br");
        var again = await GetAsync(url, "br", br.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Empty(again.Bytes);
        Assert.Equal(br.ETag, again.ETag);
        // Another encoding's tag is another representation.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url, "gzip", br.ETag)).Status);
    }

    [Fact]
    public async Task Every_spelling_of_a_request_gets_the_same_bytes_with_links_in_one_spelling()
    {
        string[] spellings =
        [
            "/collections/places/items?bbox=20.5,55.5,28.5,60&role=follower&limit=1&offset=1",
            "/collections/places/items?offset=1&limit=01&role=Follower&bbox=20.50,55.5,28.5,60.0",
            "/collections/places/items?ROLE=FOLLOWER&BBOX=20.5,55.5,28.5,60&LIMIT=1&OFFSET=1",
        ];
        var answers = new List<Answer>();
        foreach (var url in spellings) answers.Add(await GetAsync(url, "br"));
        Assert.All(answers, a => Assert.Equal(answers[0].Bytes, a.Bytes));
        var links = JsonNode.Parse(answers[0].Json)!["links"]!.AsArray().ToDictionary(l => l!["rel"]!.GetValue<string>(), l => l!["href"]!.GetValue<string>());
        Assert.EndsWith("/collections/places/items?bbox=20.5,55.5,28.5,60&limit=1&offset=1&role=follower", links["self"]);
        Assert.EndsWith("/collections/places/items?bbox=20.5,55.5,28.5,60&limit=1&offset=2&role=follower", links["next"]);
        Assert.EndsWith("/collections/places/items?bbox=20.5,55.5,28.5,60&limit=1&offset=0&role=follower", links["prev"]);

        // Every parameter keeps its value in the links, in one order.
        var events = JsonNode.Parse((await GetAsync(
            "/collections/events/items?sortby=-startDate&properties=title,startDate&datetime=2020-01-01/..&theme=Energy&country=ee&limit=2", null)).Json)!;
        Assert.EndsWith("/collections/events/items?limit=2&offset=0&country=EE&theme=energy&datetime=2020-01-01/..&properties=startDate,title&sortby=-startDate",
            events["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "self")!["href"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_change_to_the_catalogue_gives_a_new_layer_in_every_encoding()
    {
        const string url = "/collections/places/items?bbox=26.6,58.3,26.8,58.45"; // Tartu
        var before = await GetAsync(url, "br");
        Assert.Contains("\"name\":\"Tartu\"", before.Json);

        await using (var db = app.Db())
            await db.Database.ExecuteSqlRawAsync("UPDATE places SET name = 'Tartu linn' WHERE id = 'ee-tartu'");
        // Every instance sees the change through the change log within about a second.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var after = before;
        while (after.ETag == before.ETag && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            after = await GetAsync(url, "br");
        }
        Assert.NotEqual(before.ETag, after.ETag);
        foreach (var answer in new[] { after, await GetAsync(url, "gzip"), await GetAsync(url, null) })
        {
            Assert.Contains("\"name\":\"Tartu linn\"", answer.Json);
            Assert.DoesNotContain("\"name\":\"Tartu\"", answer.Json);
        }
    }
}
