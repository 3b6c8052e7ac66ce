using System.Xml;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>
/// Microsoft.OData.Core's own reader, as client libraries use it: every payload must read against the served
/// $metadata (types, nullability, navigation), or the reader throws.
/// </summary>
public sealed class StrictReaderTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    private sealed class Response(Stream body, string contentType) : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new() { ["Content-Type"] = contentType };
        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;
        public int StatusCode { get; set; } = 200;
        public string GetHeader(string headerName) => _headers.GetValueOrDefault(headerName)!;
        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;
        public Stream GetStream() => body;
    }

    [Theory]
    [InlineData("Places", "/odata/Places")]
    [InlineData("Places", "/odata/Places?$select=Id,Location&$filter=geo.distance(Location, geography'SRID=4326;POINT(26.72 58.38)') le 100000")]
    [InlineData("Practices", "/odata/Practices?$expand=Place,Initiative")]
    [InlineData("Events", "/odata/Events?$expand=HostPlace($select=Id,Name,Country)")]
    [InlineData("Mentorships", "/odata/Mentorships?$expand=MentorPlace,MenteePlace")]
    [InlineData("Memberships", "/odata/Memberships?$expand=Place,Initiative")]
    [InlineData("Sources", "/odata/Sources")]
    public async Task Payloads_read_against_the_served_metadata(string set, string url)
    {
        var http = app.CreateClient();
        var model = CsdlReader.Parse(XmlReader.Create(await http.GetStreamAsync("/odata/$metadata")));
        var entitySet = model.EntityContainer.FindEntitySet(set);
        var answer = await http.GetAsync(url);
        var body = new MemoryStream(await answer.Content.ReadAsByteArrayAsync());
        var settings = new ODataMessageReaderSettings { BaseUri = new Uri(http.BaseAddress!, "/odata/"), EnableMessageStreamDisposal = false };
        using var reader = new ODataMessageReader(new Response(body, answer.Content.Headers.ContentType!.ToString()), settings, model);
        var feed = reader.CreateODataResourceSetReader(entitySet, entitySet.EntityType);
        var resources = 0;
        while (feed.Read())
            if (feed.State == ODataReaderState.ResourceEnd && feed.Item is ODataResource { TypeName: var type } && type == entitySet.EntityType.FullName())
                resources++;
        Assert.True(resources > 0, $"{url}: no {set} read");
    }
}
