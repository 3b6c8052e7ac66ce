using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Api.Accounts;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Downloads;
using FrontrunnerAtlas.Api.Infrastructure;
using FrontrunnerAtlas.Api.Map;
using FrontrunnerAtlas.Api.Mentors;
using FrontrunnerAtlas.Api.OData;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Search;
using FrontrunnerAtlas.Api.Towns;

var command = args.Length > 0 && Commands.Names.Contains(args[0]) ? args : null;
var builder = WebApplication.CreateBuilder(command is null ? args : []);
if (command is not null)
    // A command reports its own progress. EF would add every SQL statement (at info wherever appsettings.json is
    // not in the current folder) and a 'fail' for the history table a new database cannot have yet; a real
    // failure still ends the command with its exception.
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
        .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls($"http://127.0.0.1:{Environment.GetEnvironmentVariable("ATLAS_PORT") ?? "5080"}");
// The answer names no server software.
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

builder.Services
    .AddAtlasInfrastructure(builder.Configuration)
    .AddAtlasLocalization()
    .AddAccess()
    .AddAccounts(builder.Configuration)
    .AddAtlasOData(builder.Configuration)
    .AddMap(builder.Configuration)
    .AddSearch(builder.Configuration)
    .AddMentors(builder.Configuration)
    .AddTowns(builder.Configuration)
    .AddProtection(builder.Configuration)
    .AddLandingPage()
    .AddAtlasCompression()
    .AddDownloads(builder.Configuration);

// A parameter that does not bind (?km=abc) throws, so that the error handler can answer with its name.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

if (command is not null)
    return await Commands.RunAsync(app.Services, command);

app.UseTrustedProxies();
app.UseResponseCompression();
app.UseAtlasLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages(ODataErrors.StatusCodePage);
app.UseProtection();
app.UseODataPublicLinks();
app.UseODataFormats();
app.UseLandingPage();
app.UseWebMap();
app.UseAccounts();
app.UseAuthorization();

app.MapHealth();
app.MapControllers();
app.MapMap();
app.MapLandingPage();
app.MapPlaces();
app.MapAccess();
app.MapAccounts();
app.MapCatalogue();
app.MapSearch();
app.MapMentors();
app.MapTowns();
app.MapCuration();
app.MapDownloads();

await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
