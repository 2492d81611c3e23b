using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// A shipped journey with its waits made seconds long, because the test host's durable timers run on the wall clock. Every
/// <c>wait</c> step (duration, time of day, date, working days) becomes a plain wait of <see cref="DefaultWait"/> (or the
/// seconds given for that step), and every <c>waitForEvent</c> timeout becomes <see cref="DefaultWait"/> unless the test
/// raises that step's event, in which case it becomes <see cref="EventWait"/> (long enough never to win). Steps, branches,
/// sends, tasks, updates, goals, exits and entry rules are the shipped ones. When a wait comes due is the interpreter's
/// business and is tested in Engagement.Journeys.Tests and by the journeys' scenarios.
/// </summary>
public static class SecondsLongWaits
{
    /// <summary>A wait's or timeout's length unless the test says otherwise.</summary>
    public static readonly Period DefaultWait = Period.FromSeconds(1);

    /// <summary>The timeout of a waitForEvent whose event the test raises.</summary>
    public static readonly Period EventWait = Period.FromHours(1);

    /// <summary>The definition with its waits shortened; <paramref name="awaited"/> names the waitForEvent steps whose event the test raises.</summary>
    public static JourneyDefinition Apply(JourneyDefinition definition, IReadOnlySet<string> awaited, IReadOnlyDictionary<string, int>? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Period For(string step) => seconds is not null && seconds.TryGetValue(step, out var s) ? Period.FromSeconds(s) : DefaultWait;
        var steps = definition.Steps.ToImmutableDictionary(
            pair => pair.Key,
            pair => pair.Value switch
            {
                WaitStep wait => wait with { Schedule = new DurationWait(For(wait.Id)) },
                WaitForEventStep w => w with { Timeout = awaited.Contains(w.Id) ? EventWait : For(w.Id), WorkingDaysTimeout = null },
                var other => other,
            },
            definition.Steps.KeyComparer);
        return definition with { Steps = steps };
    }
}
