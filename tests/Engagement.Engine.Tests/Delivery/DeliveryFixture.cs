using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Policies;
using Engagement.Engine.Profiles;
using Engagement.Engine.Unsubscribe;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Engine.Tests.Delivery;

/// <summary>A pipeline wired to fakes, with builders for journeys, profiles and requests.</summary>
internal sealed class DeliveryFixture
{
    public DeliveryFixture(DeliveryPolicy? policy = null, UnsubscribeLinks? links = null)
    {
        Policy = policy ?? DeliveryPolicy.Empty;
        Senders = new Dictionary<string, FakeSender> { ["email"] = new("email"), ["sms"] = new("sms"), ["push"] = new("push") };
        Pipeline = new DeliveryPipeline(Policy, Ledger, Renderer, Senders.Values, Profiles, Timeline, Deferred, links, null, (span, _) =>
        {
            Delays.Add(span);
            return ValueTask.CompletedTask;
        });
    }

    public DeliveryPolicy Policy { get; }
    public FakeLedger Ledger { get; } = new();
    public FakeRenderer Renderer { get; } = new();
    public Dictionary<string, FakeSender> Senders { get; }
    public FakeProfiles Profiles { get; } = new();
    public FakeTimeline Timeline { get; } = new();
    public FakeDeferredQueue Deferred { get; } = new();
    public List<TimeSpan> Delays { get; } = [];
    public DeliveryPipeline Pipeline { get; }

    public int ProviderCalls => Senders.Values.Sum(s => s.Calls.Count);

    public static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    public static JourneyDefinition Journey(string id, JourneyCategory category = JourneyCategory.Marketing, int priority = 50, string? zone = null) => new()
    {
        Id = id,
        Version = 1,
        Name = id,
        Category = category,
        Priority = priority,
        TimeZone = zone,
        Trigger = new TriggerDefinition("x.happened", null, null, SourceLocation.None),
        Start = "done",
        Steps = ImmutableDictionary<string, StepDefinition>.Empty.Add("done", new ExitStep("done", SourceLocation.None, "completed")),
    };

    /// <summary>A profile with every contact point, in the given zone, with marketing consent on the given channels.</summary>
    public static CustomerProfile Customer(string id = "c1", string? zone = "UTC", params string[] marketingConsent)
    {
        var at = At("2026-01-01T00:00:00Z");
        return new CustomerProfile
        {
            CustomerId = id,
            Email = id + "@example.com",
            Phone = "+8613800000000",
            PushTokens = ["tok"],
            TimeZone = zone,
            Locale = "en",
            Consents = marketingConsent.Select(c => new ConsentRecord(c, ConsentPurpose.Marketing, true, at, "test")).ToImmutableList(),
        };
    }

    public static DeliveryRequest Request(JourneyDefinition journey, CustomerProfile profile, Instant now, string channel = "email", string step = "s", int occurrence = 1, params string[] fallback)
    {
        var enrollment = EnrollmentState.Create(journey.Id, journey.Version, profile.CustomerId, profile.CustomerId) with { EnteredAt = now };
        var key = $"{enrollment.EnrollmentId}/{step}/{occurrence}";
        return new DeliveryRequest(journey, enrollment, new SendMessage(step, channel, "tpl-" + step, [.. fallback], occurrence, key), profile, now);
    }

    public ValueTask Deliver(params DeliveryRequest[] batch) => Pipeline.DeliverAsync(batch, CancellationToken.None);
}
