using Microsoft.AspNetCore.Http;

namespace FrontrunnerAtlas.Api.Infrastructure;

public static class QueryValues
{
    /// <summary>A filter's values, given comma-separated or repeated (?theme=Energy,Mobility or ?theme=Energy&amp;theme=Mobility).</summary>
    public static List<string> List(IQueryCollection query, string name) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
}
