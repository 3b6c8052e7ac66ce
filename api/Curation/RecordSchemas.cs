using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// The JSON Schemas of data/schema, the one description of a record: the write API validates against them,
/// serves them (/schemas/{kind}.json) and the editor builds its forms from them. They are compiled into the
/// assembly, so the service needs no data/ folder beside it.
/// </summary>
public static class RecordSchemas
{
    private static readonly ConcurrentDictionary<string, (string Text, JsonSchema Schema)?> Cache = new();

    /// <summary>The schema of one data/ file (e.g. practices), or null when there is none.</summary>
    public static string? Text(string kind) => Load(kind)?.Text;

    private static (string Text, JsonSchema Schema)? Load(string kind) => Cache.GetOrAdd(kind, static k =>
    {
        using var stream = typeof(RecordSchemas).Assembly.GetManifestResourceStream($"schema/{k}.schema.json");
        if (stream is null) return null;
        var text = new StreamReader(stream).ReadToEnd();
        // A registry of its own: the library's global one would reject the same schema loaded by a second host.
        return (text, JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    });

    /// <summary>
    /// Validates one record (an element of the file's array) and returns field → messages, named as the
    /// importer names fields (budget.amount, themes[1]); empty when the record is valid.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string kind, JsonElement record)
    {
        var errors = new Dictionary<string, List<string>>();
        if (Load(kind) is not { } loaded) return [];
        if (record.ValueKind != JsonValueKind.Object) return new() { ["record"] = ["must be a JSON object"] };
        var wrapped = JsonSerializer.SerializeToElement(new JsonArray(JsonNode.Parse(record.GetRawText())));
        var results = loaded.Schema.Evaluate(wrapped, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var details = results.Details ?? [];
        var valid = details.GroupBy(d => (d.EvaluationPath.ToString(), d.InstanceLocation.ToString())).ToDictionary(g => g.Key, g => g.All(d => d.IsValid));
        foreach (var detail in details)
        {
            if (detail.IsValid || detail.Errors is null) continue;
            // An `if` that fails only picks the `else`; in a oneOf, the branch that says "should be null" is noise.
            var path = detail.EvaluationPath.ToString().Split('/');
            var inIf = Array.IndexOf(path, "if") is var i && i >= 0 && i < path.Length - 1;
            var inBranch = Array.FindIndex(path, x => x is "oneOf" or "anyOf") is var b && b >= 0 && b < path.Length - 1;
            if (inIf) continue;
            // A branch of a oneOf that holds (another branch matched) says nothing about the record.
            if (inBranch && valid.GetValueOrDefault((string.Join('/', path[..b]), detail.InstanceLocation.ToString()), false)) continue;
            var field = Field(detail.InstanceLocation.ToString());
            foreach (var (keyword, message) in detail.Errors)
            {
                if (inBranch && keyword == "type") continue;
                var text = keyword switch
                {
                    _ when keyword is "false" or "additionalProperties" || message.Contains("false schema", StringComparison.Ordinal) => "is not a field of this record",
                    "oneOf" or "anyOf" => "does not have any of the forms the schema allows",
                    _ => message,
                };
                if (keyword == "required" && field == "record" && MissingNames(message) is { } names)
                {
                    foreach (var name in names) Add(errors, name, "is required");
                    continue;
                }
                Add(errors, field, text);
            }
        }
        if (errors.Count == 0) errors["record"] = ["does not match the schema"];
        return errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray());
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>"/0/budget/amount" → "budget.amount", "/0/themes/1" → "themes[1]", "/0" → "record".</summary>
    internal static string Field(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(p => p.Replace("~1", "/").Replace("~0", "~"));
        var field = "";
        foreach (var p in parts) field += p.All(char.IsAsciiDigit) ? $"[{p}]" : (field.Length == 0 ? p : "." + p);
        return field.Length == 0 ? "record" : field;
    }

    // The library words it as: Required properties ["a","b"] are not present.
    private static IEnumerable<string>? MissingNames(string message)
    {
        var start = message.IndexOf('['); var end = message.LastIndexOf(']');
        if (start < 0 || end <= start) return null;
        try { return JsonSerializer.Deserialize<string[]>(message[start..(end + 1)]); }
        catch (JsonException) { return null; }
    }
}
