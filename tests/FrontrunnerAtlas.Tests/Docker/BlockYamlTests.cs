namespace FrontrunnerAtlas.Tests.Docker;

/// <summary>The reader of `docker-compose config` output, on samples of what PyYAML's safe_dump writes.</summary>
public sealed class BlockYamlTests
{
    [Fact]
    public void Reads_nested_mappings_indentless_sequences_and_folded_scalars()
    {
        const string yaml = """
            services:
              a:
                command:
                - xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy
                  z
                - 'it''s: quoted'
                - "a\tb a\t\
                  b\ c"
                empty: {}
                environment:
                  '8080': 'no'
                  K: a "b" c
                list: []
                none: null
                ports:
                - published: '5080'
                  target: 8080
            version: '3.9'
            """;
        var root = Assert.IsType<Dictionary<string, object?>>(BlockYaml.Parse(yaml));
        Assert.Equal("3.9", root["version"]);
        var a = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(root["services"])["a"]);

        var command = Assert.IsType<List<object?>>(a["command"]);
        Assert.Equal(new object?[] { new string('x', 50) + " " + new string('y', 40) + " z", "it's: quoted", "a\tb a\tb c" }, command);
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(a["empty"]));
        Assert.Empty(Assert.IsType<List<object?>>(a["list"]));
        Assert.Null(a["none"]);

        var env = Assert.IsType<Dictionary<string, object?>>(a["environment"]);
        Assert.Equal("no", env["8080"]);
        Assert.Equal("a \"b\" c", env["K"]);

        var port = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(a["ports"])));
        Assert.Equal("5080", port["published"]);
        Assert.Equal("8080", port["target"]);
    }

    [Theory]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: [1, 2]\n")]
    [InlineData("- a\nb: 1\n")]
    [InlineData("a: 'unclosed\n")]
    public void Rejects_what_it_does_not_understand(string yaml) =>
        Assert.Throws<FormatException>(() => BlockYaml.Parse(yaml));
}
