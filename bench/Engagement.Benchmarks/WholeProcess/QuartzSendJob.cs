using Quartz;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The Quartz job of the scheduling benchmark: records the fire (an in-memory counter increment). Public for Quartz.</summary>
public sealed class QuartzSendJob : IJob
{
    /// <summary>The job-data key holding the due time (UTC ticks).</summary>
    public const string DueKey = "due";

    /// <inheritdoc/>
    public Task Execute(IJobExecutionContext context)
    {
        FireRecorder.Current?.Fire(context.MergedJobDataMap.GetLong(DueKey));
        return Task.CompletedTask;
    }
}
