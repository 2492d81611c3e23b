using Engagement.Engine.Delivery;
using Engagement.Engine.Serialization;
using Engagement.Local.Storage;
using NodaTime;

namespace Engagement.Local.Tests.Storage;

/// <summary>Reservations are held in the group and written once, with their last state, at commit or before a query needs them.</summary>
public sealed class SqliteMessageLedgerTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 8, 0);
    private readonly TestFiles _files = new();
    private readonly GroupState _group;
    private readonly SqliteMessageLedger _ledger;

    public SqliteMessageLedgerTests()
    {
        _group = new GroupState(new SqliteSession(SqliteDatabase.Open(_files.Db).Connect()));
        _group.Begin();
        _group.Now = At;
        _ledger = new SqliteMessageLedger(_group);
    }

    public void Dispose()
    {
        _group.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task TryReserve_ThenUpdateInTheGroup_WritesOneRowWithTheLastStateAtCommit()
    {
        var entry = Entry("welcome/hello/c1");

        Assert.True(await _ledger.TryReserveAsync(entry, default));
        await _ledger.UpdateAsync(entry with { Status = LedgerStatus.Sent, SentAt = At, Attempts = 1 }, default);
        Assert.Equal(0, Rows());
        Assert.Equal(LedgerStatus.Sent, (await _ledger.GetAsync(entry.Key, default))!.Status);
        _group.Commit();

        Assert.Equal([("sent", Ticks.Of(At), LedgerStatus.Sent)], Stored());
    }

    [Fact]
    public async Task TryReserve_KeyHeldOrWritten_IsRefused()
    {
        var entry = Entry("welcome/hello/c1");

        Assert.True(await _ledger.TryReserveAsync(entry, default));
        Assert.False(await _ledger.TryReserveAsync(entry with { At = At + Duration.FromHours(1) }, default));
        _group.Commit();
        _group.Begin();

        Assert.False(await _ledger.TryReserveAsync(entry, default));
        Assert.Equal(1, Rows());
    }

    [Fact]
    public async Task ListSentSince_HeldEntriesOfTheCustomer_AreSeenInReservationOrder()
    {
        await _ledger.TryReserveAsync(Entry("b/s/c1") with { Status = LedgerStatus.Sent, SentAt = At }, default);
        await _ledger.TryReserveAsync(Entry("a/s/c1") with { Status = LedgerStatus.Sent, SentAt = At + Duration.FromMinutes(1) }, default);
        await _ledger.TryReserveAsync(Entry("c/s/c2") with { CustomerId = "c2", Status = LedgerStatus.Sent, SentAt = At }, default);

        var sent = await _ledger.ListSentSinceAsync("c1", At, default);

        Assert.Equal(["b/s/c1", "a/s/c1"], sent.Select(e => e.Key));
    }

    [Fact]
    public async Task Rollback_HeldReservations_AreDropped()
    {
        await _ledger.TryReserveAsync(Entry("welcome/hello/c1"), default);

        _group.Rollback();
        _group.Begin();
        _group.Commit();

        Assert.Equal(0, Rows());
        Assert.Null(await _ledger.GetAsync("welcome/hello/c1", default));
    }

    [Fact]
    public async Task Erase_ReservationHeldInTheGroup_IsScrubbedToo()
    {
        var pending = new PendingSend
        {
            LedgerKey = "welcome/hello/c1", CustomerId = "c1", Journey = "welcome", Version = 1, Marketing = true, Step = "hello", Channel = "email",
            Template = "welcome-hello", EnrollmentId = "e1", EventJson = """{"note":"call a@example.com"}""",
        };
        await _ledger.TryReserveAsync(Entry("welcome/hello/c1") with { Status = LedgerStatus.Deferred, DeferredUntil = At + Duration.FromHours(9), Pending = pending }, default);

        await new SqlitePersonalDataEraser(_group).EraseAsync("c1", At, default);
        _group.Commit();

        var stored = EngineJson.Deserialize<LedgerEntry>((string)_group.Session.Scalar("SELECT json FROM ledger WHERE key = 'welcome/hello/c1'")!);
        Assert.Equal(LedgerStatus.Suppressed, stored.Status);
        Assert.Null(stored.Pending);
    }

    private static LedgerEntry Entry(string key) => new() { Key = key, CustomerId = "c1", Journey = key.Split('/')[0], Step = key.Split('/')[1], Channel = "email", At = At };

    private long Rows() => _group.Session.Long("SELECT COUNT(*) FROM ledger");

    private List<(string, long, LedgerStatus)> Stored() => _group.Session.Query(
        "SELECT status, sent_at, json FROM ledger ORDER BY id", r => (r.GetString(0), r.GetInt64(1), EngineJson.Deserialize<LedgerEntry>(r.GetString(2)).Status));
}
