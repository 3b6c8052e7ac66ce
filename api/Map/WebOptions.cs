using Microsoft.Extensions.FileProviders;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>The built web map (web/dist) served at "/". Section "Web" of the configuration.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";
    /// <summary>Folder of the built site; empty means web/dist found upwards from the content root.</summary>
    public string? Root { get; set; }
}

public static class WebSetup
{
    public static WebApplication UseWebMap(this WebApplication app)
    {
        var root = app.Configuration.GetSection(WebOptions.Section).Get<WebOptions>()?.Root;
        root = string.IsNullOrWhiteSpace(root) ? FindDist(app.Environment.ContentRootPath) : root;
        if (root is null || !Directory.Exists(root))
        {
            app.Logger.LogWarning("No built web map found (web/dist); run 'npm run build' in web/ or './atlas up'. Serving the API only.");
            return app;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // GeoJSON/TopoJSON basemap files are not in the default content-type map.
            ContentTypeProvider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider
            {
                Mappings = { [".topojson"] = "application/json", [".geojson"] = "application/geo+json", [".mjs"] = "text/javascript" },
            },
        });
        return app;
    }

    private static string? FindDist(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
