using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>
/// One cached page of a collection: its counts and its features as GeoJSON bytes, ready to be written into
/// a response. Never changed once made, so the memory cache hands out the same instance on every hit.
/// </summary>
[ImmutableObject(true)]
public sealed record FeatureSlice(int Matched, int Returned, byte[] Features);

/// <summary>
/// Two counts, then the bytes as they are. Ours because HybridCache's default (JSON) would store the
/// features as base64, a third larger in Redis and decoded again on every read.
/// </summary>
internal sealed class FeatureSliceSerializer : IHybridCacheSerializer<FeatureSlice>
{
    public FeatureSlice Deserialize(ReadOnlySequence<byte> source)
    {
        Span<byte> head = stackalloc byte[8];
        source.Slice(0, 8).CopyTo(head);
        return new FeatureSlice(BinaryPrimitives.ReadInt32LittleEndian(head), BinaryPrimitives.ReadInt32LittleEndian(head[4..]),
            source.Slice(8).ToArray());
    }

    public void Serialize(FeatureSlice value, IBufferWriter<byte> target)
    {
        var head = target.GetSpan(8);
        BinaryPrimitives.WriteInt32LittleEndian(head, value.Matched);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], value.Returned);
        target.Advance(8);
        target.Write(value.Features);
    }
}
