using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FrontrunnerAtlas.Api.Accounts;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>One service and database for the account tests; each test makes its own people (unique e-mail addresses).</summary>
public class AccountsApp : AtlasApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Many tests file access requests from the one test client; the limit itself has its own test host.
        ["Accounts:AccessRequestPermits"] = "1000",
    };

    /// <summary>Makes every query of access requests fail while on: a real 500 from inside the pipeline.</summary>
    public FailingQueries Failing { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Failing));
    }

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.eu";

    /// <summary>A person made with `users create ... --password-stdin`, as an operator would.</summary>
    public Task<(string Email, string Password)> PersonAsync(string role, string? place = null) => PersonAsync(Services, role, place);

    /// <summary>The same on any test host's services (the browser tests' too).</summary>
    public static async Task<(string Email, string Password)> PersonAsync(IServiceProvider services, string role, string? place = null)
    {
        var email = NewEmail(role);
        var password = "long enough password " + Guid.NewGuid().ToString("N")[..6];
        var args = new List<string> { "create", "--email", email, "--role", role, "--name", $"Test {role}", "--password-stdin" };
        if (place is not null) args.AddRange(["--place", place]);
        var (code, output) = await UsersAsync(services, [.. args], password + "\n");
        Assert.True(code == 0, output);
        return (email, password);
    }

    /// <summary>The `users` command as the operator runs it: its exit code and what it printed.</summary>
    public Task<(int Code, string Output)> UsersAsync(string[] args, string input = "") => UsersAsync(Services, args, input);

    private static async Task<(int Code, string Output)> UsersAsync(IServiceProvider services, string[] args, string input)
    {
        await using var scope = services.CreateAsyncScope();
        var output = new StringWriter();
        var code = await UsersCommand.RunAsync(scope.ServiceProvider, args, new StringReader(input), output);
        return (code, output.ToString());
    }

    /// <summary>A browser-like client: signed in with the session cookie and sending the antiforgery token on writes.</summary>
    public async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var http = CreateClient();
        var login = await http.PostAsJsonAsync("/account/login", new { email, password });
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await http.GetJsonAsync("/account/antiforgery"))["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Add(AccountsSetup.AntiforgeryHeader, token);
        return http;
    }

    public async Task<HttpClient> SignedInAsAsync(string role, string? place = null)
    {
        var (email, password) = await PersonAsync(role, place);
        return await SignedInAsync(email, password);
    }

    /// <summary>The audit log as text, one "action: after" line an entry (the after column is jsonb).</summary>
    public async Task<List<string>> AuditAsync()
    {
        await using var db = Db();
        return await db.Database.SqlQueryRaw<string>("SELECT action || ': ' || coalesce(after::text, '') AS \"Value\" FROM audit_entries").ToListAsync();
    }

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        HttpExtensions.AssertNoInternals(body);
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsCollection : ICollectionFixture<AccountsApp>
{
    public const string Name = "accounts";
}

public sealed class FailingQueries : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    public volatile bool On;

    public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
        System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
        Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken ct = default) =>
        On && command.CommandText.Contains("access_requests", StringComparison.Ordinal)
            ? throw new InvalidOperationException("broken on purpose by the test")
            : base.ReaderExecutingAsync(command, eventData, result, ct);
}
