using System.Text.Json;
using System.Text.Json.Nodes;

namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>Field-by-field differences between two records of data/'s shape (review queue, import conflicts).</summary>
public static class RecordDiff
{
    public sealed record Change(string Field, JsonNode? Published, JsonNode? Proposed);

    public static JsonObject ToJson<TRecord>(TRecord record) => (JsonObject)JsonSerializer.SerializeToNode(record, CatalogueImporter.Json)!;

    public static List<string> Fields<TRecord>(TRecord current, TRecord incoming) =>
        Changes(ToJson(current), ToJson(incoming)).Select(c => c.Field).ToList();

    public static List<Change> Changes(JsonObject published, JsonObject proposed) =>
        published.Select(p => p.Key).Union(proposed.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(published[k], proposed[k]))
            .Select(k => new Change(k, published[k]?.DeepClone(), proposed[k]?.DeepClone()))
            .ToList();
}
