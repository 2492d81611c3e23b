using Engagement.Engine.Catalog;
using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>
/// The router raises an event again when its message is redelivered after a failure midway; the instance must take the copy
/// for what it is. The journey starts on an order and waits for order.placed twice, so a copy taken as a further order would
/// send a thank-you too many.
/// </summary>
public sealed class RaisedCopyTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 2, 0);
    private readonly string _dir = Directory.CreateTempSubdirectory("engage-copies-").FullName;

    public RaisedCopyTests()
    {
        var templates = Directory.CreateDirectory(Path.Combine(_dir, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "thanks.email.en.liquid"), "---\nsubject: Thanks\n---\nThanks");
        File.WriteAllText(Path.Combine(_dir, "orders.json"), """
            { "id": "orders", "version": 1, "name": "O", "category": "transactional", "trigger": { "event": "order.placed" }, "reentry": "never",
              "start": "first", "steps": { "first": { "type": "waitForEvent", "event": "order.placed", "timeout": "P30D", "next": "thanks1", "onTimeout": "done" },
                                           "thanks1": { "type": "send", "channel": "email", "template": "thanks", "next": "second" },
                                           "second": { "type": "waitForEvent", "event": "order.placed", "timeout": "P30D", "next": "thanks2", "onTimeout": "done" },
                                           "thanks2": { "type": "send", "channel": "email", "template": "thanks", "next": "done" },
                                           "done": { "type": "exit" } } }
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(JourneyOrchestration.RecentEventIds - 1)]
    public void Orchestration_ACopyOfAnEventItReceived_IsIgnoredEvenAcrossContinueAsNew(int otherEventsBetween)
    {
        var catalog = JourneyCatalog.Load(_dir, out var diagnostics);
        Assert.Empty(diagnostics);
        var sends = new List<string>();
        var order = new CustomerEvent("o1", "order.placed", "c1", Start + Duration.FromHours(1), ValueJson.Parse("""{ "amount": 20 }"""));
        var unrelated = Enumerable.Range(0, otherEventsBetween)
            .Select(i => (Start + Duration.FromHours(2) + Duration.FromMinutes(i), new CustomerEvent($"x{i}", "page.viewed", "c1", Start, Value.EmptyObject)));
        IEnumerable<(Instant, CustomerEvent)> events = [(order.Time, order), .. unrelated, (Start + Duration.FromHours(3), order)];
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => catalog.Get(id, v), new JourneyOrchestrationOptions(ContinueAsNewEvery: 2)),
            (command, _) => Activity(command, sends), events);
        var report = harness.Run(StartInput(), Start, Start + Duration.FromDays(1));

        Assert.True(report.Waiting);
        Assert.Equal(otherEventsBetween + 2, report.EventsDelivered);
        Assert.Equal(["thanks1"], sends);
    }

    [Fact]
    public void Orchestration_ItsOwnTriggerRaisedToIt_IsIgnored()
    {
        var catalog = JourneyCatalog.Load(_dir, out _);
        var sends = new List<string>();
        var harness = new ReplayHarness(new JourneyOrchestration((id, v) => catalog.Get(id, v)), (command, _) => Activity(command, sends),
            [(Start + Duration.FromMinutes(1), Trigger)]);

        var report = harness.Run(StartInput(), Start, Start + Duration.FromDays(1));

        Assert.True(report.Waiting);
        Assert.Equal(1, report.EventsDelivered);
        Assert.Empty(sends);
    }

    private static readonly CustomerEvent Trigger = new("o0", "order.placed", "c1", Start, ValueJson.Parse("""{ "amount": 10 }"""));

    /// <summary>The activities: a profile with an email address; sends are collected by step.</summary>
    private static object? Activity(ReplayCommand command, List<string> sends)
    {
        if (command.Name == JourneyActivities.LoadProfile)
        {
            return new ProfileSnapshot("c1", ValueJson.Parse("""{ "customerId": "c1", "hasEmail": true }"""));
        }

        sends.AddRange(((EffectBatch)command.Input!).Effects.OfType<SendMessage>().Select(s => s.StepId!));
        return true;
    }

    private static JourneyOrchestrationInput StartInput() =>
        JourneyOrchestrationInput.Start(EnrollmentState.Create("orders", 1, "c1", "c1"), new EnrollmentStarted(Start, null, Trigger));
}
