using System.Globalization;
using NetTopologySuite.Geometries;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>An OGC bbox (minLon,minLat,maxLon,maxLat in WGS84), as the map and search take it.</summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static bool TryParse(string? text, out BoundingBox? box, out string error)
    {
        box = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parts = text.Split(',');
        if (parts.Length != 4)
        {
            error = $"bbox must be four numbers 'minLon,minLat,maxLon,maxLat'; got {parts.Length} value(s).";
            return false;
        }
        var n = new double[4];
        for (var i = 0; i < 4; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out n[i]) || !double.IsFinite(n[i]))
            {
                error = $"bbox value {i + 1} ('{parts[i]}') is not a number.";
                return false;
            }
        if (n[0] is < -180 or > 180 || n[2] is < -180 or > 180) { error = "bbox longitudes must be within -180..180."; return false; }
        if (n[1] is < -90 or > 90 || n[3] is < -90 or > 90) { error = "bbox latitudes must be within -90..90."; return false; }
        if (n[1] > n[3]) { error = "bbox minLat is greater than maxLat."; return false; }
        if (n[0] > n[2]) { error = "bbox minLon is greater than maxLon (boxes across the antimeridian are not supported)."; return false; }
        box = new BoundingBox(n[0], n[1], n[2], n[3]);
        return true;
    }

    /// <summary>The envelope as a polygon in the column's SRID, so the filter can use the GiST index.</summary>
    public Geometry ToPolygon() => Factory.ToGeometry(new Envelope(MinLon, MaxLon, MinLat, MaxLat));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MinLon},{MinLat},{MaxLon},{MaxLat}");
}
