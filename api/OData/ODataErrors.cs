using Microsoft.AspNetCore.Mvc;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>Errors in the body format OData clients (Excel, Power BI, R, Python) know; never with a stack trace.</summary>
public static class ODataErrors
{
    public static ObjectResult BadRequest(string message) => Error(400, "BadRequest", message);

    public static ObjectResult Error(int status, string code, string message) =>
        new(Body(code, message)) { StatusCode = status, ContentTypes = { "application/json" } };

    public static object Body(string code, string message) => new { error = new { code, message } };
}
