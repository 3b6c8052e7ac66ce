using System.ComponentModel;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>
/// One page of a collection: its counts and its features as GeoJSON bytes, ready to be written into an answer
/// (cached as part of the whole answer, see LayerBody).
/// </summary>
[ImmutableObject(true)]
public sealed record FeatureSlice(int Matched, int Returned, byte[] Features);
