using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace FrontrunnerAtlas.Api.Search;

/// <summary>
/// What a hit shows (id, type, title, place, the texts to highlight, position), kept per document as one binary
/// doc value rather than as stored fields: Lucene's stored fields are compressed in 16 KB blocks, so reading one
/// short practice decompressed every practice before it in its block, a fifth of a search's time for a page of 20
/// and most of OData's $search (up to 10,000 ids). A doc value is read where it lies.
/// </summary>
public sealed record HitRecord(string Id, string Type, string Title, string? PlaceId, string? Summary, string? Local,
    string? Language, double? Latitude, double? Longitude)
{
    public BytesRef Encode()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Id);
            w.Write(Type);
            w.Write(Title);
            Optional(w, PlaceId);
            Optional(w, Summary);
            Optional(w, Local);
            Optional(w, Language);
            w.Write(Latitude is not null && Longitude is not null);
            if (Latitude is { } lat && Longitude is { } lon)
            {
                w.Write(lat);
                w.Write(lon);
            }
        }
        return new BytesRef(buffer.ToArray());
    }

    private static void Optional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    public static HitRecord Decode(BytesRef bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes.Bytes, bytes.Offset, bytes.Length, writable: false), Encoding.UTF8);
        string? Opt() => r.ReadBoolean() ? r.ReadString() : null;
        var (id, type, title) = (r.ReadString(), r.ReadString(), r.ReadString());
        var (place, summary, local, language) = (Opt(), Opt(), Opt(), Opt());
        var at = r.ReadBoolean();
        return new HitRecord(id, type, title, place, summary, local, language, at ? r.ReadDouble() : null, at ? r.ReadDouble() : null);
    }

    /// <summary>The record of a top-level document id of <paramref name="searcher"/>.</summary>
    public static HitRecord Of(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var values = leaf.AtomicReader.GetBinaryDocValues(F.Hit)
            ?? throw new InvalidOperationException("The search index has no hit records: it is of an older schema.");
        var bytes = new BytesRef();
        values.Get(doc - leaf.DocBase, bytes);
        return Decode(bytes);
    }
}
