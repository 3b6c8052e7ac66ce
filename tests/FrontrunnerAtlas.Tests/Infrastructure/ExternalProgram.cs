using System.ComponentModel;
using System.Diagnostics;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// A program the tests run as a user would (docker-compose, GDAL): its exit code and what it printed, within a time
/// limit. A program that is not installed fails with <c>missing</c>, which says how to get it: never a skip.
/// </summary>
public static class ExternalProgram
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan limit, string missing)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(missing, ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds} s.");
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
