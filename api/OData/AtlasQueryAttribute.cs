using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
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

    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions) =>
        queryOptions.OrderBy is null ? base.ApplyQuery(queryable, queryOptions) : NullOrdering.Apply(base.ApplyQuery(queryable, queryOptions));

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimitsOptions>>().Value;
        MaxTop = limits.MaxTop;
        PageSize = limits.PageSize;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        base.OnActionExecuting(context);
        context.Result = Sanitize(context.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext context)
    {
        // Some options ($count, $apply) are parsed only when the query is applied, after the action ran.
        base.OnActionExecuted(context);
        context.Result = Sanitize(context.Result);
    }

    // OData answers parse errors with its own error bodies, which carry an innererror with a stack trace.
    private static IActionResult? Sanitize(IActionResult? result) => result switch
    {
        ObjectResult { StatusCode: 400 } bad => ODataErrors.BadRequest(MessageOf(bad.Value)),
        ODataErrorResult error => ODataErrors.BadRequest(error.Error?.Message ?? "The query is not valid."),
        var other => other,
    };

    private static string MessageOf(object? value) => value switch
    {
        // OData repeats the reason in ExceptionMessage; say it once.
        SerializableError e when e.TryGetValue("Message", out var m) =>
            e.TryGetValue("ExceptionMessage", out var x) && !$"{m}".Contains($"{x}") ? $"{m} {x}" : $"{m}",
        Microsoft.OData.ODataError e => e.Message,
        SerializableError e when e.TryGetValue("message", out var m) => $"{m}",
        string s => s,
        _ => "The query is not valid.",
    };
}
