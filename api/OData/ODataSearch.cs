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

        Expression Ids(string query) => Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)],
            Expression.Constant(match(query).ToList()), id);

        string Text(SearchTermNode term) => term.Text.Any(char.IsWhiteSpace) ? $"\"{term.Text}\"" : term.Text;

        // Terms joined by AND go to the index together, as one query whose words must all match: the same meaning,
        // and the search's thesaurus can then meet a label of several words ("rowery miejskie").
        Expression And(BinaryOperatorNode node)
        {
            var parts = new List<SingleValueNode>();
            void Flatten(SingleValueNode n)
            {
                if (n is BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } b) { Flatten(b.Left); Flatten(b.Right); }
                else parts.Add(n);
            }
            Flatten(node);
            var terms = parts.OfType<SearchTermNode>().Select(Text).ToList();
            var rest = parts.Where(p => p is not SearchTermNode).Select(Build);
            return (terms.Count > 0 ? rest.Prepend(Ids(string.Join(' ', terms))) : rest).Aggregate(Expression.AndAlso);
        }

        Expression Build(SingleValueNode node) => node switch
        {
            SearchTermNode term => Ids(Text(term)),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => And(and),
            BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Expression.OrElse(Build(or.Left), Build(or.Right)),
            UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Build(not.Operand)),
            _ => throw new ODataException("$search takes words, \"phrases\", AND, OR, NOT and parentheses."),
        };
    }
}
