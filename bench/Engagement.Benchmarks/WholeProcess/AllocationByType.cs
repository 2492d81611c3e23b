using System.Diagnostics.Tracing;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// Sums the runtime's allocation samples (<c>GCAllocationTick</c>, one about every 100 KB allocated, naming the type of the
/// object that crossed the mark) by type, large-object-heap allocations apart, in this process: which types the allocated bytes went to, as shares. The totals
/// are estimates from samples; the exact total comes from <see cref="GC.GetTotalAllocatedBytes(bool)"/>.
/// </summary>
internal sealed class AllocationByType : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

    /// <summary>Sampled bytes per type name, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Largest(int count)
    {
        lock (_bytes)
        {
            return _bytes.OrderByDescending(x => x.Value).Take(count).Select(x => (x.Key, x.Value)).ToList();
        }
    }

    /// <summary>All sampled bytes.</summary>
    public long Total
    {
        get
        {
            lock (_bytes)
            {
                return _bytes.Values.Sum();
            }
        }
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not ("GCAllocationTick_V4" or "GCAllocationTick_V3") || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var kind = eventData.PayloadNames.IndexOf("AllocationKind");
        if (kind >= 0 && Convert.ToInt32(eventData.Payload[kind], System.Globalization.CultureInfo.InvariantCulture) == 1)
        {
            type += " (large object heap)";
        }

        var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
