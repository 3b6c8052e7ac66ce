using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FrontrunnerAtlas.Bench;

/// <summary>
/// `serve-bytes --file F --port P [--encoding gzip] [--type T]`: Kestrel with nothing but one handler that writes the same
/// bytes to every request, as the API writes a cached answer. load.sh runs it beside nginx and the API, so the figures show
/// what Kestrel itself costs per answer (it has no sendfile: every body is copied into its pipe) apart from what the
/// API adds on top (routing, limits, headers, the cache lookup).
/// </summary>
public static class BytesServer
{
    public static async Task RunAsync(string[] args)
    {
        var file = BenchSupport.Arg(args, "--file", "");
        var port = BenchSupport.Arg(args, "--port", 5193);
        var encoding = BenchSupport.Arg(args, "--encoding", "");
        var type = BenchSupport.Arg(args, "--type", "application/geo+json");
        var bytes = await File.ReadAllBytesAsync(file);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(async http =>
        {
            if (encoding.Length > 0) http.Response.Headers.ContentEncoding = encoding;
            http.Response.ContentType = type;
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        });
        Console.WriteLine($"serving {bytes.Length} bytes of {file} on port {port}");
        await app.RunAsync();
    }
}
