using System.Collections.Immutable;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Orchestration;

/// <summary>
/// The host-neutral orchestration loop for one enrollment: Advance → effects as activities → await the wake-up timer or a
/// customer event (raced; the losing timer is cancelled) → the next stimulus; continue as new every N advances so history
/// stays bounded. Azure runs it as the Durable orchestrator; tests run it under a replaying context.
/// </summary>
/// <remarks>
/// Orchestrator code rules, all kept here: time only from <see cref="IJourneyContext.CurrentInstant"/>; decisions only from
/// the pure <see cref="JourneyInterpreter"/>; side effects only through activities; the same commands in the same order on
/// every replay. Timeline-only effects (entered, goal, withheld, exited) ride along with the next activity instead of costing
/// one of their own, so an enrollment costs one activity per Advance that sends, creates a task, updates the profile or emits,
/// plus one profile load per decision that needs the profile. A raised <see cref="ExitRequests"/> event ends the enrollment.
/// The pending event wait is kept across a timer win so no event
/// is consumed by a stale waiter. An event whose id is among the last <see cref="RecentEventIds"/> received is ignored: the
/// router raises again when a message is redelivered after a failure midway, and that copy must not advance the enrollment twice.
/// The recent ids travel through ContinueAsNew in <see cref="JourneyOrchestrationInput.RecentEvents"/>.
/// </remarks>
public sealed class JourneyOrchestration
{
    private readonly Func<string, int, JourneyDefinition> _definitions;
    private readonly JourneyOrchestrationOptions _options;

    /// <summary>How many received event ids an instance remembers to ignore copies (one customer's messages come in order, so
    /// a redelivered copy follows its original closely).</summary>
    public const int RecentEventIds = 16;

    /// <summary>Creates the loop.</summary>
    /// <param name="definitions">Resolves (journey id, version) to its definition; versions are immutable, so this is deterministic.</param>
    /// <param name="options">Options.</param>
    public JourneyOrchestration(Func<string, int, JourneyDefinition> definitions, JourneyOrchestrationOptions? options = null)
    {
        _definitions = definitions;
        _options = options ?? JourneyOrchestrationOptions.Default;
    }

    /// <summary>Runs the enrollment until it exits (returns the final state) or continues as new (returns null).</summary>
    public async Task<EnrollmentState?> RunAsync(IJourneyContext context, JourneyOrchestrationInput input)
    {
        var definition = _definitions(input.State.JourneyId, input.State.JourneyVersion);
        var state = input.State;
        var carried = input.Carried;
        var stimulus = input.Next;
        var advances = 0;
        Task<CustomerEvent>? pendingEvent = null;
        var recent = new List<string>(input.RecentEvents ?? []);
        if (input.Next is EnrollmentStarted { Trigger: { } trigger })
        {
            // The router may raise the triggering event itself to the new instance when the message is redelivered.
            IsCopy(recent, trigger.Id);
        }

        while (true)
        {
            if (stimulus is not null)
            {
                var result = JourneyInterpreter.Advance(definition, state, stimulus);
                if (result.Effects is [ProfileRequested])
                {
                    var profile = await context.CallActivityAsync<ProfileSnapshot?>(JourneyActivities.LoadProfile, state.CustomerId);
                    if (profile is null)
                    {
                        stimulus = new ExitRequested(context.CurrentInstant, "profile-missing");
                        continue;
                    }

                    stimulus = stimulus with { Profile = profile };
                    continue;
                }

                state = result.State;
                carried = carried.AddRange(result.Effects.Where(e => e is not (ScheduleWakeUp or AwaitEvent)));
                if (state.Status == EnrollmentStatus.Exited || result.Effects.Any(e => e.IsSideEffect))
                {
                    await context.CallActivityAsync<bool>(JourneyActivities.ApplyEffects, new EffectBatch(state, carried, context.CurrentInstant));
                    carried = ImmutableArray<Effect>.Empty;
                }

                if (state.Status == EnrollmentStatus.Exited)
                {
                    return state;
                }

                if (++advances >= _options.ContinueAsNewEvery)
                {
                    context.ContinueAsNew(new JourneyOrchestrationInput(state, null, carried, input.Generation + 1, recent.ToArray()));
                    return null;
                }
            }

            // Not cancelled: a pending event wait outlives a timer that wins the race and serves the next wait (see WaitAsync).
            stimulus = await WaitAsync(context, state, () => pendingEvent ??= context.WaitForExternalEvent<CustomerEvent>(JourneyActivities.CustomerEventName, CancellationToken.None), () => pendingEvent = null, recent);
        }
    }

    /// <summary>Whether the id was received before; remembers it otherwise (the oldest id is forgotten past <see cref="RecentEventIds"/>).</summary>
    private static bool IsCopy(List<string> recent, string eventId)
    {
        if (recent.Contains(eventId, StringComparer.Ordinal))
        {
            return true;
        }

        recent.Add(eventId);
        if (recent.Count > RecentEventIds)
        {
            recent.RemoveAt(0);
        }

        return false;
    }

    /// <summary>The next stimulus: the timer, or the event that came first; null for a copy of an event received before (wait again).</summary>
    private static async Task<Stimulus?> WaitAsync(IJourneyContext context, EnrollmentState state, Func<Task<CustomerEvent>> eventWait, Action eventTaken, List<string> recent)
    {
        var events = eventWait();
        if (state.WakeAt is not { } wakeAt)
        {
            var only = await events;
            eventTaken();
            return IsCopy(recent, only.Id) ? null : Arrived(context, only);
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(wakeAt, cancelTimer.Token);
        var winner = await Task.WhenAny(events, timer);
        if (winner == events)
        {
            cancelTimer.Cancel();
            eventTaken();
            var arrived = await events;
            return IsCopy(recent, arrived.Id) ? null : Arrived(context, arrived);
        }

        return new TimerFired(context.CurrentInstant, null, wakeAt);
    }

    private static Stimulus Arrived(IJourneyContext context, CustomerEvent customerEvent) =>
        ExitRequests.TryRead(customerEvent, out var reason)
            ? new ExitRequested(context.CurrentInstant, reason)
            : new EventArrived(context.CurrentInstant, null, customerEvent);
}
