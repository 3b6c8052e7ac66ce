using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>
/// A whole cached answer together with its Brotli and gzip encodings, each made once when the entry is made and then
/// served as it is: the map layer (3.4 MB of GeoJSON for 10,000 places) is never compressed per request. Each
/// encoding has its own ETag; the answer varies on Accept-Encoding and bypasses the compression middleware, which
/// leaves an answer alone once it has a Content-Encoding.
/// </summary>
[ImmutableObject(true)]
public sealed class LayerBody
{
    /// <summary>Brotli quality 0-11: 9 is within a few per cent of 11 at a fraction of its time, and it is paid once per entry.</summary>
    public const int BrotliQuality = 9;

    /// <summary>Brotli's default window (2^22 bytes).</summary>
    private const int BrotliWindow = 22;

    private const int TagBytes = 12;

    public byte[] Identity { get; }

    /// <summary>The encodings; null for an answer that is not cached (see <see cref="Of"/>).</summary>
    public byte[]? Brotli { get; }
    public byte[]? Gzip { get; }

    /// <summary>A hash of the identity bytes: the same answer has the same ETags on every instance.</summary>
    public string Tag { get; }

    private LayerBody(byte[] identity, byte[]? brotli, byte[]? gzip, string tag) => (Identity, Brotli, Gzip, Tag) = (identity, brotli, gzip, tag);

    /// <summary>The meter and counter of encodings: how often an answer was compressed, once per cache entry made (and never per request).</summary>
    public const string MeterName = "FrontrunnerAtlas.Map", EncodingsCounter = "atlas.map.layer.encodings";

    public static LayerBody Of(byte[] identity, IServiceProvider services)
    {
        var tag = TagOf(SHA256.HashData(identity));
        var cache = services.GetRequiredService<IOptions<Infrastructure.CacheOptions>>().Value;
        // An answer that is not kept (the cache off, or too large for an entry with its encodings) would be compressed
        // this well on every request: it goes out as it is, and the compression middleware treats it as any other answer.
        if (!cache.Enabled || identity.Length + identity.Length / 4 > cache.MaxEntryBytes) return new LayerBody(identity, null, null, tag);
        var body = new LayerBody(identity, CompressBrotli(identity), CompressGzip(identity), tag);
        // The factory hands out one meter per name, and the meter one counter per name (.NET 8 and later).
        services.GetRequiredService<IMeterFactory>().Create(MeterName).CreateCounter<long>(EncodingsCounter, description: "Answers compressed into their Brotli and gzip encodings").Add(1);
        return body;
    }

    private static string TagOf(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash[..TagBytes]);

    private static byte[] CompressBrotli(byte[] data)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, output, out var written, BrotliQuality, BrotliWindow))
            throw new InvalidOperationException("Brotli could not compress the answer.");
        return output[..written];
    }

    private static byte[] CompressGzip(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>The answer in the encoding the request's Accept-Encoding prefers (Brotli on a tie), with its ETag; 304 when the client has it.</summary>
    public IResult Result(string contentType) => new Answer(this, contentType);

    private sealed class Answer(LayerBody body, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            if (body.Brotli is null || body.Gzip is null)
            {
                response.ContentType = contentType;
                response.ContentLength = body.Identity.Length;
                await response.Body.WriteAsync(body.Identity, http.RequestAborted);
                return;
            }
            var (bytes, encoding) = Choose(body.Brotli, body.Gzip, http.Request.Headers.AcceptEncoding);
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            var etag = new EntityTagHeaderValue($"\"{body.Tag}{(encoding is null ? "" : "-" + encoding)}\"");
            response.Headers.ETag = etag.ToString();
            if (EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var known)
                && known.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            if (encoding is not null) response.Headers.ContentEncoding = encoding;
            response.ContentType = contentType;
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, http.RequestAborted);
        }

        private (byte[] Bytes, string? Encoding) Choose(byte[] brotli, byte[] gzip, Microsoft.Extensions.Primitives.StringValues acceptEncoding)
        {
            if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted)) return (body.Identity, null);
            double Quality(string coding)
            {
                // The coding's own entry, else "*"; no q means 1, and a coding not named at all is not acceptable.
                var entry = accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                            ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
                return entry is null ? 0 : entry.Quality ?? 1;
            }
            var (brQuality, gzipQuality) = (Quality("br"), Quality("gzip"));
            if (brQuality > 0 && brQuality >= gzipQuality) return (brotli, "br");
            return gzipQuality > 0 ? (gzip, "gzip") : (body.Identity, null);
        }
    }

    /// <summary>
    /// Three lengths (-1: none), the tag's bytes, then the three bodies as they are. Ours because HybridCache's default (JSON)
    /// would store the bytes as base64, a third larger in Redis and decoded again on every read.
    /// </summary>
    internal sealed class Serializer : IHybridCacheSerializer<LayerBody>
    {
        private const int Head = 12 + TagBytes;

        public LayerBody Deserialize(ReadOnlySequence<byte> source)
        {
            Span<byte> head = stackalloc byte[Head];
            source.Slice(0, Head).CopyTo(head);
            int identity = BinaryPrimitives.ReadInt32LittleEndian(head), brotli = BinaryPrimitives.ReadInt32LittleEndian(head[4..]),
                gzip = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
            var rest = source.Slice(Head);
            return new LayerBody(rest.Slice(0, identity).ToArray(), brotli < 0 ? null : rest.Slice(identity, brotli).ToArray(),
                gzip < 0 ? null : rest.Slice(identity + Math.Max(brotli, 0), gzip).ToArray(), TagOf(head[12..]));
        }

        public void Serialize(LayerBody value, IBufferWriter<byte> target)
        {
            var head = target.GetSpan(Head);
            BinaryPrimitives.WriteInt32LittleEndian(head, value.Identity.Length);
            BinaryPrimitives.WriteInt32LittleEndian(head[4..], value.Brotli?.Length ?? -1);
            BinaryPrimitives.WriteInt32LittleEndian(head[8..], value.Gzip?.Length ?? -1);
            Convert.FromHexString(value.Tag).CopyTo(head[12..]);
            target.Advance(Head);
            target.Write(value.Identity);
            target.Write(value.Brotli);
            target.Write(value.Gzip);
        }
    }
}
