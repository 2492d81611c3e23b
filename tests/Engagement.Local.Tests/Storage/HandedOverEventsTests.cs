using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Local.Tests.Storage;

/// <summary>Events kept parsed between their inbox write and their handling: kept with the group's commit, dropped with its
/// rollback, handed over once, bounded, forgotten for an erased customer.</summary>
public sealed class HandedOverEventsTests
{
    private static CustomerEvent Event(string id, string customer = "c1") =>
        new(id, "customer.registered", customer, Instant.FromUtc(2026, 3, 2, 10, 0), Value.EmptyObject);

    [Fact]
    public void Take_EventWrittenInACommittedGroup_HandsItOverOnce()
    {
        var events = new HandedOverEvents();
        var e = Event("e1");

        events.Written(e);
        events.Commit();

        Assert.True(events.Contains("e1"));
        Assert.Same(e, events.Take("e1"));
        Assert.Null(events.Take("e1"));
        Assert.False(events.Contains("e1"));
        Assert.Equal(1, events.Taken);
    }

    [Fact]
    public void Rollback_DropsTheGroupsEventsAndKeepsTheCommittedOnes()
    {
        var events = new HandedOverEvents();
        events.Written(Event("e1"));
        events.Commit();
        events.Written(Event("e2"));

        events.Rollback();

        Assert.True(events.Contains("e1"));
        Assert.False(events.Contains("e2"));
        Assert.Null(events.Take("e2"));
        Assert.Equal(0, events.Taken);
    }

    [Fact]
    public void Written_AtCapacity_KeepsNoMore()
    {
        var events = new HandedOverEvents(capacity: 2);

        events.Written(Event("e1"));
        events.Commit();
        events.Written(Event("e2"));
        events.Written(Event("e3"));

        Assert.Equal(2, events.Count);
        Assert.False(events.Contains("e3"));
        Assert.NotNull(events.Take("e1"));
        events.Written(Event("e4"));
        Assert.True(events.Contains("e4"));
    }

    [Fact]
    public void Written_CapacityZero_KeepsNothing()
    {
        var events = new HandedOverEvents(capacity: 0);

        events.Written(Event("e1"));
        events.Commit();

        Assert.False(events.Contains("e1"));
    }

    [Fact]
    public void Forget_DropsOnlyThatCustomersEventsCommittedOrNot()
    {
        var events = new HandedOverEvents();
        events.Written(Event("a1", "ann"));
        events.Written(Event("b1", "bob"));
        events.Commit();
        events.Written(Event("a2", "ann"));
        events.Written(Event("b2", "bob"));

        events.Forget("ann");

        Assert.False(events.Contains("a1"));
        Assert.False(events.Contains("a2"));
        Assert.True(events.Contains("b1"));
        Assert.True(events.Contains("b2"));
    }
}
