using Engagement.Engine.Ports;
using Engagement.Engine.Simulation;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Engine.Tests.Simulation;

public sealed class VirtualTimeQueueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 9, 0);

    [Fact]
    public async Task TryTake_GivesEventsWakeUpsAndDeferredSendsByTimeThenArrival()
    {
        var queue = new VirtualTimeQueue();
        queue.Add(Event("e2"), T0 + Duration.FromHours(1));
        await queue.ScheduleAsync("en1", "c1", T0, default);
        await ((IDeferredSendQueue)queue).ScheduleAsync("k/1", "c1", T0, default);
        queue.Add(Event("e1"), T0);

        var taken = Drain(queue);

        Assert.Equal([(T0, "wake:en1"), (T0, "send:k/1"), (T0, "event:e1"), (T0 + Duration.FromHours(1), "event:e2")], taken);
    }

    [Fact]
    public async Task TryTake_ReplacedOrCancelledWakeUps_AreDropped_OnlyTheLatestCounts()
    {
        var queue = new VirtualTimeQueue();
        await queue.ScheduleAsync("en1", "c1", T0, default);
        await queue.ScheduleAsync("en1", "c1", T0 + Duration.FromDays(1), default);
        await queue.ScheduleAsync("en2", "c1", T0, default);
        await queue.CancelAsync("en2", default);

        queue.DropStale();

        Assert.Equal(T0 + Duration.FromDays(1), queue.PeekTime);
        Assert.Equal([(T0 + Duration.FromDays(1), "wake:en1")], Drain(queue));
        Assert.Equal(0, queue.Count);
    }

    private static CustomerEvent Event(string id) => new(id, "order.placed", "c1", T0, Value.EmptyObject);

    private static List<(Instant, string)> Drain(VirtualTimeQueue queue)
    {
        var taken = new List<(Instant, string)>();
        while (queue.TryTake(out var at, out var e, out var enrollmentId, out var ledgerKey))
        {
            taken.Add((at, e is not null ? "event:" + e.Id : enrollmentId is not null ? "wake:" + enrollmentId : "send:" + ledgerKey));
        }

        return taken;
    }
}
