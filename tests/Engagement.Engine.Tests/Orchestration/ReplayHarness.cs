using Engagement.Engine.Orchestration;
using Engagement.Journeys.Runtime;
using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>
/// Drives <see cref="JourneyOrchestration"/> the way Durable does: after every completion the orchestrator is re-run from the
/// start over the whole history; each run's commands must extend the previous run's exactly. Activities complete at once
/// through <c>activities</c>; timers fire at their time; scripted customer events arrive at theirs (earliest first).
/// </summary>
internal sealed class ReplayHarness
{
    private readonly JourneyOrchestration _orchestration;
    private readonly Func<ReplayCommand, Instant, object?> _activities;
    private readonly Queue<(Instant At, CustomerEvent Event)> _events;

    public ReplayHarness(JourneyOrchestration orchestration, Func<ReplayCommand, Instant, object?> activities, IEnumerable<(Instant At, CustomerEvent Event)> events)
    {
        _orchestration = orchestration;
        _activities = activities;
        _events = new Queue<(Instant, CustomerEvent)>(events.OrderBy(e => e.At));
    }

    public ReplayReport Run(JourneyOrchestrationInput input, Instant start, Instant horizon)
    {
        var report = new ReplayReport();
        var history = new List<ReplayCompletion>();
        List<string>? previous = null;
        var generationStart = start;
        while (true)
        {
            var context = new ReplayingJourneyContext(generationStart);
            var run = _orchestration.RunAsync(context, input);
            foreach (var completion in history)
            {
                if (!context.Complete(completion))
                {
                    throw new InvalidOperationException($"Replay {report.Replays}: history completes command {completion.CommandId}, which this run never scheduled (non-deterministic orchestrator).");
                }
            }

            var signatures = context.Commands.Select(c => c.Signature).ToList();
            if (previous is not null && (signatures.Count < previous.Count || !previous.SequenceEqual(signatures.Take(previous.Count))))
            {
                throw new InvalidOperationException($"Replay {report.Replays} issued different commands:\n was: {string.Join("\n      ", previous)}\n now: {string.Join("\n      ", signatures)}");
            }

            previous = signatures;
            report.Replays++;
            report.MaxHistory = Math.Max(report.MaxHistory, history.Count + context.Commands.Count);
            if (run.IsFaulted)
            {
                throw run.Exception!;
            }

            if (run.IsCompleted)
            {
                if (!context.ContinuedAsNew)
                {
                    report.Final = run.Result;
                    return report;
                }

                report.Generations++;
                input = (JourneyOrchestrationInput)context.ContinuedAsNewWith!;
                generationStart = context.CurrentInstant;
                history.Clear();
                previous = null;
                continue;
            }

            var next = NextCompletion(context, horizon, report);
            if (next is null)
            {
                report.Waiting = true;
                return report;
            }

            history.Add(next);
        }
    }

    private ReplayCompletion? NextCompletion(ReplayingJourneyContext context, Instant horizon, ReplayReport report)
    {
        var open = context.OpenCommands.ToList();
        if (open.FirstOrDefault(c => c.Kind == ReplayCommandKind.Activity) is { } activity)
        {
            report.Activities.Add(activity.Name);
            return new ReplayCompletion(activity.Id, context.CurrentInstant, _activities(activity, context.CurrentInstant));
        }

        var timer = open.Where(c => c.Kind == ReplayCommandKind.Timer).OrderBy(c => c.FireAt).FirstOrDefault();
        if (context.OpenEventWait is { } wait && _events.Count > 0 && (timer is null || _events.Peek().At < timer.FireAt!.Value))
        {
            var (at, customerEvent) = _events.Dequeue();
            report.EventsDelivered++;
            return new ReplayCompletion(wait.Id, Instant.Max(at, context.CurrentInstant), customerEvent);
        }

        if (timer is not null && timer.FireAt!.Value <= horizon)
        {
            report.TimersFired++;
            return new ReplayCompletion(timer.Id, timer.FireAt.Value, null);
        }

        return null;
    }
}

/// <summary>What a replayed run cost and how it ended.</summary>
internal sealed class ReplayReport
{
    public int Replays { get; set; }
    public int Generations { get; set; }
    public int MaxHistory { get; set; }
    public int TimersFired { get; set; }
    public int EventsDelivered { get; set; }
    public List<string> Activities { get; } = [];
    public EnrollmentState? Final { get; set; }
    public bool Waiting { get; set; }
}
