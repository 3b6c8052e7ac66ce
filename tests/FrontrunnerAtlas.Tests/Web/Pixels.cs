using System.IO.Compression;

namespace FrontrunnerAtlas.Tests.Web;

/// <summary>Reads the colour of a one-pixel PNG screenshot (8-bit RGB or RGBA, as Chromium writes it).</summary>
public static class Pixels
{
    public static (int R, int G, int B) Rgb(byte[] png)
    {
        var pos = 8; // signature
        var idat = new MemoryStream();
        int colorType = 2;
        while (pos < png.Length)
        {
            var len = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (type == "IHDR") colorType = png[pos + 8 + 9];
            if (type == "IDAT") idat.Write(png, pos + 8, len);
            pos += 12 + len;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new byte[1 + (colorType == 6 ? 4 : 3)];
        z.ReadExactly(raw);
        // One pixel: filter byte, then the pixel; every filter type leaves a lone first pixel as it is
        // except Sub/Up/Average/Paeth against zeros, which also leave it unchanged.
        return (raw[1], raw[2], raw[3]);
    }

    public static (int R, int G, int B) Hex(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    public static bool Near((int R, int G, int B) a, (int R, int G, int B) b, int tolerance = 24) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;
}
