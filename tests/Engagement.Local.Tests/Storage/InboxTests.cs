using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Local.Tests.Storage;

public sealed class InboxTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task IsProcessed_PendingThenMarked_IsFalseThenTrue()
    {
        using var group = new GroupState(new SqliteSession(SqliteDatabase.Open(_files.Db).Connect()));
        group.Begin();
        group.Now = Instant.FromUtc(2026, 3, 1, 8, 0);
        var inbox = new SqliteEventInbox(group);
        var e = new Journeys.Runtime.CustomerEvent("e1", "x", "c1", group.Now, Journeys.Values.Value.EmptyObject);
        SqliteEventInbox.Accept(group.Session, e, "test", 1, 0, 0);

        Assert.False(await inbox.IsProcessedAsync("e1", default));
        Assert.True(await inbox.TryMarkProcessedAsync("e1", default));
        Assert.True(await inbox.IsProcessedAsync("e1", default));
        Assert.False(await inbox.IsProcessedAsync("never-seen", default));
    }
}
