namespace Engagement.Benchmarks.WholeProcess;

/// <summary>What one child process measured for one system; the child prints it as one JSON line. Immutable.</summary>
/// <param name="System">hangfire, quartz, engine, engagement, quartz-sqlite or hangfire-sqlite.</param>
/// <param name="Setup">How the system was set up.</param>
/// <param name="Customers">Messages scheduled (one per customer).</param>
/// <param name="DelaySeconds">Each message is due this long after it was scheduled.</param>
/// <param name="ScheduleSeconds">From the first schedule call until all were scheduled (for the embedded host: durably accepted).</param>
/// <param name="AllFiredSeconds">From the first schedule call until the last message fired; null when not all fired in time.</param>
/// <param name="FirstToLastFireSeconds">From the first message fired until the last.</param>
/// <param name="Fired">Messages fired by the end of the run.</param>
/// <param name="LatenessP50Ms">Median fire time minus due time, when the system reports it.</param>
/// <param name="LatenessP99Ms">99th percentile of fire time minus due time.</param>
/// <param name="LatenessMaxMs">Largest fire time minus due time.</param>
/// <param name="AllocatedBytes">GC.GetTotalAllocatedBytes over the measured part (setup excluded).</param>
/// <param name="PeakWorkingSetBytes">Process.PeakWorkingSet64 at the end (the whole process).</param>
/// <param name="CpuSeconds">User + system CPU time of the process over the measured part.</param>
/// <param name="LoadAverage">The machine's load average when the measured part started.</param>
/// <param name="Scheduled">Messages scheduled: <paramref name="Customers"/> unless the timeout stopped the scheduling.</param>
public sealed record SchedulingResult(
    string System,
    string Setup,
    int Customers,
    double DelaySeconds,
    double ScheduleSeconds,
    double? AllFiredSeconds,
    double? FirstToLastFireSeconds,
    long Fired,
    double? LatenessP50Ms,
    double? LatenessP99Ms,
    double? LatenessMaxMs,
    long AllocatedBytes,
    long PeakWorkingSetBytes,
    double CpuSeconds,
    string LoadAverage,
    int Scheduled);
