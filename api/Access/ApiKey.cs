using System.Security.Cryptography;
using System.Text;
using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Access;

/// <summary>An API key for writes. Only a SHA-256 hash of the secret is stored.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public ApiRole Role { get; set; }
    /// <summary>Optional: the place a place representative may speak for.</summary>
    public string? PlaceId { get; set; }
    /// <summary>First characters of the key, so an operator can tell keys apart without the secret.</summary>
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The person who made the key (POST /api/keys); empty for keys made on the command line.</summary>
    public string? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    // A plain SHA-256 is enough: keys are 256 random bits, so there is nothing to brute-force
    // and a slow password hash would only cost time on every request.
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() =>
        "fa_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasIndex(k => k.KeyHash).IsUnique();
        b.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
        b.Property(k => k.Name).HasMaxLength(200);
        b.Property(k => k.CreatedAt).HasDefaultValueSql("now()");
        b.HasOne<Accounts.AtlasUser>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(k => k.OwnerId);
    }
}
