using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>Records every SQL command EF Core sends, so tests can read what actually ran in PostgreSQL.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    public ConcurrentQueue<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = new();

    public void Clear() => Commands.Clear();

    public IReadOnlyList<string> Statements => Commands.Select(c => c.Sql).ToList();

    private void Record(DbCommand command) =>
        Commands.Enqueue((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
