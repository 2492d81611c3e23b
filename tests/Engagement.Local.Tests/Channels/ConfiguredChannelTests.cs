using System.Text.Json;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Simulation;
using Engagement.Engine.Timeline;
using Engagement.Journeys.Channels;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;
using Engagement.Local.Tests.Configuration;

namespace Engagement.Local.Tests.Channels;

/// <summary>A fourth channel defined only in engage.json goes through validate, simulate and serve's webhook transport with no
/// change to src/: the registry is the one extension point.</summary>
public sealed class ConfiguredChannelTests : IDisposable
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private static readonly FixedTimeProvider Clock = FixedTimeProvider.At2026;
    private readonly string _journeys = Directory.CreateTempSubdirectory("engage-pigeon-").FullName;

    public ConfiguredChannelTests()
    {
        Directory.CreateDirectory(Path.Combine(_journeys, "templates"));
        File.WriteAllText(Path.Combine(_journeys, "templates", "coo.pigeon.en.liquid"), "Coo, {{ profile.tier }} member");
        File.WriteAllText(Path.Combine(_journeys, "templates", "coo.email.en.liquid"), "Coo by email, {{ profile.tier }} member");
        File.WriteAllText(Path.Combine(_journeys, "coo.json"), """
            { "id": "coo", "version": 1, "name": "Coo", "category": "transactional", "trigger": { "event": "customer.registered" },
              "start": "send", "steps": { "send": { "type": "send", "channel": "pigeon", "template": "coo", "fallback": ["email"], "next": "done" },
                                          "done": { "type": "exit" } } }
            """);
    }

    public void Dispose() => Directory.Delete(_journeys, recursive: true);

    [Fact]
    public async Task ChannelDefinedInEngageJson_IsValidatedSimulatedAndSentThroughItsWebhook()
    {
        using var isolated = ChannelRegistry.Isolate(); // pigeon stays out of the registry the other tests of this process see
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(200, """{"id":"loft-1"}"""));
        using var config = new TempConfig($$"""
            { "channels": { "pigeon": { "addressField": "loftId", "transport": "webhook", "webhook": { "url": "{{receiver.Url}}", "secret": "{{Secret}}" } } } }
            """);

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal("loftId", ChannelRegistry.Shared.Find("pigeon")!.AddressField);
        var catalog = JourneyCatalog.Load(_journeys, out var diagnostics);
        Assert.Empty(diagnostics);

        var simulated = await new Simulator(catalog).RunAsync(
            ["""{ "customerId": "c1", "locale": "en", "attributes": { "loftId": "loft-77", "tier": "Gold" } }"""],
            ["""{ "id": "e1", "type": "customer.registered", "customerId": "c1", "time": "2026-03-02T02:00:00Z" }"""],
            new SimulationOptions(Render: true));
        var sent = Assert.Single(simulated.Timeline, t => t.Kind == TimelineKind.Sent);
        Assert.Equal("pigeon", sent.Channel);
        var message = Assert.Single(simulated.Messages);
        Assert.Equal(("pigeon", "loft-77", "Coo, Gold member"), (message.Channel, message.To, message.Body));

        await using var transports = ChannelTransports.Create(options, Clock);
        var result = await transports.For("pigeon").SendAsync(message, CancellationToken.None);

        Assert.Equal(SendResult.Ok("loft-1"), result);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal("pigeon", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("loft-77", json.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public void ChannelNotRegistered_IsAValidationErrorInJourneysAndConfiguration()
    {
        File.WriteAllText(Path.Combine(_journeys, "fax.json"), """
            { "id": "fax", "version": 1, "name": "Fax", "trigger": { "event": "x" }, "start": "s",
              "steps": { "s": { "type": "send", "channel": "fax-machine", "template": "coo", "next": "e" }, "e": { "type": "exit" } } }
            """);
        using var config = new TempConfig("""{ "channels": { "fax-machine": { "transport": "outbox" } } }""");

        JourneyCatalog.Load(_journeys, out var diagnostics);
        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Contains(diagnostics, d => d.Message.Contains("fax-machine", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("channels.fax-machine.addressField: required", StringComparison.Ordinal));
        Assert.False(ChannelRegistry.Shared.Contains("fax-machine"));
    }
}
