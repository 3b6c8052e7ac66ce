using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// Brotli and gzip for every text answer (JSON, GeoJSON, CSV, JSON-LD, schemas, the web page's files): the map layer
/// of 10,000 places is 3.4 MB as JSON and a fraction of it on the wire. The fastest level: the answers are mostly
/// cached and a request should not wait for the compressor.
/// </summary>
public static class Compression
{
    public static IServiceCollection AddAtlasCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
            [
                "application/geo+json", "text/csv", "application/ld+json", "application/schema+json",
                "application/vnd.oai.openapi+json", "application/problem+json", "image/svg+xml",
            ]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
