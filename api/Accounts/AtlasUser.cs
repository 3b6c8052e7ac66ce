using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Places;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>A person who signs in. The role is an Identity role named after <see cref="ApiRole"/>, so that keys and people carry the same role claims.</summary>
public sealed class AtlasUser : IdentityUser
{
    public string Name { get; set; } = "";
    /// <summary>The one place a place representative speaks for; empty for editors and reviewers.</summary>
    public string? PlaceId { get; set; }
    public Place? Place { get; set; }
    /// <summary>A disabled person cannot sign in; their session and their keys stop working on the next request.</summary>
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AtlasUserConfiguration : IEntityTypeConfiguration<AtlasUser>
{
    public void Configure(EntityTypeBuilder<AtlasUser> b)
    {
        b.ToTable("users");
        b.Property(u => u.Name).HasMaxLength(200);
        b.HasOne(u => u.Place).WithMany().HasForeignKey(u => u.PlaceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
    }
}

/// <summary>The three roles exist from the first migration on; ids are fixed so that the seed never changes.</summary>
internal sealed class AtlasRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> b) => b.ToTable("roles").HasData(
        Enum.GetValues<ApiRole>().Select(r => new IdentityRole
        {
            Id = "role-" + QueryValues(r), Name = r.ToString(), NormalizedName = r.ToString().ToUpperInvariant(),
            ConcurrencyStamp = "role-" + QueryValues(r),
        }));

    private static string QueryValues(ApiRole r) => Infrastructure.QueryValues.Snake(r);
}

/// <summary>Identity's other tables in the database's own spelling (Identity names them AspNet...).</summary>
internal sealed class IdentityTablesConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>, IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>, IEntityTypeConfiguration<IdentityUserToken<string>>, IEntityTypeConfiguration<IdentityRoleClaim<string>>,
    IEntityTypeConfiguration<IdentityUserPasskey<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b) => b.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> b) => b.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> b) => b.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> b) => b.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> b) => b.ToTable("role_claims");
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<string>> b)
    {
        b.ToTable("user_passkeys");
        // What the authenticator told at registration (public key, counter, flags) as one JSON column, as Identity's schema 3 keeps it.
        b.OwnsOne(p => p.Data, d => d.ToJson());
    }
}
