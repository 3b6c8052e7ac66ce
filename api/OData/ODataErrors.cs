using Microsoft.AspNetCore.Mvc;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>Errors in the body format OData clients (Excel, Power BI, R, Python) know; never with a stack trace.</summary>
public static class ODataErrors
{
    public static ObjectResult BadRequest(string message) => Error(400, "BadRequest", Clean(message));

    /// <summary>Messages of the OData parser sometimes name .NET types (System.Nullable`1[System.DateOnly]); those are not for people.</summary>
    public static string Clean(string message) =>
        System.Text.RegularExpressions.Regex.IsMatch(message, @"\b(System|Microsoft|NetTopologySuite)\.[A-Z]\w*|`1|\bFrontrunnerAtlas\.")
            ? "This query cannot be evaluated; check the names, types and values in it against $metadata."
            : message;

    public static ObjectResult Error(int status, string code, string message) =>
        new(Body(code, message)) { StatusCode = status, ContentTypes = { "application/json" } };

    public static object Body(string code, string message) => new { error = new { code, message } };

    /// <summary>A bare error status (404 of an unknown path, 405): OData's format under /odata, problem details elsewhere.</summary>
    public static async Task StatusCodePage(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (!http.Request.Path.StartsWithSegments("/" + ODataSetup.RoutePrefix))
        {
            await Results.Problem(statusCode: status).ExecuteAsync(http);
            return;
        }
        var (code, message) = status switch
        {
            404 => ("NotFound", $"Nothing at {http.Request.Path}: no such entity set, key or property (see /{ODataSetup.RoutePrefix}/$metadata)."),
            405 => ("MethodNotAllowed", $"{http.Request.Method} is not allowed here: the OData service is read-only."),
            _ => ("Error", Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)),
        };
        await http.Response.WriteAsJsonAsync(Body(code, message));
    }
}
