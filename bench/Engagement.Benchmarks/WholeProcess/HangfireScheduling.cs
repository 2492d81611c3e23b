using Hangfire;
using Hangfire.InMemory;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Hangfire Core with Hangfire.InMemory storage: <see cref="IBackgroundJobClient"/>.Schedule of one job per customer, run by a
/// <see cref="BackgroundJobServer"/>. The job's "send" is <see cref="HangfireSendJob.Send"/>, an in-memory counter increment.
/// </summary>
internal sealed class HangfireScheduling(int customers, int workers, double pollSeconds) : ISchedulingSystem
{
    private BackgroundJobServer? _server;
    private BackgroundJobClient? _client;

    /// <inheritdoc/>
    public string Setup { get; private set; } = "";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; } = FireRecorder.Current = new FireRecorder(customers);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = new InMemoryStorage(new InMemoryStorageOptions());
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage);
        var options = new BackgroundJobServerOptions { SchedulePollingInterval = TimeSpan.FromSeconds(pollSeconds) };
        if (workers > 0)
        {
            options.WorkerCount = workers;
        }

        _server = new BackgroundJobServer(options, storage);
        _client = new BackgroundJobClient(storage);
        Setup = $"Hangfire.Core 1.8.25 + Hangfire.InMemory 1.0.0; BackgroundJobServer, {options.WorkerCount} workers "
            + $"({(workers > 0 ? "set" : "default")}), SchedulePollingInterval {pollSeconds:0.###} s (default 15 s)";
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            var due = DateTime.UtcNow.Ticks + delay.Ticks;
            _client!.Schedule(() => HangfireSendJob.Send(due), delay);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _server?.SendStop();
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
