using Engagement.Engine.Orchestration;
using NodaTime;

namespace Engagement.Engine.Tests.Orchestration;

/// <summary>
/// A test stand-in for Durable's orchestration context that replays like the real one: every run starts the orchestrator from
/// the beginning, feeds it the recorded history (activity results, fired timers, raised events) in order, and records the
/// commands it issues. <see cref="ReplayHarness"/> compares the commands of consecutive runs: a non-deterministic orchestrator
/// fails the test.
/// </summary>
internal sealed class ReplayingJourneyContext : IJourneyContext
{
    private readonly List<(int Id, TaskCompletionSource<object?> Source)> _pending = [];
    private readonly Dictionary<int, Instant> _timers = [];
    private readonly HashSet<int> _cancelledTimers = [];

    public ReplayingJourneyContext(Instant start) => CurrentInstant = start;

    public Instant CurrentInstant { get; private set; }

    public List<ReplayCommand> Commands { get; } = [];

    public object? ContinuedAsNewWith { get; private set; }

    public bool ContinuedAsNew { get; private set; }

    public IReadOnlyDictionary<int, Instant> OpenTimers => _timers.Where(t => !_cancelledTimers.Contains(t.Key) && IsOpen(t.Key)).ToDictionary();

    public IEnumerable<ReplayCommand> OpenCommands => Commands.Where(c => IsOpen(c.Id) && !_cancelledTimers.Contains(c.Id));

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        var id = Schedule(new ReplayCommand(Commands.Count, ReplayCommandKind.Activity, name, input, null));
        return Pending(id).ContinueWith(t => (TResult)t.Result!, TaskContinuationOptions.ExecuteSynchronously);
    }

    public Task CreateTimer(Instant fireAt, CancellationToken cancellationToken)
    {
        var id = Schedule(new ReplayCommand(Commands.Count, ReplayCommandKind.Timer, "timer", null, fireAt));
        _timers[id] = fireAt;
        cancellationToken.Register(() => _cancelledTimers.Add(id));
        return Pending(id);
    }

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        var id = Schedule(new ReplayCommand(Commands.Count, ReplayCommandKind.ExternalEvent, eventName, null, null));
        return Pending(id).ContinueWith(t => (T)t.Result!, TaskContinuationOptions.ExecuteSynchronously);
    }

    public void ContinueAsNew(object input)
    {
        ContinuedAsNew = true;
        ContinuedAsNewWith = input;
    }

    /// <summary>Delivers one history completion; false when the orchestrator never scheduled that command (non-determinism).</summary>
    public bool Complete(ReplayCompletion completion)
    {
        CurrentInstant = completion.At;
        var index = _pending.FindIndex(p => p.Id == completion.CommandId);
        if (index < 0)
        {
            return false;
        }

        var source = _pending[index].Source;
        _pending.RemoveAt(index);
        source.SetResult(completion.Result);
        return true;
    }

    /// <summary>The external-event wait that is open, if any.</summary>
    public ReplayCommand? OpenEventWait => OpenCommands.FirstOrDefault(c => c.Kind == ReplayCommandKind.ExternalEvent);

    private bool IsOpen(int id) => _pending.Any(p => p.Id == id);

    private int Schedule(ReplayCommand command)
    {
        Commands.Add(command);
        return command.Id;
    }

    private Task<object?> Pending(int id)
    {
        var source = new TaskCompletionSource<object?>();
        _pending.Add((id, source));
        return source.Task;
    }
}
