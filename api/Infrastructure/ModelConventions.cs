using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>Database-side rules shared by every catalogue table.</summary>
internal static class ModelConventions
{
    /// <summary>The slug pattern the catalogue files and the URLs use.</summary>
    public const string SlugRegex = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static void HasSlugKey<T>(this EntityTypeBuilder<T> b, string table) where T : class
    {
        b.Property<string>("Id").HasMaxLength(80);
        b.ToTable(table, t => t.HasCheckConstraint($"ck_{table}_id_slug", $"id ~ '{SlugRegex}'"));
    }
}
