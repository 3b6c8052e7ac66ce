using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AtlasDbContext>
{
    public AtlasDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AtlasDbContext>();
        AtlasDbContext.Configure(builder, "Host=127.0.0.1;Database=atlas_design");
        return new AtlasDbContext(builder.Options);
    }
}
