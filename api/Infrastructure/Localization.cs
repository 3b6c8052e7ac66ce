using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace FrontrunnerAtlas.Api.Infrastructure;

/// <summary>
/// The texts of the problem details people read (title, detail, field messages) in the interface's languages.
/// The English text is the key (Messages.resx lists every key, Messages.{et,lv,lt,fi,pl}.resx translate them), so
/// handlers read as they answer and a text not translated yet comes out in English. Values go in as composite
/// format items ({0}), never into the key.
/// </summary>
public sealed class Messages;

public static class Localization
{
    /// <summary>The interface languages of web/src/i18n, English first (the default).</summary>
    public static readonly string[] Languages = ["en", "et", "lv", "lt", "fi", "pl"];

    public static IServiceCollection AddAtlasLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var ui = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            // Only the words follow the person: numbers and dates the API writes (CSV, OData, GeoJSON, headers)
            // keep the one culture they always had, whatever Accept-Language says.
            var formatting = CultureInfo.CurrentCulture;
            o.DefaultRequestCulture = new RequestCulture(formatting, ui[0]);
            o.SupportedCultures = [formatting];
            o.SupportedUICultures = ui;
            // "lv-LV" is answered in "lv".
            o.FallBackToParentUICultures = true;
            // Accept-Language only: the language is the browser's (or the web's menu's, which sends it), never a
            // cookie or a query parameter that would change what a URL answers.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails += c =>
        {
            if (!PeopleFacing(c.HttpContext.Request.Path)) return;
            // The answer depends on the language asked: a shared cache keeps one copy per language.
            c.HttpContext.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
            // A validation problem made without a title gets the framework's English one; said in the language too.
            if (c.ProblemDetails is HttpValidationProblemDetails { Title: DefaultValidationTitle })
                c.ProblemDetails.Title = c.HttpContext.Texts()[DefaultValidationTitle];
        });
        return services;
    }

    /// <summary>
    /// Sets the request's UI culture from Accept-Language (unknown languages: English). Scope: the routes people
    /// reach through the web (accounts, mentoring, the editor's curation API, API keys). OData (/odata, whose error
    /// format is for machine clients) and the OGC routes (/, /collections) answer in English whatever is asked;
    /// their texts are never passed through <see cref="Messages"/>.
    /// </summary>
    public static WebApplication UseAtlasLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>ASP.NET Core's title of a validation problem (HttpValidationProblemDetails), a key of <see cref="Messages"/>.</summary>
    public const string DefaultValidationTitle = "One or more validation errors occurred.";

    /// <summary>The routes whose problems are said in the person's language: /api and /account, never /odata or the OGC routes.</summary>
    public static bool PeopleFacing(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/account");

    /// <summary>The localizer of a request, for code that has the HttpContext but no handler parameters (events, middleware).</summary>
    public static IStringLocalizer<Messages> Texts(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();

    /// <summary>A validation problem whose messages are keys of <see cref="Messages"/> without values (RecordSchemas' own words).</summary>
    public static Dictionary<string, string[]> Localized(this IStringLocalizer<Messages> l, Dictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => l[m].Value).ToArray());
}
