using System.Globalization;
using Quartz;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The job of the <c>quartz-sqlite</c> run: records the fire (an in-memory counter increment), due at the time
/// <see cref="QuartzSqliteScheduling.DueTicks"/> holds for the customer its name (<c>c000123</c>) numbers. Public for Quartz.</summary>
public sealed class QuartzSqliteSendJob : IJob
{
    /// <inheritdoc/>
    public Task Execute(IJobExecutionContext context)
    {
        var customer = int.Parse(context.JobDetail.Key.Name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
        FireRecorder.Current?.Fire(QuartzSqliteScheduling.DueTicks[customer]);
        return Task.CompletedTask;
    }
}
