using Engagement.Journeys.Definitions;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The pure core: <c>Advance(definition, state, stimulus) -> (state', effects)</c>.
/// </summary>
/// <remarks>
/// <para>Rules, as for Durable orchestrator code: no clock, randomness, environment or I/O; time comes from the stimulus; the
/// same inputs always give equal outputs, so hosts can replay. Thread-safe: it keeps no state of its own.</para>
/// <para>Semantics. <see cref="EnrollmentStarted"/> on a new enrollment records entry (holdout by a stable hash of journey and
/// customer) and runs from <c>start</c>; on any other state it does nothing, so duplicate starts are harmless. Steps run until
/// one waits or exits: <c>send</c> emits <see cref="SendMessage"/> (holdout members get <see cref="MessageWithheld"/>
/// instead and walk the same path); <c>branch</c> takes the first true case; <c>split</c> picks a sticky variant by a stable
/// hash of (journey, customer, step); <c>update</c> emits <see cref="UpdateProfile"/> and <see cref="EmitEvent"/>;
/// <c>task</c> emits <see cref="CreateTask"/>; <c>wait</c> schedules a wake-up (a wait already due continues at once);
/// <c>waitForEvent</c> emits <see cref="AwaitEvent"/>, which also asks for the timeout wake-up.</para>
/// <para><see cref="TimerFired"/> counts only when its DueAt equals the state's WakeAt (stale timers do nothing).
/// <see cref="EventArrived"/> on a waiting enrollment checks, in order: the goal (recorded once, within its window; exits
/// when the goal says so), <c>exitOn</c> rules (exit at once, also mid-wait), then the awaited event and its match.
/// <see cref="ExitRequested"/> exits at once. Past <c>maxDuration</c> any stimulus exits with reason <c>maxDuration</c>, and
/// no wake-up is scheduled beyond it.</para>
/// <para>Profile: when a decision reads the profile (a condition on <c>profile.*</c>, a wait in local time) and the stimulus
/// carries none, Advance returns the unchanged state and exactly one <see cref="ProfileRequested"/>; call Advance again with
/// the same stimulus and the profile attached.</para>
/// </remarks>
public static class JourneyInterpreter
{
    /// <summary>Steps one Advance may run before it stops the enrollment with reason <c>step-limit</c> (the validator rejects wait-free cycles).</summary>
    public const int StepBudget = 10_000;

    /// <summary>Advances one enrollment by one stimulus.</summary>
    public static AdvanceResult Advance(JourneyDefinition definition, EnrollmentState state, Stimulus stimulus)
    {
        if (state.Status == EnrollmentStatus.Exited)
        {
            return new AdvanceResult(state, []);
        }

        // The common case when routing: an event a waiting enrollment does not care about, before its deadline, changes nothing.
        if (stimulus is EventArrived unrelated && state.Status == EnrollmentStatus.Waiting
            && !InterpreterRun.Concerns(definition, state.AwaitingEvent, unrelated.Event.Type)
            && !InterpreterRun.PastDeadline(definition, state.EnteredAt, unrelated.At))
        {
            return new AdvanceResult(state, []);
        }

        var run = new InterpreterRun(definition, state, stimulus);
        try
        {
            switch (stimulus)
            {
                case EnrollmentStarted started when state.Status == EnrollmentStatus.New:
                    run.Start(started.Trigger);
                    break;
                case EnrollmentStarted:
                    break;
                case ExitRequested exit:
                    run.Exit(state.StepId, exit.Reason);
                    break;
                case TimerFired timer when state.Status == EnrollmentStatus.Waiting && timer.DueAt == state.WakeAt:
                    if (!run.ExpireIfPastDeadline())
                    {
                        run.OnTimer();
                    }

                    break;
                case EventArrived arrived when state.Status == EnrollmentStatus.Waiting:
                    if (!run.ExpireIfPastDeadline())
                    {
                        run.OnEvent(arrived.Event);
                    }

                    break;
            }
        }
        catch (ProfileNeededException needed)
        {
            return new AdvanceResult(state, [new ProfileRequested(needed.StepId)]);
        }

        return run.Result();
    }
}
