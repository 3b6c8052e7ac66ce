using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>Places' point as a researcher's client reads it, on the real catalogue.</summary>
[Collection(ReadOnlyCatalogue.Name)]
public sealed class SpatialODataTests(ReadOnlyApp app)
{
    private readonly HttpClient _http = app.CreateClient();

    [Fact]
    public async Task Metadata_declares_Location_as_a_nullable_GeographyPoint()
    {
        var model = CsdlReader.Parse(XmlReader.Create(await _http.GetStreamAsync("/odata/$metadata")));
        var location = ((IEdmEntityType)model.FindDeclaredType("Atlas.Place")).FindProperty("Location");
        Assert.NotNull(location);
        Assert.Equal("Edm.GeographyPoint", location.Type.FullName());
        Assert.True(location.Type.IsNullable);
    }

    [Fact]
    public async Task Location_is_a_GeoJSON_point_with_longitude_first_and_its_crs()
    {
        var tartu = await _http.GetJsonAsync("/odata/Places('ee-tartu')");
        var location = tartu["Location"]!;
        Assert.Equal("Point", location["type"]!.GetValue<string>());
        var coordinates = location["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()).ToList();
        Assert.Equal([tartu["Longitude"]!.GetValue<double>(), tartu["Latitude"]!.GetValue<double>()], coordinates);
        Assert.Equal("EPSG:4326", location["crs"]!["properties"]!["name"]!.GetValue<string>());

        var selected = await _http.GetJsonAsync("/odata/Places?$select=Id,Location&$filter=Id eq 'ee-tartu' or Id eq 'lt-dreverna'&$orderby=Id");
        Assert.Equal(["Id", "Location"], selected.Values()[0]!.AsObject().Select(p => p.Key).Where(k => !k.Contains('@')));
        Assert.Equal(coordinates, selected.Values()[0]!["Location"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()));
        // Dreverna has no coordinates in the sources: no point either.
        Assert.Equal("lt-dreverna", selected.Values()[1]!["Id"]!.GetValue<string>());
        Assert.Null(selected.Values()[1]!["Location"]);
    }

    [Fact]
    public async Task Csv_writes_Location_as_WKT()
    {
        var csv = await _http.GetStringAsync("/odata/Places?$select=Id,Location&$filter=Id eq 'ee-tartu'&$format=csv");
        var tartu = await _http.GetJsonAsync("/odata/Places('ee-tartu')?$select=Latitude,Longitude");
        Assert.Equal($"Id,Location\r\nee-tartu,POINT ({tartu["Longitude"]} {tartu["Latitude"]})\r\n", csv);
    }
}
