namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The Hangfire job of the <c>hangfire-sqlite</c> run: records the fire (an in-memory counter increment). Public for Hangfire.</summary>
public static class HangfireSqliteSendJob
{
    /// <summary>Called by a Hangfire worker when the scheduled job runs.</summary>
    /// <param name="dueTicks">When the job was due (UTC ticks).</param>
    public static void Send(long dueTicks) => FireRecorder.Current?.Fire(dueTicks);
}
