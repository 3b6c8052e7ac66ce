namespace FrontrunnerAtlas.Api.Mentors;

/// <summary>
/// Distances on the WGS 84 spheroid by Lambert's formula (within about 10 m over European distances, far inside the 1%
/// the reasons promise). Ours because NetTopologySuite has no geodesic distance, and asking PostGIS for the distance
/// to every frontrunner cost more than the rest of a mentor answer.
/// </summary>
public static class Geodesic
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;

    /// <summary>The distance in km between two points given in degrees (longitude, latitude).</summary>
    public static double Km(double lon1, double lat1, double lon2, double lat2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        // Reduced latitudes, then the central angle between them on the auxiliary sphere (haversine: stable for short lines).
        var b1 = Math.Atan((1 - F) * Math.Tan(Rad(lat1)));
        var b2 = Math.Atan((1 - F) * Math.Tan(Rad(lat2)));
        var h = Math.Pow(Math.Sin((b2 - b1) / 2), 2) + Math.Cos(b1) * Math.Cos(b2) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        var sigma = 2 * Math.Asin(Math.Sqrt(Math.Min(1, h)));
        if (sigma < 1e-12) return 0;
        if (Math.PI - sigma < 1e-9) return Math.PI * A / 1000; // antipodes: the formula divides by zero; never in Europe
        var p = (b1 + b2) / 2;
        var q = (b2 - b1) / 2;
        var x = (sigma - Math.Sin(sigma)) * Math.Pow(Math.Sin(p) * Math.Cos(q), 2) / Math.Pow(Math.Cos(sigma / 2), 2);
        var y = (sigma + Math.Sin(sigma)) * Math.Pow(Math.Cos(p) * Math.Sin(q), 2) / Math.Pow(Math.Sin(sigma / 2), 2);
        return A * (sigma - F / 2 * (x + y)) / 1000;
    }
}
