namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>Reading query parameters the same way in every endpoint (map, search, mentors).</summary>
public static class QueryValues
{
    /// <summary>A filter's values, given comma-separated or repeated (?theme=Energy,Mobility or ?theme=Energy&amp;theme=Mobility).</summary>
    public static List<string> List(IQueryCollection query, string name) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    /// <summary>
    /// A 400 problem naming the first parameter the endpoint does not take, or null. OGC API - Features Part 1
    /// asks for this (/req/core/query-param-unknown), and it keeps made-up parameters out of the cache keys.
    /// ASP.NET Core binds the parameters it knows and ignores the rest, so the check is ours.
    /// </summary>
    public static IResult? RejectUnknown(IQueryCollection query, IReadOnlyCollection<string> known)
    {
        // Query keys compare without case, as parameter binding does.
        var unknown = query.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase));
        return unknown is null ? null : Results.Problem(statusCode: 400, title: "Unknown parameter",
            detail: $"'{unknown}' is not a parameter here; known parameters: {string.Join(", ", known)}.",
            extensions: new Dictionary<string, object?> { ["parameter"] = unknown });
    }

    /// <summary>A whole number within [min, max], or the fallback when absent.</summary>
    public static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value)
               && value >= min && value <= max;
    }

    /// <summary>
    /// The one spelling of an enum value in every JSON answer outside /odata, in error messages and in data/:
    /// snake_case ("spatial_planning", "village_area"). OData keeps its own member names ("SpatialPlanning").
    /// </summary>
    public static string Snake<T>(T value) where T : struct, Enum => Catalogue.RecordMapper.Enum(value);

    /// <summary>Every value of an enumeration in snake_case, for error messages ("energy, mobility, spatial_planning").</summary>
    public static string SnakeNames<T>(string separator = ", ") where T : struct, Enum =>
        string.Join(separator, Enum.GetValues<T>().Select(Snake));

    /// <summary>
    /// An enumeration by name, ignoring case, '_' and '-': the snake_case the answers use ("spatial_planning") and,
    /// so that old links keep working, the member names ("SpatialPlanning") and "spatial-planning"; null when absent.
    /// </summary>
    public static bool TryEnum<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        var normal = text.Replace("_", "").Replace("-", "");
        // Letters only: Enum.TryParse would also take numbers ("3") and lists ("Energy,Mobility").
        if (normal.All(char.IsLetter) && Enum.TryParse<T>(normal, true, out var v)) { value = v; return true; }
        return false;
    }
}
