using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OData.Edm;

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

    /// <summary>
    /// The cost guard: a collection expanded inside an expanded collection's expansion multiplies rows without bound
    /// (Places → Practices → Place → Practices), so it is refused before anything runs.
    /// </summary>
    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        base.ValidateQuery(request, queryOptions);
        if (queryOptions.SelectExpand?.SelectExpandClause is { } clause) Guard(clause, 0, "");
    }

    private static void Guard(Microsoft.OData.UriParser.SelectExpandClause clause, int collections, string path)
    {
        foreach (var item in clause.SelectedItems.OfType<Microsoft.OData.UriParser.ExpandedNavigationSelectItem>())
        {
            var segment = (Microsoft.OData.UriParser.NavigationPropertySegment)item.PathToNavigationProperty.LastSegment;
            var here = path.Length == 0 ? segment.NavigationProperty.Name : $"{path}/{segment.NavigationProperty.Name}";
            var count = collections + (segment.NavigationProperty.Type.IsCollection() ? 1 : 0);
            if (count > 1)
                throw new Microsoft.OData.ODataException(
                    $"$expand of {here} expands a collection inside an expanded collection, which multiplies rows without bound; " +
                    "query the inner collection as its own entity set with a $filter instead.");
            if (item.SelectAndExpand is { } inner) Guard(inner, count, here);
        }
    }

    // OData runs the query inside ApplyQuery (to page it), so the null ordering is applied as EF compiles it.
    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        NullOrdering.Active.Value = true;
        try { return base.ApplyQuery(queryable, queryOptions); }
        finally { NullOrdering.Active.Value = false; }
    }

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimitsOptions>>().Value;
        MaxTop = limits.MaxTop;
        PageSize = limits.PageSize;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        LimitStatement(context.HttpContext);
        base.OnActionExecuting(context);
        context.Result = Sanitize(context.Result);
    }

    /// <summary>
    /// Every public query has a time limit: past it Npgsql cancels the statement in PostgreSQL (a 503 follows, see
    /// AtlasExceptionHandler). ADO.NET counts command timeouts in whole seconds and reads 0 as "none", so a shorter
    /// limit is rounded up to a second rather than down to no limit at all.
    /// </summary>
    public static void LimitStatement(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<ODataLimitsOptions>>().Value.StatementTimeout;
        var seconds = limit <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(limit.TotalSeconds);
        http.RequestServices.GetRequiredService<Infrastructure.AtlasDbContext>().Database.SetCommandTimeout(seconds);
    }

    /// <summary>
    /// $count runs as its own awaited statement before OData applies the query: OData would count with a synchronous
    /// LongCount while it writes the response, holding a pool thread for the whole count (the benchmark's loss).
    /// </summary>
    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        OnActionExecuting(context);
        if (context.Result is not null) return;
        var executed = await next();
        if (executed.Exception is null && executed.Result is ObjectResult { Value: IQueryable query })
            await CountAsync(executed.HttpContext, query);
        OnActionExecuted(executed);
    }

    private async Task CountAsync(HttpContext http, IQueryable query)
    {
        var request = http.Request;
        var feature = http.ODataFeature();
        var wanted = request.IsCountRequest()
            || (request.Query.TryGetValue("$count", out var count) && bool.TryParse(count, out var yes) && yes);
        // $apply changes what is counted (groups, not rows); OData's own count stays for it.
        if (!wanted || request.Query.ContainsKey("$apply") || feature.Path is null || query.Provider is not IAsyncQueryProvider provider) return;
        IQueryable filtered;
        try
        {
            var options = new ODataQueryOptions(new ODataQueryContext(request.GetModel(), query.ElementType, feature.Path), request);
            const AllowedQueryOptions counted = AllowedQueryOptions.Filter | AllowedQueryOptions.Compute;
            filtered = options.ApplyTo(query, new ODataQuerySettings { HandleNullPropagation = HandleNullPropagation }, AllowedQueryOptions.All & ~counted);
        }
        catch (Exception e) when (e is Microsoft.OData.ODataException or NotSupportedException or ArgumentException)
        {
            return; // OData reports the same problem in its own format when it applies the query
        }
        var longCount = Expression.Call(typeof(Queryable), nameof(Queryable.LongCount), [filtered.ElementType], filtered.Expression);
        feature.TotalCount = await provider.ExecuteAsync<Task<long>>(longCount, http.RequestAborted);
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
