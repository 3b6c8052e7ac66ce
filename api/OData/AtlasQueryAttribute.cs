using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>[EnableQuery] with the configured limits, and validation failures answered in OData's error format.</summary>
public sealed class AtlasQueryAttribute : EnableQueryAttribute
{
    public AtlasQueryAttribute()
    {
        // EF Core translates member access on null navigations itself; OData's own null checks only
        // make the SQL harder for PostgreSQL to plan.
        HandleNullPropagation = HandleNullPropagationOption.False;
    }

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimitsOptions>>().Value;
        MaxTop = limits.MaxTop;
        PageSize = limits.PageSize;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        base.OnActionExecuting(context);
        if (context.Result is ObjectResult { StatusCode: 400 } bad)
            context.Result = ODataErrors.BadRequest(MessageOf(bad.Value));
    }

    private static string MessageOf(object? value) => value switch
    {
        // OData repeats the reason in ExceptionMessage; say it once.
        SerializableError e when e.TryGetValue("Message", out var m) =>
            e.TryGetValue("ExceptionMessage", out var x) && !$"{m}".Contains($"{x}") ? $"{m} {x}" : $"{m}",
        Microsoft.OData.ODataError e => e.Message,
        string s => s,
        _ => "The query is not valid.",
    };
}
