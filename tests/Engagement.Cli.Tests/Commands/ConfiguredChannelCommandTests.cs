namespace Engagement.Cli.Tests.Commands;

/// <summary><c>engage validate</c> and <c>engage simulate</c> accept a channel defined only in the engage.json of the current folder.</summary>
public sealed class ConfiguredChannelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-cli-pigeon-").FullName;

    public ConfiguredChannelCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "journeys", "templates"));
        File.WriteAllText(Path.Combine(_dir, "journeys", "templates", "coo.pigeon.en.liquid"), "Coo");
        File.WriteAllText(Path.Combine(_dir, "journeys", "coo.json"), """
            { "id": "coo", "version": 1, "name": "Coo", "category": "transactional", "trigger": { "event": "customer.registered" },
              "start": "send", "steps": { "send": { "type": "send", "channel": "pigeon", "template": "coo", "next": "done" }, "done": { "type": "exit" } } }
            """);
        File.WriteAllText(Path.Combine(_dir, "profiles.jsonl"), """{ "customerId": "c1", "locale": "en", "attributes": { "loftId": "loft-77" } }""" + "\n");
        File.WriteAllText(Path.Combine(_dir, "events.jsonl"), """{ "id": "e1", "type": "customer.registered", "customerId": "c1", "time": "2026-03-02T02:00:00Z" }""" + "\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ValidateAndSimulate_ChannelDefinedInEngageJson_AcceptAndSendOnIt()
    {
        var without = Engage.RunIn(_dir, "validate", "journeys");
        File.WriteAllText(Path.Combine(_dir, "engage.json"), """{ "channels": { "pigeon": { "addressField": "loftId" } } }""");

        var validate = Engage.RunIn(_dir, "validate", "journeys");
        var simulate = Engage.RunIn(_dir, "simulate", "--journeys", "journeys", "--profiles", "profiles.jsonl", "--events", "events.jsonl", "--out", "timeline.jsonl");

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("'channel' is \"pigeon\"", without.Out + without.Error, StringComparison.Ordinal);
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal(0, simulate.ExitCode);
        Assert.Contains(File.ReadLines(Path.Combine(_dir, "timeline.jsonl")), l => l.Contains("\"kind\":\"sent\"", StringComparison.Ordinal) && l.Contains("\"channel\":\"pigeon\"", StringComparison.Ordinal));
    }
}
