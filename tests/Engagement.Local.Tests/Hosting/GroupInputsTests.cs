using Engagement.Local.Hosting;

namespace Engagement.Local.Tests.Hosting;

/// <summary>The queue of input writes for the processor's group, and a write's taken-or-withdrawn state.</summary>
public sealed class GroupInputsTests
{
    private static InputWrite Write(int added = 1) => new(_ => (added, 0));

    [Fact]
    public void TryAdd_BeforeOpenAndAfterClose_IsRefused()
    {
        var inputs = new GroupInputs();

        Assert.False(inputs.TryAdd(Write()));
        inputs.Open();
        Assert.True(inputs.TryAdd(Write()));
        inputs.Close();
        Assert.False(inputs.TryAdd(Write()));
        Assert.True(inputs.TryDequeue(out _), "a write queued before the close stays for the last group");
    }

    [Fact]
    public void TryDequeue_GivesWritesInArrivalOrder_AndWaitingFollowsTheQueue()
    {
        var inputs = new GroupInputs();
        inputs.Open();
        var (first, second) = (Write(1), Write(2));

        Assert.False(inputs.Waiting);
        inputs.TryAdd(first);
        inputs.TryAdd(second);

        Assert.True(inputs.Waiting);
        Assert.True(inputs.TryDequeue(out var a));
        Assert.True(inputs.TryDequeue(out var b));
        Assert.False(inputs.TryDequeue(out _));
        Assert.Same(first, a);
        Assert.Same(second, b);
        Assert.False(inputs.Waiting);
    }

    [Fact]
    public void Waiting_CountsOnlyUrgentWrites_SoTheDispatchersRecordsDoNotCutAGroupShort()
    {
        var inputs = new GroupInputs();
        inputs.Open();
        var record = new InputWrite(_ => (0, 0), urgent: false);

        inputs.TryAdd(record);
        Assert.False(inputs.Waiting);
        inputs.TryAdd(Write());
        Assert.True(inputs.Waiting);

        Assert.True(inputs.TryDequeue(out var first));
        Assert.Same(record, first);
        Assert.True(inputs.Waiting, "the urgent write is still queued");
        Assert.True(inputs.TryDequeue(out _));
        Assert.False(inputs.Waiting);
    }

    [Fact]
    public void TryWithdraw_AfterTheProcessorTookIt_FailsSoTheCallerWaitsForItsAnswer()
    {
        var write = Write();

        Assert.True(write.TryTake());
        Assert.False(write.TryWithdraw());
    }

    [Fact]
    public void TryTake_AfterTheCallerWithdrewIt_FailsSoItIsNeverWritten()
    {
        var write = Write();

        Assert.True(write.TryWithdraw());
        Assert.False(write.TryTake());
    }
}
