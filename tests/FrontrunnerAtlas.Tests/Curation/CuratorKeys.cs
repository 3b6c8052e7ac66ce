using System.Net.Http.Headers;
using System.Net.Http.Json;
using FrontrunnerAtlas.Api.Access;
using FrontrunnerAtlas.Tests.Infrastructure;

namespace FrontrunnerAtlas.Tests.Curation;

/// <summary>Clients with a fresh key of a role, and requests with If-Match, as curators send them.</summary>
public static class CuratorKeys
{
    public static async Task<HttpClient> As(this AtlasApp app, string role)
    {
        await using var db = app.Db();
        var output = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(db, ["create", "--role", role, "--name", $"{role} of the test"], output));
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.ToString().Trim().Split('\n').Last().Trim());
        return http;
    }

    public static Task<HttpResponseMessage> Send(this HttpClient http, HttpMethod method, string url, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return http.SendAsync(request);
    }
}
