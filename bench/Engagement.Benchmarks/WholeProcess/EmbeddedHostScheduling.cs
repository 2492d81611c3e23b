namespace Engagement.Benchmarks.WholeProcess;

/// <summary>Engagement's own path: the embedded host (SQLite) with the delayed journey. Needs the embedded host (branch local).</summary>
internal sealed class EmbeddedHostScheduling(int customers, string? db) : ISchedulingSystem
{
    /// <inheritdoc/>
    public string Setup => $"embedded host, {customers} customers, db {db ?? "temp"}";

    /// <inheritdoc/>
    public long Fired => 0;

    /// <inheritdoc/>
    public FireRecorder? Recorder => null;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => throw new NotSupportedException("the embedded host is not merged yet");

    /// <inheritdoc/>
    public Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
