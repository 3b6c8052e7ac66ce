using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Accounts;

/// <summary>
/// `users create --email E --role R [--place ID] [--name N] --password-stdin`, `users list`, `users disable E`:
/// the first reviewer of a fresh install, and the operator's way to stop an account at once.
/// </summary>
internal static class UsersCommand
{
    public const string Usage = "usage: users create --email E --role editor|reviewer|place-representative [--place id] [--name text] --password-stdin | users list | users disable E";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<AtlasUser>>();
        var db = services.GetRequiredService<AtlasDbContext>();
        switch (args.FirstOrDefault())
        {
            case "create":
            {
                var email = Option(args, "--email");
                var place = Option(args, "--place");
                if (email is null || !AccountsSetup.TryRole(Option(args, "--role"), out var role) || !args.Contains("--password-stdin"))
                {
                    output.WriteLine(Usage);
                    return 2;
                }
                if (role == ApiRole.PlaceRepresentative && place is null) { output.WriteLine("A place representative needs --place <place id>."); return 2; }
                if (place is not null && !await db.Places.AnyAsync(p => p.Id == place)) { output.WriteLine($"No place has id '{place}'."); return 2; }
                // The password comes on standard input, so that it is in neither the shell history nor the process list.
                var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
                var user = new AtlasUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, Name = Option(args, "--name") ?? email,
                    PlaceId = role == ApiRole.PlaceRepresentative ? place : null, CreatedAt = DateTimeOffset.UtcNow,
                };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    foreach (var e in created.Errors) output.WriteLine(e.Description);
                    return 1;
                }
                await users.AddToRoleAsync(user, role.ToString());
                db.Audit.Add(Curation.AuditEntry.ByCommandLine("user-created", "accounts", user.Id, new { user.Email, role = role.ToString(), user.PlaceId }));
                await db.SaveChangesAsync();
                output.WriteLine($"Created {QueryValues.Snake(role)} {email} ({user.Id}); sign in with POST /account/login.");
                return 0;
            }
            case "list":
                foreach (var u in await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync())
                    output.WriteLine($"{u.Id}  {u.Email,-40} {string.Join(',', await users.GetRolesAsync(u)),-20} {u.PlaceId ?? "-",-20} {(u.Disabled ? "disabled" : "active")}");
                return 0;
            case "disable":
            {
                var email = args.ElementAtOrDefault(1);
                var user = email is null ? null : await users.FindByEmailAsync(email);
                if (user is null) { output.WriteLine($"No account has the e-mail address '{email}'."); return 1; }
                user.Disabled = true;
                // A new stamp ends the sessions; the flag also stops the person's keys (see ApiKeyHandler).
                await users.UpdateSecurityStampAsync(user);
                db.Audit.Add(Curation.AuditEntry.ByCommandLine("user-disabled", "accounts", user.Id, new { user.Email }));
                await db.SaveChangesAsync();
                output.WriteLine($"Disabled {user.Email}; their session and keys are refused from the next request on.");
                return 0;
            }
            default:
                output.WriteLine(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
