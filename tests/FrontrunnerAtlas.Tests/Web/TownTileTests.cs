using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>GET /tiles/towns/{z}/{x}/{y}.mvt over HTTP: a vector tile of the layer "towns", thinned by zoom, cached, 400s.</summary>
public sealed class TownTileTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var r = lat * Math.PI / 180;
        return ((int)Math.Floor((lon + 180) / 360 * n), (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n));
    }

    private async Task<(HttpResponseMessage Response, Mvt Tile)> TileAsync(int z, double lon, double lat)
    {
        var (x, y) = TileOf(lon, lat, z);
        var res = await app.Http.GetAsync($"tiles/towns/{z}/{x}/{y}.mvt");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (res, Mvt.Read(await res.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_tile_holds_the_towns_layer_larger_towns_at_low_zoom_all_at_high_zoom_and_is_cached()
    {
        var torva = (await app.GetJsonAsync("api/towns?q=torva&limit=1"))[0]!;
        double lon = (double)torva["longitude"]!, lat = (double)torva["latitude"]!;

        var (res, high) = await TileAsync(10, lon, lat);
        Assert.Equal("application/vnd.mapbox-vector-tile", res.Content.Headers.ContentType!.MediaType);
        var layer = Assert.Single(high.Layers);
        Assert.Equal("towns", layer.Name);
        Assert.True(layer.Features > 0);
        Assert.Contains("Tõrva", layer.Strings);
        Assert.Equal(["geonamesId", "name", "population"], layer.Keys.Where(k => k != "placeId").Order());

        // At zoom 5 only towns of 100,000 or more: Tallinn, not Tõrva.
        var (_, low) = await TileAsync(5, 24.75, 59.44);
        var lowLayer = Assert.Single(low.Layers);
        Assert.Contains("Tallinn", lowLayer.Strings);
        Assert.DoesNotContain("Tõrva", lowLayer.Strings);

        // The second answer is the same bytes with the same ETag; If-None-Match gives 304.
        var etag = res.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age=", res.Headers.CacheControl!.ToString());
        var (x, y) = TileOf(lon, lat, 10);
        var again = await app.Http.GetAsync($"tiles/towns/10/{x}/{y}.mvt");
        Assert.Equal(etag, again.Headers.ETag);
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"tiles/towns/10/{x}/{y}.mvt");
        conditional.Headers.IfNoneMatch.Add(etag!);
        Assert.Equal(HttpStatusCode.NotModified, (await app.Http.SendAsync(conditional)).StatusCode);

        // Far out at sea: an empty tile, still 200.
        var sea = await app.Http.GetAsync("tiles/towns/10/300/300.mvt");
        Assert.Equal(HttpStatusCode.OK, sea.StatusCode);
        Assert.Empty(Mvt.Read(await sea.Content.ReadAsByteArrayAsync()).Layers);
    }

    [Theory]
    [InlineData("15/0/0", "z")]
    [InlineData("-1/0/0", "z")]
    [InlineData("abc/0/0", "z")]
    [InlineData("3/8/0", "x")]
    [InlineData("3/x/0", "x")]
    [InlineData("3/0/8", "y")]
    [InlineData("3/0/1e2", "y")]
    public async Task Bad_coordinates_are_a_400_naming_the_parameter(string zxy, string parameter)
    {
        var res = await app.Http.GetAsync($"tiles/towns/{zxy}.mvt");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await res.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, (string)body["parameter"]!);
        Assert.DoesNotContain("System.", body.ToJsonString());
    }

    /// <summary>
    /// Just enough of the vector tile format (protobuf) to see layers, their keys, string values and feature
    /// counts; a test helper, so no protobuf package for it.
    /// </summary>
    private sealed record Mvt(List<MvtLayer> Layers)
    {
        public static Mvt Read(byte[] bytes)
        {
            var layers = new List<MvtLayer>();
            foreach (var (field, value) in Fields(bytes))
                if (field == 3) layers.Add(MvtLayer.Read(value));
            return new Mvt(layers);
        }

        internal static IEnumerable<(int Field, byte[] Value)> Fields(byte[] b)
        {
            var i = 0;
            while (i < b.Length)
            {
                var tag = Varint(b, ref i);
                var wire = (int)(tag & 7);
                switch (wire)
                {
                    case 0: Varint(b, ref i); yield return ((int)(tag >> 3), []); break;
                    case 2:
                        var len = (int)Varint(b, ref i);
                        yield return ((int)(tag >> 3), b[i..(i + len)]);
                        i += len;
                        break;
                    case 1: i += 8; break;
                    case 5: i += 4; break;
                    default: throw new InvalidDataException($"wire type {wire}");
                }
            }
        }

        private static ulong Varint(byte[] b, ref int i)
        {
            ulong v = 0;
            for (var shift = 0; ; shift += 7)
            {
                var x = b[i++];
                v |= (ulong)(x & 0x7f) << shift;
                if (x < 0x80) return v;
            }
        }
    }

    private sealed record MvtLayer(string Name, int Features, List<string> Keys, List<string> Strings)
    {
        public static MvtLayer Read(byte[] b)
        {
            string name = "";
            var features = 0;
            var keys = new List<string>();
            var strings = new List<string>();
            foreach (var (field, value) in Mvt.Fields(b))
            {
                if (field == 1) name = Encoding.UTF8.GetString(value);
                else if (field == 2) features++;
                else if (field == 3) keys.Add(Encoding.UTF8.GetString(value));
                else if (field == 4)
                    foreach (var (f, v) in Mvt.Fields(value))
                        if (f == 1) strings.Add(Encoding.UTF8.GetString(v));
            }
            return new MvtLayer(name, features, keys, strings);
        }
    }
}
