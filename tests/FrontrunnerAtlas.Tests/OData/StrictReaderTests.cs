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
        using var reader = await ReaderAsync(http, model, url);
        var feed = reader.CreateODataResourceSetReader(entitySet, entitySet.EntityType);
        var resources = 0;
        while (feed.Read())
            if (feed.State == ODataReaderState.ResourceEnd && feed.Item is ODataResource { TypeName: var type } && type == entitySet.EntityType.FullName())
                resources++;
        Assert.True(resources > 0, $"{url}: no {set} read");
    }

    private static async Task<ODataMessageReader> ReaderAsync(HttpClient http, IEdmModel model, string url)
    {
        var answer = await http.GetAsync(url);
        Assert.True(answer.IsSuccessStatusCode, $"{url}: {(int)answer.StatusCode}");
        var body = new MemoryStream(await answer.Content.ReadAsByteArrayAsync());
        var settings = new ODataMessageReaderSettings { BaseUri = new Uri(http.BaseAddress!, "/odata/"), EnableMessageStreamDisposal = false };
        return new ODataMessageReader(new Response(body, answer.Content.Headers.ContentType!.ToString()), settings, model);
    }

    [Fact]
    public async Task References_properties_and_raw_values_read_against_the_served_metadata()
    {
        var http = app.CreateClient();
        var model = CsdlReader.Parse(XmlReader.Create(await http.GetStreamAsync("/odata/$metadata")));
        using (var reader = await ReaderAsync(http, model, "/odata/Places('ee-tartu')/Practices/$ref"))
            Assert.Contains(reader.ReadEntityReferenceLinks().Links, l => l.Url.AbsoluteUri.EndsWith("/odata/Practices('p01-tartu-bike-sharing')"));
        using (var reader = await ReaderAsync(http, model, "/odata/Practices('p01-tartu-bike-sharing')/Place/$ref"))
            Assert.EndsWith("/odata/Places('ee-tartu')", reader.ReadEntityReferenceLink().Url.AbsoluteUri);

        var place = (IEdmEntityType)model.FindDeclaredType("Atlas.Place");
        using (var reader = await ReaderAsync(http, model, "/odata/Places('ee-tartu')/Name"))
            Assert.Equal("Tartu", reader.ReadProperty((IEdmStructuralProperty)place.FindProperty("Name")).Value);
        using (var reader = await ReaderAsync(http, model, "/odata/Places('ee-tartu')/Role"))
            Assert.Equal("Frontrunner", Assert.IsType<ODataEnumValue>(reader.ReadProperty((IEdmStructuralProperty)place.FindProperty("Role")).Value).Value);
        using (var reader = await ReaderAsync(http, model, "/odata/Places('ee-tartu')/Languages"))
            Assert.Contains("et", Assert.IsType<ODataCollectionValue>(reader.ReadProperty((IEdmStructuralProperty)place.FindProperty("Languages")).Value).Items);
        using (var reader = await ReaderAsync(http, model, "/odata/Places('ee-tartu')/Latitude/$value"))
            Assert.Equal(58.38062, reader.ReadValue(EdmCoreModel.Instance.GetDouble(false)));
    }
}
