using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>Text answers travel compressed for clients that say they can read it, and whole for those that do not.</summary>
public sealed class CompressionTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    [Theory]
    [InlineData("/collections/places/items?limit=1000", "br")]
    [InlineData("/collections/places/items?limit=1000", "gzip")]
    [InlineData("/odata/Places?$select=Id,Name,Population", "br")]
    [InlineData("/odata/Places?$format=csv", "gzip")]
    public async Task Json_geojson_and_csv_are_compressed_and_read_back_the_same(string url, string encoding)
    {
        var http = app.CreateClient();
        var plain = await http.GetAsync(url);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var expected = await plain.Content.ReadAsStringAsync();

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var compressed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < System.Text.Encoding.UTF8.GetByteCount(expected) / 2, $"{bytes.Length} bytes compressed");
        await using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var text = await new StreamReader(decoder).ReadToEndAsync();
        if (url.Contains("csv")) Assert.Equal(expected, text);
        else Assert.True(JsonNode.DeepEquals(Strip(JsonNode.Parse(expected)!), Strip(JsonNode.Parse(text)!)));
    }

    // The time of the answer differs between two requests; everything else must not.
    private static JsonNode Strip(JsonNode node)
    {
        if (node is JsonObject o) o.Remove("timeStamp");
        return node;
    }
}
