using System.Text;
using Engagement.Engine.Delivery;
using Engagement.Engine.InMemory;
using Engagement.Engine.Policies;
using Engagement.Engine.Ports;
using Engagement.Engine.Templates;
using Engagement.Engine.Timeline;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Values;
using NodaTime;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>The pipeline with the real Liquid renderer, the shipped templates and policies, and the in-memory stores.</summary>
public class DeliveryPipelineIntegrationTests
{
    private static readonly UnsubscribeTokens Tokens = new(Encoding.UTF8.GetBytes("integration-test-key-0123456789abcdef"));

    [Fact]
    public async Task ShippedPolicyAndTemplates_BirthdayEmail_CarriesAValidUnsubscribeLinkAndSendsOnce()
    {
        var stores = new InMemoryStores();
        var outbox = new List<OutboundMessage>();
        var pipeline = new DeliveryPipeline(
            ShippedPolicy(),
            stores,
            ShippedTemplates(),
            [new OutboxChannel("email", outbox), new OutboxChannel("sms", outbox), new OutboxChannel("push", outbox)],
            stores,
            stores,
            new FakeDeferredQueue(),
            new UnsubscribeLinks("https://shop.example/unsubscribe", Tokens, Duration.FromDays(30)),
            null,
            (_, _) => ValueTask.CompletedTask);
        var profile = Customer("c1", "Europe/London", "email") with { Attributes = Value.EmptyObject.With("tier", Value.FromString("Gold")) };
        await stores.SaveAsync(profile, CancellationToken.None);
        var now = At("2026-03-04T10:00:00Z");
        var request = Request(Journey("birthday"), profile, now) with { Send = Request(Journey("birthday"), profile, now).Send with { Template = "birthday-greeting" } };

        await pipeline.DeliverAsync([request, request], CancellationToken.None);
        await pipeline.DeliverAsync([request], CancellationToken.None);

        var message = Assert.Single(outbox);
        Assert.Contains("20% off", message.Body, StringComparison.Ordinal);
        var link = message.Headers["List-Unsubscribe"].Trim('<', '>');
        Assert.Contains(link, message.Body, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.True(Tokens.TryValidate(token, now, out var customer, out var channel, out _));
        Assert.Equal(("c1", "email"), (customer, channel));
        Assert.Equal(TimelineKind.Sent, Assert.Single(stores.Timeline).Kind);
        Assert.Equal(LedgerStatus.Sent, (await ((IMessageLedger)stores).GetAsync(request.Send.LedgerKey, CancellationToken.None))!.Status);
    }

    private static DeliveryPolicy ShippedPolicy()
    {
        var path = Path.Combine(RepoRoot(), "journeys", "policies.json");
        Assert.True(PolicyParser.TryParse(path, File.ReadAllText(path), out var policy, out var diagnostics), string.Join("\n", diagnostics));
        return policy!;
    }

    private static LiquidTemplateRenderer ShippedTemplates()
    {
        var renderer = new LiquidTemplateRenderer();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "journeys", "templates"), "*.liquid"))
        {
            Assert.Null(renderer.Add(file, File.ReadAllText(file)));
        }

        return renderer;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
