using Engagement.Journeys.Definitions;
using Engagement.Journeys.Parsing;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Scheduling;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Tests.Runtime;

/// <summary>Small journeys written as JSON, parsed by the real parser, and helpers to drive them.</summary>
internal static class Journeys
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 2, 0); // Monday 10:00 in Shanghai

    public static readonly ProfileSnapshot Profile = new("c1", ValueJson.Parse("""{ "customerId": "c1", "timezone": "Asia/Shanghai", "tier": "Gold", "birthday": "1990-03-20" }"""));

    public static JourneyDefinition Parse(string stepsAndExtras, string start = "a", string trigger = """{ "event": "go" }""")
    {
        var json = $$"""
            { "id": "j", "version": 1, "name": "J", "trigger": {{trigger}}, "start": "{{start}}", {{stepsAndExtras}} }
            """;
        var context = new JourneyParseContext(null, new Dictionary<string, WorkingCalendar> { ["cn"] = WorkingCalendar.MondayToFriday });
        Assert.True(JourneyParser.TryParse("j.json", json, context, out var journey, out var errors), string.Join("\n", errors));
        return journey!;
    }

    public static CustomerEvent Event(string type, Instant at, string data = "{}", string customer = "c1", string? id = null) =>
        new(id ?? $"{type}@{at}", type, customer, at, ValueJson.Parse(data));

    public static AdvanceResult Start(JourneyDefinition d, string customer = "c1", ProfileSnapshot? profile = null) =>
        JourneyInterpreter.Advance(d, EnrollmentState.Create(d.Id, d.Version, customer, customer), new EnrollmentStarted(T0, profile ?? Profile, Event("go", T0, customer: customer)));

    public static AdvanceResult Wake(JourneyDefinition d, AdvanceResult previous) =>
        JourneyInterpreter.Advance(d, previous.State, new TimerFired(previous.State.WakeAt!.Value, Profile, previous.State.WakeAt!.Value));
}
