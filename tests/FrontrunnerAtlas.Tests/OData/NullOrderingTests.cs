using FrontrunnerAtlas.Api.OData;

namespace FrontrunnerAtlas.Tests.OData;

/// <summary>The rewrite of orderings that puts nulls where OData wants them, on an in-memory query.</summary>
public sealed class NullOrderingTests
{
    private sealed record Row(string Id, int? Population, string? Name);

    private static readonly Row[] Rows = [new("a", 5, "x"), new("b", null, null), new("c", 9, "y"), new("d", null, "z")];

    [Fact]
    public void Descending_puts_nulls_last_and_ascending_first()
    {
        var desc = (IQueryable<Row>)NullOrdering.Apply(Rows.AsQueryable().OrderByDescending(r => r.Population).ThenBy(r => r.Id));
        Assert.Equal(["c", "a", "b", "d"], desc.Select(r => r.Id).ToList());
        var asc = (IQueryable<Row>)NullOrdering.Apply(Rows.AsQueryable().OrderBy(r => r.Population).ThenBy(r => r.Id));
        Assert.Equal(["b", "d", "a", "c"], asc.Select(r => r.Id).ToList());
        var then = (IQueryable<Row>)NullOrdering.Apply(Rows.AsQueryable().OrderBy(r => r.Id.Length).ThenByDescending(r => r.Name));
        Assert.Equal(["d", "c", "a", "b"], then.Select(r => r.Id).ToList());
    }
}
