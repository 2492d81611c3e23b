using System.Globalization;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>What the server process allocated between two scrapes of its <c>GET /metrics</c>, and over how many committed
/// stimuli: the runtime's own count (<c>GC.GetTotalAllocatedBytes</c>), so the load generator's allocations are excluded.</summary>
/// <param name="Bytes">Bytes allocated by the server between the scrapes.</param>
/// <param name="Stimuli">Stimuli the server committed between them (events, wake-ups, deferred sends, imports).</param>
/// <param name="Collections">Garbage collections between them, as "gen0/gen1/gen2".</param>
internal sealed record ServerAllocation(double Bytes, double Stimuli, string Collections)
{
    /// <summary>Bytes a stimulus (the issue's measure), or 0 when none ran.</summary>
    public double PerStimulus => Stimuli > 0 ? Bytes / Stimuli : 0;

    /// <summary>The difference between an earlier and a later scrape.</summary>
    public static ServerAllocation Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after)
    {
        double Delta(Func<string, bool> series) =>
            after.Where(s => series(s.Key)).Sum(s => s.Value) - before.Where(s => series(s.Key)).Sum(s => s.Value);

        var collections = string.Join('/', Enumerable.Range(0, 3).Select(g =>
            Delta(k => k == $"dotnet_gc_collections_total{{generation=\"gen{g}\"}}").ToString("0", CultureInfo.InvariantCulture)));
        return new ServerAllocation(
            Delta(k => k == "dotnet_gc_allocated_bytes_total"),
            Delta(k => k.StartsWith("engage_stimuli_total{", StringComparison.Ordinal)),
            collections);
    }
}
