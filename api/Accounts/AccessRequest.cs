using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Accounts;

public enum AccessRequestStatus { Pending, Approved, Declined, Accepted }

/// <summary>
/// Someone asking for an account. A reviewer approves it, which issues a single-use invitation; only a SHA-256
/// hash of the invitation token is kept (like an API key's, it is 256 random bits, so a fast hash is enough).
/// </summary>
public sealed class AccessRequest
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Organisation { get; set; }
    public string? PlaceId { get; set; }
    public ApiRole Role { get; set; }
    public string? Message { get; set; }
    public AccessRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? InvitationHash { get; set; }
    public DateTimeOffset? InvitationExpiresAt { get; set; }
    /// <summary>The account the accepted invitation made.</summary>
    public string? UserId { get; set; }
}

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> b)
    {
        b.ToTable("access_requests");
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Email).HasMaxLength(256);
        b.Property(r => r.Organisation).HasMaxLength(200);
        b.Property(r => r.Message).HasMaxLength(2000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.InvitationHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(r => r.InvitationHash).IsUnique();
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
    }
}
