using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Curation;

/// <summary>Who (which key) changed what, when, with the record before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? KeyId { get; set; }
    public string KeyName { get; set; } = "";
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>A change made on the server's command line (no key); secrets never go into the log.</summary>
    public static AuditEntry ByCommandLine(string action, string entity, string id, object? after) => new()
    {
        At = DateTimeOffset.UtcNow, KeyName = "command line", Action = action, Entity = entity, EntityId = id,
        After = after is null ? null : System.Text.Json.JsonSerializer.Serialize(after),
    };
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(a => a.Before).HasColumnType("jsonb");
        b.Property(a => a.After).HasColumnType("jsonb");
        b.Property(a => a.At).HasDefaultValueSql("now()");
        b.HasIndex(a => new { a.Entity, a.EntityId });
    }
}
