using System.Collections.Specialized;
using System.Globalization;
using Quartz;
using Quartz.Impl;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Quartz.NET with the RAM job store: one durable-less job and one <c>StartAt</c> trigger per customer. The job's "send" is
/// <see cref="QuartzSendJob"/>, an in-memory counter increment.
/// </summary>
internal sealed class QuartzScheduling(int customers, int threads, int batch) : ISchedulingSystem
{
    private IScheduler? _scheduler;

    /// <inheritdoc/>
    public string Setup { get; } = $"Quartz 3.20.0, RAMJobStore (StdSchedulerFactory), thread pool {threads} "
        + $"(default 10), batchTriggerAcquisitionMaxCount {batch} (default 1)";

    /// <inheritdoc/>
    public long Fired => Recorder.Count;

    /// <inheritdoc/>
    public FireRecorder Recorder { get; } = FireRecorder.Current = new FireRecorder(customers);

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "bench",
            ["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz",
            ["quartz.threadPool.maxConcurrency"] = threads.ToString(CultureInfo.InvariantCulture),
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = batch.ToString(CultureInfo.InvariantCulture),
        };
        _scheduler = await new StdSchedulerFactory(properties).GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task ScheduleAsync(int first, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        for (var i = first; i < first + count; i++)
        {
            var due = DateTimeOffset.UtcNow + delay;
            var id = "c" + i.ToString("D6", CultureInfo.InvariantCulture);
            var job = JobBuilder.Create<QuartzSendJob>().WithIdentity(id).UsingJobData(QuartzSendJob.DueKey, due.UtcTicks).Build();
            var trigger = TriggerBuilder.Create().WithIdentity(id).StartAt(due).Build();
            await _scheduler!.ScheduleJob(job, trigger, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }
}
