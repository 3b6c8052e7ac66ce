using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// The test classes that only read the seeded catalogue share one service, one database copy and one search
/// index instead of building their own: they run one after another in this collection, beside the other
/// collections. A class that writes, or needs other settings, keeps an AtlasApp of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyCatalogue : ICollectionFixture<ReadOnlyApp>
{
    public const string Name = "Read-only catalogue";
}

/// <summary>The shared service of <see cref="ReadOnlyCatalogue"/>; at the end it fails the run if any of its tests changed the catalogue.</summary>
public sealed class ReadOnlyApp : AtlasApp
{
    private long _changeLog;

    /// <summary>OData pages of 10 rather than 200, so that server-driven paging shows on the real catalogue.</summary>
    public const int ODataPageSize = 10;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OData:PageSize"] = ODataPageSize.ToString() };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _changeLog = await ChangeLogPositionAsync();
    }

    protected override async Task BeforeDisposeAsync()
    {
        var now = await ChangeLogPositionAsync();
        if (now != _changeLog)
            throw new InvalidOperationException(
                $"A test in the collection '{ReadOnlyCatalogue.Name}' changed the catalogue (change log {_changeLog} → {now}): give its class an AtlasApp of its own.");
    }

    // Triggers log every write to places, practices, initiatives, events, memberships and commitments.
    private async Task<long> ChangeLogPositionAsync()
    {
        await using var db = Db();
        return await db.Database.SqlQuery<long>($"SELECT coalesce(max(id), 0) AS \"Value\" FROM search_changes").SingleAsync();
    }
}
