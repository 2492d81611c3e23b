using System.Diagnostics;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engagement.Local.Http;

/// <summary>
/// <c>GET /metrics</c> (viewer role): the host's figures in the Prometheus text format, for a scraper or a benchmark. The
/// stimuli this process committed by kind, the queue depths of <c>/status</c>, and the .NET runtime's own figures — bytes
/// allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>), collections per generation, GC pause time, CPU time, working
/// set. Counts only, never a customer or a contact detail. The process counters start at zero when the process starts; the
/// database's counters (<c>engage_events_processed_total</c>, <c>engage_events_rejected_total</c>) span its whole life.
/// </summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IEmbeddedHost host) =>
        routes.MapGet("/metrics", async context =>
        {
            new QueryReader(context.Request.Query).ThrowIfInvalid();
            var status = await host.GetStatusAsync(context.RequestAborted).ConfigureAwait(false);
            var text = Write(host.Stimuli, status);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = PrometheusText.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }).RequireRole(EngageRole.Viewer);

    /// <summary>The exposition text for these figures and the runtime's now.</summary>
    internal static string Write(StimulusCounts stimuli, HostStatus status)
    {
        var text = new PrometheusText();
        text.Family("engage_stimuli_total", "counter", "Stimuli this process committed since it started, by kind.")
            .Sample("engage_stimuli_total", stimuli.Events, "kind", "event")
            .Sample("engage_stimuli_total", stimuli.WakeUps, "kind", "wake-up")
            .Sample("engage_stimuli_total", stimuli.DeferredSends, "kind", "deferred-send")
            .Sample("engage_stimuli_total", stimuli.ProfileImports, "kind", "profile-import");
        text.Single("engage_stimuli_set_aside_total", "counter", "Stimuli this process set aside after they failed.", stimuli.SetAside);
        text.Single("engage_events_handed_over_total", "counter", "Events this process handled as it accepted or emitted them, without reading their stored JSON back.", stimuli.HandedOver);
        text.Single("engage_events_pending", "gauge", "Accepted events not yet processed.", status.PendingEvents);
        text.Single("engage_events_processed_total", "counter", "Events processed since the database was created.", status.ProcessedEvents);
        text.Single("engage_events_rejected_total", "counter", "Inputs kept as rejected since the database was created.", status.RejectedEvents);
        text.Single("engage_timers_scheduled", "gauge", "Timers (wake-ups and deferred sends) waiting.", status.ScheduledTimers);
        text.Single("engage_timers_due", "gauge", "Timers already due and not yet run.", status.DueTimers);
        text.Single("engage_outbox_pending", "gauge", "Messages the transports have yet to deliver.", status.OutboxPending);
        text.Single("engage_outbox_failed", "gauge", "Messages the transports gave up on.", status.OutboxFailed);
        text.Single("engage_enrollments_active", "gauge", "Enrollments not exited.", status.ActiveEnrollments);
        text.Single("engage_tasks_open", "gauge", "Open tasks for people.", status.OpenTasks);

        text.Single("dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since the process started (GC.GetTotalAllocatedBytes).",
            GC.GetTotalAllocatedBytes(precise: false));
        text.Family("dotnet_gc_collections_total", "counter", "Garbage collections since the process started, by the generation collected.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            var exactly = GC.CollectionCount(generation) - (generation < GC.MaxGeneration ? GC.CollectionCount(generation + 1) : 0);
            text.Sample("dotnet_gc_collections_total", exactly, "generation", "gen" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        text.Single("dotnet_gc_pause_seconds_total", "counter", "Time the runtime paused threads for garbage collection.", GC.GetTotalPauseDuration().TotalSeconds);
        text.Single("dotnet_gc_heap_bytes", "gauge", "Managed heap size after the last collection.", GC.GetGCMemoryInfo().HeapSizeBytes);
        text.Single("process_cpu_seconds_total", "counter", "User and system CPU time of this process.", Environment.CpuUsage.TotalTime.TotalSeconds);
        text.Single("process_resident_memory_bytes", "gauge", "Resident memory (working set) of this process.", Environment.WorkingSet);
        text.Single("process_start_time_seconds", "gauge", "When this process started, in seconds since the Unix epoch.", StartTimeSeconds);
        return text.ToString();
    }

    /// <summary>When this process started (read once: it does not change).</summary>
    private static readonly double StartTimeSeconds = ReadStartTime();

    private static double ReadStartTime()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }
}
