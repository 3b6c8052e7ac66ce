using System.Text.RegularExpressions;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// Minimal APIs bind query parameters by type and, when they cannot, throw with a message that names the .NET
/// type ("double? km"). This says the same in the client's terms: the parameter, its value, what was expected.
/// </summary>
public static partial class BindingErrors
{
    public static string Describe(BadHttpRequestException ex)
    {
        var m = Parameter().Match(ex.Message);
        if (!m.Success) return "The request could not be read: check its parameters and body.";
        // "double? km" or "Nullable<double> km": the type without its nullability.
        var (type, name) = (m.Groups["type"].Value.Replace("Nullable<", "").TrimEnd('>', '?'), m.Groups["name"].Value);
        if (ex.Message.Contains("request body", StringComparison.Ordinal) || ex.Message.StartsWith("Implicit body", StringComparison.Ordinal))
            return "The body is not the JSON this endpoint takes.";
        if (ex.Message.StartsWith("Required parameter", StringComparison.Ordinal))
            return $"The parameter '{name}' is required.";
        var value = m.Groups["value"].Success ? $"'{m.Groups["value"].Value}'" : "its value";
        return $"The parameter '{name}' must be {Expected(type)}; {value} is not.";
    }

    private static string Expected(string type) => type switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "decimal" or "float" or "Double" or "Decimal" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateOnly" or "DateTime" or "DateTimeOffset" => "a date (yyyy-mm-dd)",
        "Guid" => "an identifier",
        _ => "a valid value",
    };

    [GeneratedRegex("""parameter "(?<type>[^" ]+) (?<name>[^"]+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial Regex Parameter();
}
