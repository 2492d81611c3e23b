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

    [Fact]
    public async Task ShippedTemplates_ProfileOfOnlyTheKeysRead_RenderWhatTheWholeProfileRenders()
    {
        var templates = ShippedTemplates();
        var files = Directory.GetFiles(Path.Combine(RepoRoot(), "journeys", "templates"), "*.en.liquid").Select(f => Path.GetFileName(f).Split('.')).ToList();
        var profile = Customer("c1", "Europe/London", "email", "sms", "push") with
        {
            Attributes = ValueJson.Parse("""{"tier":"Gold","points":1200,"pointsExpireOn":"2026-12-31","firstName":"Ada","address":{"city":"London"}}"""),
            Tags = ["vip"],
        };
        var now = At("2026-03-04T10:00:00Z");

        foreach (var parts in files)
        {
            var (planned, whole) = (await SendOne(templates, profile, now, parts[0], parts[1]), await SendOne(new WholeModel(templates), profile, now, parts[0], parts[1]));

            Assert.Equal(whole.Body, planned.Body);
            Assert.Equal(whole.Subject, planned.Subject);
        }

        Assert.True(files.Count >= 40, $"{files.Count} shipped templates in en");
    }

    private static async Task<OutboundMessage> SendOne(ITemplateRenderer renderer, Engagement.Engine.Profiles.CustomerProfile profile, Instant now, string template, string channel)
    {
        var stores = new InMemoryStores();
        var outbox = new List<OutboundMessage>();
        var pipeline = new DeliveryPipeline(
            ShippedPolicy(), stores, renderer, [new OutboxChannel("email", outbox), new OutboxChannel("sms", outbox), new OutboxChannel("push", outbox)],
            stores, stores, new FakeDeferredQueue(), new UnsubscribeLinks("https://shop.example/unsubscribe", Tokens, Duration.FromDays(30)), null,
            (_, _) => ValueTask.CompletedTask);
        await stores.SaveAsync(profile, CancellationToken.None);
        var request = Request(Journey("welcome", Journeys.Definitions.JourneyCategory.Transactional), profile, now, channel);
        await pipeline.DeliverAsync([request with { Send = request.Send with { Template = template } }], CancellationToken.None);
        return Assert.Single(outbox);
    }

    /// <summary>The same templates without telling the pipeline what they read: it passes every root whole.</summary>
    private sealed class WholeModel(LiquidTemplateRenderer templates) : ITemplateRenderer
    {
        public bool Exists(string templateId, string channel) => templates.Exists(templateId, channel);

        public RenderedTemplate? Render(TemplateRequest request) => templates.Render(request);

        public string RenderText(string liquid, TemplateRequest model) => templates.RenderText(liquid, model);
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
