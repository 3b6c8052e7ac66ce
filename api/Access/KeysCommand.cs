using FrontrunnerAtlas.Api.Curation;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Api.Access;

/// <summary>`keys create --role editor [--name n] [--place id]`, `keys list`, `keys revoke &lt;id or prefix&gt;`.</summary>
internal static class KeysCommand
{
    public static async Task<int> RunAsync(AtlasDbContext db, string[] args, TextWriter output)
    {
        var verb = args.FirstOrDefault();
        switch (verb)
        {
            case "create":
            {
                var roleText = Option(args, "--role");
                if (roleText is null || !Enum.TryParse<ApiRole>(roleText.Replace("-", "").Replace("_", ""), true, out var role))
                {
                    output.WriteLine("keys create needs --role editor|reviewer|place-representative");
                    return 2;
                }
                var secret = ApiKey.NewSecret();
                var key = new ApiKey
                {
                    Id = Guid.NewGuid(), Role = role, Name = Option(args, "--name") ?? $"{role} key",
                    PlaceId = Option(args, "--place"), Prefix = secret[..8], KeyHash = ApiKey.Hash(secret),
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                db.ApiKeys.Add(key);
                db.Audit.Add(AuditEntry.ByCommandLine("create", "keys", key.Id.ToString(), new { key.Name, role = key.Role.ToString(), key.PlaceId, key.Prefix }));
                await db.SaveChangesAsync();
                output.WriteLine($"Created {role} key {key.Id} ({key.Prefix}...). It is shown once; store it now:");
                output.WriteLine(secret);
                return 0;
            }
            case "list":
                foreach (var k in await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync())
                    output.WriteLine($"{k.Id}  {k.Prefix}...  {k.Role,-20} {k.Name}  {(k.RevokedAt is null ? "active" : $"revoked {k.RevokedAt:u}")}");
                return 0;
            case "revoke":
            {
                var which = args.ElementAtOrDefault(1);
                if (string.IsNullOrEmpty(which)) { output.WriteLine("keys revoke <id or prefix>"); return 2; }
                var matches = await db.ApiKeys.Where(k => k.Id.ToString() == which || k.Prefix == which).ToListAsync();
                if (matches.Count != 1) { output.WriteLine($"{matches.Count} keys match '{which}'; nothing revoked."); return 1; }
                matches[0].RevokedAt = DateTimeOffset.UtcNow;
                db.Audit.Add(AuditEntry.ByCommandLine("revoke", "keys", matches[0].Id.ToString(), new { matches[0].Name, matches[0].Prefix }));
                await db.SaveChangesAsync();
                output.WriteLine($"Revoked {matches[0].Id}.");
                return 0;
            }
            default:
                output.WriteLine("usage: keys create --role editor|reviewer|place-representative [--name text] [--place id] | keys list | keys revoke <id or prefix>");
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
