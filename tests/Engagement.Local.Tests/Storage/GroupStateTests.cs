using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Local.Tests.Storage;

/// <summary>The agenda's known lower bounds of due times: lowered by every write, forgotten on rollback.</summary>
public sealed class GroupStateTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly GroupState _group;

    public GroupStateTests()
    {
        _group = new GroupState(new SqliteSession(SqliteDatabase.Open(_files.Db).Connect()));
        _group.Begin();
        _group.Now = Instant.FromUtc(2026, 3, 1, 8, 0);
    }

    public void Dispose()
    {
        _group.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task TimerScheduled_BelowAKnownBound_LowersItAndAnUnknownBoundStaysUnknown()
    {
        var timers = new SqliteTimerQueue(_group);
        _group.TimersDueFrom = Ticks.Of(Instant.FromUtc(2026, 3, 2, 0, 0));

        await timers.ScheduleAsync("en1", "c1", Instant.FromUtc(2026, 3, 1, 9, 0), default);
        await ((Engagement.Engine.Ports.IDeferredSendQueue)timers).ScheduleAsync("k/1", "c1", Instant.FromUtc(2026, 3, 1, 8, 30), default);

        Assert.Equal(Ticks.Of(Instant.FromUtc(2026, 3, 1, 8, 30)), _group.TimersDueFrom);
        _group.TimersDueFrom = null;
        await timers.ScheduleAsync("en2", "c1", Instant.FromUtc(2026, 3, 1, 7, 0), default);
        Assert.Null(_group.TimersDueFrom);
    }

    [Fact]
    public async Task EventEmitted_BelowAKnownBound_LowersIt()
    {
        var inbox = new SqliteEventInbox(_group);
        _group.EmittedDueFrom = long.MaxValue;

        await inbox.PublishAsync(new Engagement.Journeys.Runtime.CustomerEvent("e1", "x", "c1", _group.Now, Engagement.Journeys.Values.Value.EmptyObject), default);

        Assert.Equal(Ticks.Of(_group.Now), _group.EmittedDueFrom);
    }

    [Fact]
    public void Rollback_KnownBounds_AreForgotten()
    {
        _group.TimersDueFrom = 5;
        _group.EmittedDueFrom = 7;

        _group.Rollback();

        Assert.Null(_group.TimersDueFrom);
        Assert.Null(_group.EmittedDueFrom);
    }
}
