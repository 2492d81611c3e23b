namespace Engagement.Benchmarks.WholeProcess;

/// <summary>One scheduler under test in the delayed-send benchmark: it schedules one message per customer, due a fixed delay
/// after the call that schedules it, and counts the messages fired.</summary>
internal interface ISchedulingSystem : IAsyncDisposable
{
    /// <summary>How it is set up (storage, workers, polling), for the report.</summary>
    string Setup { get; }

    /// <summary>Messages fired (sent) so far.</summary>
    long Fired { get; }

    /// <summary>How late each fired message was (fire time minus due time, ms), or null when the system cannot tell.</summary>
    FireRecorder? Recorder { get; }

    /// <summary>Starts the server / scheduler before the clock starts.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Schedules customers <paramref name="first"/> .. first + count - 1, each due <paramref name="delay"/> after it is scheduled.</summary>
    Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken);
}
