using System.IO.Compression;
using System.Text.Json;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Initiatives;
using FrontrunnerAtlas.Api.Places;
using FrontrunnerAtlas.Api.Practices;
using FrontrunnerAtlas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FrontrunnerAtlas.Tests.Downloads;

/// <summary>Published records that point at a draft: the zip names only public records and still imports.</summary>
public sealed class HiddenReferenceTests(AtlasApp app) : IClassFixture<AtlasApp>
{
    [Fact]
    public async Task A_published_record_pointing_at_a_draft_place_does_not_reveal_it_and_the_zip_still_imports()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = app.Db())
        {
            db.Places.Add(new Place
            {
                Id = "ee-downloads-draft", Name = "Hidden draft town", Kind = PlaceKind.City, Country = "EE", Role = PlaceRole.Peer,
                Source = "tarkade-linnade-klubi", Status = PublicationStatus.Draft, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            db.Memberships.Add(new Membership
            {
                PlaceId = "ee-downloads-draft", InitiativeId = "lli-431-smart-planning", Role = MembershipRole.Participant,
                Source = "tarkade-linnade-klubi", Status = PublicationStatus.Published,
            });
            db.Practices.Add(new Practice
            {
                Id = "p98-downloads-published", Title = "A published practice of a draft place", Summary = "Public.",
                Themes = [Theme.Mobility], Source = "tarkade-linnade-klubi", PlaceId = "ee-downloads-draft",
                Status = PublicationStatus.Published, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        var bytes = await app.CreateClient().GetByteArrayAsync("/downloads/catalogue.zip");
        var folder = Directory.CreateTempSubdirectory("atlas-download-").FullName;
        var cs = await TestDatabase.CreateEmptyAsync("atlas_t_dlh_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            new ZipArchive(new MemoryStream(bytes)).ExtractToDirectory(folder);
            Assert.DoesNotContain("ee-downloads-draft", string.Join("\n", Directory.GetFiles(folder).Select(File.ReadAllText)));
            var practice = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "practices.json"))).RootElement.EnumerateArray()
                .Single(p => p.GetProperty("id").GetString() == "p98-downloads-published");
            Assert.Equal(JsonValueKind.Null, practice.GetProperty("placeId").ValueKind);

            await using var fresh = TestDatabase.Context(cs);
            await fresh.Database.MigrateAsync();
            await new CatalogueImporter(fresh).ImportAsync(CatalogueImporter.ReadFolder(folder));
            Assert.True(await fresh.Practices.AnyAsync(p => p.Id == "p98-downloads-published"));
        }
        finally
        {
            await TestDatabase.DropAsync(cs);
            Directory.Delete(folder, recursive: true);
        }
    }
}
