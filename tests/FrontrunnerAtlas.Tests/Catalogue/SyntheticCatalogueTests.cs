using FrontrunnerAtlas.Api.Catalogue;

namespace FrontrunnerAtlas.Tests.Catalogue;

public sealed class SyntheticCatalogueTests
{
    [Fact]
    public void Generates_the_asked_size_in_several_languages_within_Europe()
    {
        var bundle = SyntheticCatalogue.Generate(places: 300, practices: 2000, seed: 7);
        Assert.Equal(300, bundle.Places.Count);
        Assert.Equal(2000, bundle.Practices.Count);
        Assert.All(bundle.Places, p =>
        {
            Assert.InRange(p.Latitude!.Value, 34, 72);
            Assert.InRange(p.Longitude!.Value, -25, 45);
        });
        Assert.True(bundle.Practices.Select(p => p.Language).Distinct().Count() >= 8);
        Assert.Equal(bundle.Practices.Count, bundle.Practices.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_catalogue()
    {
        var a = SyntheticCatalogue.Generate(20, 50, seed: 3);
        var b = SyntheticCatalogue.Generate(20, 50, seed: 3);
        Assert.Equal(a.Practices.Select(p => p.Title), b.Practices.Select(p => p.Title));
        Assert.Equal(a.Places.Select(p => p.Latitude), b.Places.Select(p => p.Latitude));
    }
}
