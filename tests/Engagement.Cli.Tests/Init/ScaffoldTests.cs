using System.Text;
using Engagement.Cli.Init;
using Newtonsoft.Json.Linq;

namespace Engagement.Cli.Tests.Init;

public sealed class ScaffoldTests
{
    private static readonly IReadOnlyList<(string Path, byte[] Content)> Files = Scaffold.Files();

    [Fact]
    public void Files_EmbedTheRepositorysJourneysAndSamples_ByteForByte()
    {
        foreach (var relative in new[] { "journeys/welcome.json", "journeys/journey.schema.json", "samples/events.jsonl", "engage.schema.json" })
        {
            var (path, content) = Assert.Single(Files, f => f.Path == relative);
            var source = relative == "engage.schema.json" ? Path.Combine(Engage.Root, "docs", relative) : Path.Combine(Engage.Root, relative);
            Assert.True(File.ReadAllBytes(source).AsSpan().SequenceEqual(content), $"{path} differs from {source}");
        }
    }

    [Fact]
    public void Files_HaveUniqueForwardSlashPaths_InAStableOrder()
    {
        var paths = Files.Select(f => f.Path).ToList();

        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(paths, p => p.Contains('\\', StringComparison.Ordinal) || p.StartsWith('/'));
        Assert.Equal(paths, Scaffold.Files().Select(f => f.Path));
    }

    [Fact]
    public void EngageJson_PointsAtTheScaffoldedJourneysAndSchema()
    {
        var json = JObject.Parse(Encoding.UTF8.GetString(Assert.Single(Files, f => f.Path == "engage.json").Content));

        Assert.Equal(("./engage.schema.json", "journeys"), ((string?)json["$schema"], (string?)json["journeys"]));
        Assert.Contains(Files, f => f.Path == "engage.schema.json");
    }

    [Fact]
    public void GitIgnore_KeepsTheDatabaseAndTheKeyFileOutOfVersionControl()
    {
        var lines = Encoding.UTF8.GetString(Assert.Single(Files, f => f.Path == ".gitignore").Content).Split('\n');

        Assert.Contains(Scaffold.KeyFileName, lines);
        Assert.Contains(lines, l => l.StartsWith("engage.db", StringComparison.Ordinal));
    }
}
