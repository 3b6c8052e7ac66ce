using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace FrontrunnerAtlas.Api.OData;

/// <summary>
/// OData's `$search` grammar (terms, "phrases", AND, OR, NOT, parentheses; adjacent terms mean AND), parsed by
/// Microsoft.OData's own parser. Each term is looked up in the Lucene index (the same language, folding and stemming
/// as /api/search); the expression then combines the matching ids in SQL, so NOT means "every other record".
/// </summary>
internal static class ODataSearch
{
    public static Expression<Func<T, bool>> Predicate<T>(IEdmModel model, string search, Func<string, IReadOnlyCollection<string>> match)
    {
        var set = model.EntityContainer.EntitySets().FirstOrDefault(s => s.EntityType.Name == typeof(T).Name)
                  ?? throw new ODataException("$search is not offered on this set.");
        var parser = new ODataQueryOptionParser(model, set.EntityType, set, new Dictionary<string, string> { ["$search"] = search });
        var clause = parser.ParseSearch() ?? throw new ODataException("$search is empty.");
        var e = Expression.Parameter(typeof(T), "e");
        var id = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], e, Expression.Constant("Id"));
        return Expression.Lambda<Func<T, bool>>(Build(clause.Expression), e);

        Expression Build(SingleValueNode node) => node switch
        {
            SearchTermNode term => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)],
                Expression.Constant(match(term.Text.Any(char.IsWhiteSpace) ? $"\"{term.Text}\"" : term.Text).ToList()), id),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Expression.AndAlso(Build(and.Left), Build(and.Right)),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Expression.OrElse(Build(or.Left), Build(or.Right)),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Build(not.Operand)),
            _ => throw new ODataException("$search takes words, \"phrases\", AND, OR, NOT and parentheses."),
        };
    }
}
