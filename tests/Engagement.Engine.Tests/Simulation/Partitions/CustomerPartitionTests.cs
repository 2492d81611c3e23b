using Engagement.Engine.Simulation.Partitions;

namespace Engagement.Engine.Tests.Simulation.Partitions;

public sealed class CustomerPartitionTests
{
    // Worked out apart from the code (FNV-1a 64 over "partition", 0x1F, the id's UTF-8, 0x1F; then the murmur finalizer's first
    // half; then modulo the count): a changed hash, seed part or mixing moves customers between partitions and fails here.
    [Theory]
    [InlineData("c000001", 2, 0)]
    [InlineData("c000001", 3, 0)]
    [InlineData("c000001", 7, 5)]
    [InlineData("c000001", 1024, 34)]
    [InlineData("c000002", 3, 1)]
    [InlineData("c000002", 1024, 755)]
    [InlineData("c000183", 3, 0)]
    [InlineData("c000183", 10, 3)]
    [InlineData("customer-42", 3, 2)]
    [InlineData("customer-42", 7, 0)]
    [InlineData("客户-7", 7, 6)]
    [InlineData("客户-7", 1024, 623)]
    public void Of_KnownCustomer_IsAlwaysInTheSamePartition(string customerId, int count, int expected)
    {
        Assert.Equal(expected, CustomerPartition.Of(customerId, count));
        Assert.Equal(expected, CustomerPartition.Of(new string(customerId.ToCharArray()), count));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1024)]
    [InlineData(int.MaxValue)]
    public void Of_AnyCustomer_IsInRange(int count)
    {
        for (var i = 0; i < 2_000; i++)
        {
            var partition = CustomerPartition.Of($"c{i:D6}", count);
            Assert.InRange(partition, 0, count - 1);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(16)]
    public void Of_TenThousandCustomers_SpreadsRoughlyEvenly(int count)
    {
        var sizes = new int[count];
        for (var i = 1; i <= 10_000; i++)
        {
            sizes[CustomerPartition.Of($"c{i:D6}", count)]++;
        }

        var even = 10_000.0 / count;
        Assert.All(sizes, size => Assert.InRange(size, (int)(even * 0.85), (int)Math.Ceiling(even * 1.15)));
    }

    [Theory]
    [InlineData("c000001")]
    [InlineData("customer-42")]
    [InlineData("")]
    public void Of_CountOne_IsZero(string customerId) => Assert.Equal(0, CustomerPartition.Of(customerId, 1));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Of_CountBelowOne_Throws(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>("count", () => CustomerPartition.Of("c000001", count));
}
