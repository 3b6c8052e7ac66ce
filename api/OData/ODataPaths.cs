using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Edm;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Routing.Conventions;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>
/// The paths below one entity besides its navigations: entity references (Places('x')/Practices/$ref) and single
/// properties (Places('x')/Name, and its raw value Places('x')/Name/$value). Each reads through the controller's
/// one-entity query, so the published-only filter holds on these paths as on every other.
/// </summary>
public static class ODataPaths
{
    /// <summary>
    /// Set(key)/Navigation/$ref, routed by the library's RefRoutingConvention to GetRef(key, navigationProperty):
    /// 404 for an unknown (or unpublished) key; the references of a collection (empty or not); a single-valued
    /// navigation's reference, or 204 when nothing (published) is related.
    /// </summary>
    public static async Task<IActionResult> RefAsync<T>(ControllerBase controller, IQueryable<T> entity, CancellationToken ct) where T : class
    {
        var request = controller.Request;
        var link = (NavigationPropertyLinkSegment)request.ODataFeature().Path.LastSegment;
        var collection = link.NavigationProperty.Type.IsCollection();
        if (Refuse(request, collection ? ["$top", "$skip"] : []) is { } refused) return refused;
        var limits = controller.HttpContext.RequestServices.GetRequiredService<IOptions<ODataLimitsOptions>>().Value;
        if (!TryCount(request, "$skip", int.MaxValue, out var skip) || !TryCount(request, "$top", limits.MaxTop, out var top))
            return ODataErrors.BadRequest($"$top must be a whole number from 0 to {limits.MaxTop}, and $skip one of 0 or more.");
        AtlasQueryAttribute.LimitStatement(controller.HttpContext);
        if (!await entity.AnyAsync(ct)) return controller.NotFound();

        var target = (IEdmEntitySet)link.NavigationSource;
        var key = target.EntityType.Key().Single();
        var model = request.GetModel();
        var navigation = ClrProperty(typeof(T), model, link.NavigationProperty);
        var relatedType = collection ? navigation.PropertyType.GetGenericArguments().Single() : navigation.PropertyType;
        var keyProperty = ClrProperty(relatedType, model, key);
        // Pages as long as the navigation's own (OData:PageSize); one key more than a page tells whether another follows.
        var take = Math.Min(top ?? int.MaxValue, limits.PageSize);
        var keys = await (Task<List<object>>)RelatedKeysMethod.MakeGenericMethod(typeof(T), relatedType, keyProperty.PropertyType)
            .Invoke(null, [entity, navigation, keyProperty.Name, skip ?? 0, take + 1, ct])!;
        Uri Reference(object id) => new(request.CreateODataLink(new EntitySetSegment(target),
            new KeySegment([new KeyValuePair<string, object>(key.Name, id)], target.EntityType, target)));
        if (!collection) return keys.Count == 0 ? controller.NoContent() : controller.Ok(Reference(keys[0]));
        return controller.Ok(new ODataEntityReferenceLinks
        {
            Links = keys.Take(take).Select(k => new ODataEntityReferenceLink { Url = Reference(k) }).ToList(),
            NextPageLink = keys.Count > take && (top is null || top > take) ? request.GetNextPageLink(limits.PageSize, null, null) : null,
        });
    }

    /// <summary>
    /// Set(key)/Property and Set(key)/Property/$value, routed by <see cref="PropertyPathConvention"/> to GetProperty(key):
    /// 404 for an unknown (or unpublished) key, 204 for a null value (OData 4.01, 11.2.6), else the value; the
    /// library writes it as {"value": …} or, for $value, as raw text/plain.
    /// </summary>
    public static async Task<IActionResult> PropertyAsync<T>(ControllerBase controller, IQueryable<T> entity, CancellationToken ct) where T : class
    {
        if (Refuse(controller.Request, []) is { } refused) return refused;
        AtlasQueryAttribute.LimitStatement(controller.HttpContext);
        var segment = controller.Request.ODataFeature().Path.OfType<PropertySegment>().Last();
        var property = ClrProperty(typeof(T), controller.Request.GetModel(), segment.Property);
        // One column read in SQL, boxed after it: the box tells an unknown key (no row) from a null value.
        var e = Expression.Parameter(typeof(T), "e");
        var read = Expression.Lambda<Func<T, Boxed>>(Expression.MemberInit(Expression.New(typeof(Boxed)),
            Expression.Bind(BoxedValue, Expression.Convert(Expression.Property(e, property), typeof(object)))), e);
        var found = await entity.Select(read).FirstOrDefaultAsync(ct);
        if (found is null) return controller.NotFound();
        return found.Value is null ? controller.NoContent() : controller.Ok(found.Value);
    }

    private sealed class Boxed
    {
        public object? Value { get; init; }
    }

    private static readonly PropertyInfo BoxedValue = typeof(Boxed).GetProperty(nameof(Boxed.Value))!;

    private static readonly MethodInfo RelatedKeysMethod = typeof(ODataPaths).GetMethod(nameof(RelatedKeys), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A page of the keys a navigation reaches, in key order; EF Core applies the target's published-only filter.</summary>
    private static async Task<List<object>> RelatedKeys<T, TRelated, TKey>(IQueryable<T> entity, PropertyInfo navigation, string key,
        int skip, int take, CancellationToken ct) where TRelated : class
    {
        var e = Expression.Parameter(typeof(T), "e");
        var related = navigation.PropertyType == typeof(TRelated)
            ? entity.Select(Expression.Lambda<Func<T, TRelated>>(Expression.Property(e, navigation), e))
            : entity.SelectMany(Expression.Lambda<Func<T, IEnumerable<TRelated>>>(Expression.Property(e, navigation), e));
        var keys = await related.Where(r => r != null).Select(r => EF.Property<TKey>(r, key)).OrderBy(k => k).Skip(skip).Take(take).ToListAsync(ct);
        return keys.Select(k => (object)k!).ToList();
    }

    /// <summary>
    /// A 400 naming the first system query option this path does not take ($format aside): these paths are not
    /// queries, and an option silently ignored would answer a question the client did not ask.
    /// </summary>
    private static ObjectResult? Refuse(HttpRequest request, string[] allowed)
    {
        var option = request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && k != "$format" && !allowed.Contains(k, StringComparer.OrdinalIgnoreCase));
        if (option is null) return null;
        var takes = allowed.Length == 0 ? "no query option" : string.Join(" and ", allowed);
        return ODataErrors.BadRequest($"{option} does not apply to {request.Path}: this path takes {takes}; query the entity set or navigation instead.");
    }

    private static bool TryCount(HttpRequest request, string option, int max, out int? value)
    {
        value = null;
        var text = request.Query[option].ToString();
        if (text.Length == 0) return true;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > max) return false;
        value = n;
        return true;
    }

    private static PropertyInfo ClrProperty(Type type, IEdmModel model, IEdmProperty property) =>
        type.GetProperty(model.GetClrPropertyName(property) ?? property.Name)!;
}

/// <summary>
/// Routes the GetProperty(key) action of every entity-set controller to Set(key)/P and, for a single primitive or
/// enum value, Set(key)/P/$value, for each structural property P of the model. Ours because the library's
/// PropertyRoutingConvention wants one action per property (GetName, GetCountry, … on every controller).
/// A spatial value (Places(key)/Location) is written by the spatial serializer as GeoJSON; it has no raw $value.
/// </summary>
public sealed class PropertyPathConvention : IODataControllerActionConvention
{
    public const string Action = "GetProperty";

    public int Order => 450;

    public bool AppliesToController(ODataControllerActionContext context) => context.EntitySet is not null;

    public bool AppliesToAction(ODataControllerActionContext context)
    {
        if (context.Action.ActionName != Action || context.EntitySet is not { } set) return false;
        var type = context.EntityType;
        foreach (var property in type.StructuralProperties())
        {
            List<ODataSegmentTemplate> path =
            [
                new EntitySetSegmentTemplate(set),
                new KeySegmentTemplate(new Dictionary<string, string> { [type.Key().Single().Name] = "{key}" }, type, set),
                new PropertySegmentTemplate(property),
            ];
            context.Action.AddSelector("Get", context.Prefix, context.Model, new ODataPathTemplate(path), context.Options?.RouteOptions);
            if ((property.Type.IsPrimitive() && !property.Type.IsSpatial()) || property.Type.IsEnum())
                context.Action.AddSelector("Get", context.Prefix, context.Model,
                    new ODataPathTemplate([.. path, new ValueSegmentTemplate(property.Type.Definition)]), context.Options?.RouteOptions);
        }
        return true;
    }
}
