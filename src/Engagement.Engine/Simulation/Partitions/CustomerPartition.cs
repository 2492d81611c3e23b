using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Simulation.Partitions;

/// <summary>
/// Which partition a customer belongs to: a stable hash of the customer id (<see cref="StableHash.Bucket"/>), so the same
/// customer lands in the same partition on every machine and run, and partitions come out about the same size. Pure.
/// </summary>
public static class CustomerPartition
{
    /// <summary>The partition in [0, <paramref name="count"/>) of <paramref name="customerId"/>.</summary>
    public static int Of(string customerId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return count == 1 ? 0 : StableHash.Bucket(count, "partition", customerId);
    }
}
