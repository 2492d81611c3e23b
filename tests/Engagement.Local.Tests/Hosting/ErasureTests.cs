using System.Text;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Local.Hosting;
using Engagement.Local.Tests.Storage;
using Microsoft.Data.Sqlite;
using static Engagement.Local.Tests.Hosting.HostHarness;

namespace Engagement.Local.Tests.Hosting;

/// <summary>Erasure in the embedded host, against a real SQLite file: no contact detail or name of the erased customer is left
/// in any text column of any table (nor in the file's bytes), while ids, counts, ledger keys and the tombstone remain.</summary>
public sealed class ErasureTests : IDisposable
{
    private const string Email = "wilhelmina.quast@example.com";
    private const string Phone = "+447700900123";
    private const string FirstName = "Wilhelmina";
    private const string LastName = "Quastenberg";
    private static readonly string[] Traces = [Email, Phone, FirstName, LastName, "wilhelmina"];

    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Erasure_LeavesNoContactDetailOrNameInAnyTextColumnOfAnyTableButKeepsIdsCountsLedgerKeysAndTheTombstone()
    {
        var catalog = Journeys(_files.Root);
        await using (var host = await StartAsync(_files, catalog, Clock()))
        {
            await FeedAsync(host);
            await IdleAsync(host);
            Assert.NotEmpty(TextColumnsContaining(Email)); // the test sees the data before the erasure
            Assert.NotEmpty(TextColumnsContaining(LastName));
            var rowsBefore = RowCounts();
            var reportBefore = await host.GetJourneysAsync(CancellationToken.None);
            var keysBefore = (await OutboxAsync(host)).Select(o => (o.Message.LedgerKey, o.Message.Channel, o.Message.Journey, o.Message.Step, o.State)).ToList();

            Assert.True(await host.EraseCustomerAsync("c1", CancellationToken.None));
            await IdleAsync(host);

            Assert.All(Traces, trace => Assert.Empty(TextColumnsContaining(trace)));
            var rowsAfter = RowCounts();
            Assert.Equal(rowsBefore["inbox"] + 1, rowsAfter["inbox"]); // the erasure event itself
            Assert.Equal(rowsBefore["ledger"] + 1, rowsAfter["ledger"]); // the tombstone
            // Timers: the waiting enrollment's wake-up is cancelled; timeline_counts: one more (step, exited) pair, checked below;
            // timeline_days (the report counters): the same exit, counted on the erasure's day.
            string[] changing = ["inbox", "ledger", "profiles", "timers", "stats", "timeline_counts", "timeline_days"];
            Assert.InRange(rowsAfter["timeline_days"] - rowsBefore["timeline_days"], 0, 1);
            Assert.Equal(rowsBefore.Where(r => !changing.Contains(r.Key)), rowsAfter.Where(r => !changing.Contains(r.Key)));
            Assert.Equal(rowsBefore["profiles"] - 1, rowsAfter["profiles"]);
            Assert.Equal(keysBefore, (await OutboxAsync(host)).Select(o => (o.Message.LedgerKey, o.Message.Channel, o.Message.Journey, o.Message.Step, o.State)).ToList());
            Assert.All(await OutboxAsync(host, "c1"), o => Assert.Equal(("[erased]", "[erased]"), (o.Message.To, o.Message.Body)));
            Assert.Contains(await OutboxAsync(host, "c2"), o => o.Message.To == "c2@example.com"); // another customer is untouched
            Assert.Equal("[erased]", Assert.Single(await host.ListTasksAsync(new TaskQuery(CustomerId: "c1"), CancellationToken.None)).Task.Title);

            var view = (await host.GetCustomerAsync("c1", CancellationToken.None))!;
            Assert.Equal([("care", "completed"), ("hello", "erased")], view.Enrollments.Select(e => (e.JourneyId, e.ExitReason)).Order());
            Assert.All(view.Enrollments, e => Assert.Empty(e.Event.Fields)); // the one that had exited before is scrubbed too
            Assert.Contains(view.Messages, m => m.Key == "erased/c1" && m.Status == LedgerStatus.Erased);
            AssertSameCountsButExits(reportBefore, await host.GetJourneysAsync(CancellationToken.None));
            Assert.Equal(2, Scalar("SELECT COUNT(*) FROM rejected WHERE raw = '[erased]'"));
            Assert.Equal(1, Scalar("SELECT COUNT(*) FROM rejected WHERE raw <> '[erased]'")); // c2's rejected line stays
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection("Data Source=" + _files.Db))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(_files.Db);
        Assert.All(Traces, trace => Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(trace)) < 0, trace + " is still in the file's bytes"));
    }

    [Fact]
    public async Task ErasedCustomer_RegisteringAgainLater_StartsWithAFreshProfileAndTheNewAddressOnly()
    {
        await using var host = await StartAsync(_files, Journeys(_files.Root), Clock());
        await FeedAsync(host);
        await IdleAsync(host);
        Assert.True(await host.EraseCustomerAsync("c1", CancellationToken.None));
        await IdleAsync(host);

        await host.IngestAsync(
            ["""{"id":"e9","type":"customer.registered","customerId":"c1","time":"2026-03-02T10:00:00Z","data":{"email":"fresh@example.com","locale":"en"}}"""],
            "test", CancellationToken.None);
        await IdleAsync(host);

        var profile = (await host.GetCustomerAsync("c1", CancellationToken.None))!.Profile;
        Assert.Equal(("fresh@example.com", null), (profile.Email, profile.Phone));
        Assert.True(profile.Attributes["firstName"].IsMissing);
        Assert.All(Traces, trace => Assert.Empty(TextColumnsContaining(trace)));
        Assert.Contains(TextColumnsContaining("fresh@example.com"), c => c.StartsWith("profiles.", StringComparison.Ordinal));

        // The erased enrollments stay as proof and entry rules still see them: re-entry "never" does not enrol again.
        var hello = Assert.Single((await host.GetCustomerAsync("c1", CancellationToken.None))!.Enrollments, e => e.JourneyId == "hello");
        Assert.Equal("erased", hello.ExitReason);
        Assert.DoesNotContain(await OutboxAsync(host, "c1"), o => o.Message.To == "fresh@example.com");
    }

    [Fact]
    public async Task Erasure_BeforeAnEventTheCustomersJourneyEmittedIsDue_DropsThatEventSoNoOtherJourneyEnrolsTheErasedCustomer()
    {
        var catalog = Journeys(_files.Root, chained: true);
        await using var host = await StartAsync(_files, catalog, Clock());
        var registered = "{\"id\":\"e1\",\"type\":\"customer.registered\",\"customerId\":\"c1\",\"time\":\"2026-03-02T10:00:00Z\",\"data\":{\"email\":\"" + Email + "\",\"locale\":\"en\"}}";
        var erased = """{"id":"x1","type":"customer.erased","customerId":"c1","time":"2026-03-02T10:00:00Z","data":{}}""";

        await host.IngestAsync([registered, erased], "test", CancellationToken.None); // at equal times input events go first
        await IdleAsync(host);

        var view = (await host.GetCustomerAsync("c1", CancellationToken.None))!;
        Assert.DoesNotContain(view.Enrollments, e => e.JourneyId == "follow");
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM inbox WHERE origin = 'emitted' AND status = 'processed' AND error = 'erased'"));
        Assert.Empty(TextColumnsContaining(Email));
    }

    [Fact]
    public async Task Erasure_OfAMessageWaitingForARetry_StopsItsHandOverAndRedactsTheProvidersAnswerQuotingTheAddress()
    {
        var clock = Clock();
        var transport = new BusyTransport();
        await using var host = await StartAsync(_files, Journeys(_files.Root), clock, transports: new Dictionary<string, Engine.Ports.IChannelSender> { ["email"] = transport });
        await FeedAsync(host);
        await EventuallyAsync(() => Task.FromResult(transport.CallsFor("c1") == 1), "the first attempt");
        await IdleAsync(host);
        Assert.Contains(await OutboxAsync(host, "c1"), o => o.State == "pending" && o.LastError!.Contains(Email, StringComparison.Ordinal));

        Assert.True(await host.EraseCustomerAsync("c1", CancellationToken.None));
        await IdleAsync(host);
        clock.Advance(NodaTime.Duration.FromMinutes(10));
        // The other customer's message, written after c1's, is retried: c1's would have been handed over first (oldest first).
        await EventuallyAsync(() => Task.FromResult(transport.CallsFor("c2") > 1), "the other customer's retry");

        var email = Assert.Single(await OutboxAsync(host, "c1"), o => o.Message.Channel == "email");
        Assert.Equal(("failed", "erased", "[erased]"), (email.State, email.LastError, email.Message.To));
        Assert.Equal(1, transport.CallsFor("c1"));
        Assert.All(Traces, trace => Assert.Empty(TextColumnsContaining(trace)));
    }

    private static async Task FeedAsync(EmbeddedHost host)
    {
        var result = await host.IngestAsync(
            [
                "{\"id\":\"e1\",\"type\":\"customer.registered\",\"customerId\":\"c1\",\"time\":\"2026-03-02T10:00:00Z\",\"data\":{\"email\":\"" + Email
                    + "\",\"phone\":\"" + Phone + "\",\"firstName\":\"" + FirstName + "\",\"locale\":\"en\",\"timezone\":\"Europe/London\"}}",
                "{\"id\":\"e2\",\"type\":\"complaint.opened\",\"customerId\":\"c1\",\"time\":\"2026-03-02T10:00:00Z\",\"data\":{\"name\":\"" + FirstName + " " + LastName + "\"}}",
                "{\"id\":\"e3\",\"type\":\"customer.registered\",\"customerId\":\"c2\",\"time\":\"2026-03-02T10:00:00Z\",\"data\":{\"email\":\"c2@example.com\",\"firstName\":\"Otto\",\"locale\":\"en\"}}",
                "{\"id\":\"bad1\",\"type\":\"customer.updated\",\"customerId\":\"c1\",\"time\":\"not a time\",\"data\":{\"phone\":\"" + Phone + "\"}}",
                "{\"id\":\"bad2\",\"customerId\":\"c1\",\"data\":{\"email\":\"" + Email + "\"",
                "{\"id\":\"bad3\",\"type\":\"customer.updated\",\"customerId\":\"c2\",\"time\":\"not a time\",\"data\":{\"phone\":\"+15550100\"}}",
            ],
            "test", CancellationToken.None);
        Assert.Equal((3, 3), (result.Accepted, result.Rejected.Count));
    }

    private static void AssertSameCountsButExits(IReadOnlyList<JourneyReport> before, IReadOnlyList<JourneyReport> after)
    {
        Assert.Equal(before.Select(j => (j.Id, j.Entered, j.Holdout, j.Goals)), after.Select(j => (j.Id, j.Entered, j.Holdout, j.Goals)));
        static IEnumerable<string> Counts(IReadOnlyList<JourneyReport> report) => report.SelectMany(j => j.Steps.SelectMany(s =>
            s.Counts.Where(c => c.Key != "exited").Select(c => $"{j.Id}/{s.StepId}/{c.Key}={c.Value}")));
        Assert.Equal(Counts(before), Counts(after));
    }

    private List<string> TextColumnsContaining(string text) => SqliteFileScan.TextColumnsContaining(_files.Db, text);

    private Dictionary<string, long> RowCounts() => SqliteFileScan.RowCounts(_files.Db);

    private long Scalar(string sql) => SqliteFileScan.Scalar(_files.Db, sql);

    /// <summary>An email transport whose answer is always a transient failure quoting the recipient, as SMTP servers do.</summary>
    private sealed class BusyTransport : Engine.Ports.IChannelSender
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _calls = new();

        public string Channel => "email";

        public int CallsFor(string customerId) => _calls.Count(c => c == customerId);

        public ValueTask<Engine.Delivery.SendResult> SendAsync(Engine.Delivery.OutboundMessage message, CancellationToken cancellationToken)
        {
            _calls.Enqueue(message.CustomerId);
            return ValueTask.FromResult(new Engine.Delivery.SendResult(Engine.Delivery.SendStatus.TransientFailure, null, "451 4.2.1 <" + message.To + ">: mailbox busy"));
        }
    }

    /// <summary><c>hello</c> sends an email and an SMS quoting the trigger's first name, then waits; <c>care</c> opens a task
    /// titled with the complaint's name.</summary>
    private static JourneyCatalog Journeys(string root, bool chained = false)
    {
        var dir = Path.Combine(root, "journeys");
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        if (chained)
        {
            // chain emits an event quoting the address on registration; follow is triggered by it.
            File.WriteAllText(Path.Combine(dir, "chain.json"), """
                {
                  "id": "chain", "version": 1, "name": "Chain", "category": "transactional",
                  "trigger": { "event": "customer.registered" }, "reentry": "never", "holdout": 0,
                  "start": "tell",
                  "steps": {
                    "tell": { "type": "update", "set": {}, "emit": { "type": "x.followup", "data": { "address": "event.email" } }, "next": "done" },
                    "done": { "type": "exit" }
                  }
                }
                """);
            File.WriteAllText(Path.Combine(dir, "follow.json"), """
                {
                  "id": "follow", "version": 1, "name": "Follow", "category": "transactional",
                  "trigger": { "event": "x.followup" }, "reentry": "always", "holdout": 0,
                  "start": "done", "steps": { "done": { "type": "exit" } }
                }
                """);
        }

        File.WriteAllText(Path.Combine(dir, "hello.json"), """
            {
              "id": "hello", "version": 1, "name": "Hello", "category": "transactional",
              "trigger": { "event": "customer.registered" }, "reentry": "never", "holdout": 0,
              "start": "mail",
              "steps": {
                "mail": { "type": "send", "channel": "email", "template": "hello", "next": "text" },
                "text": { "type": "send", "channel": "sms", "template": "hello", "next": "wait" },
                "wait": { "type": "wait", "duration": "P7D", "next": "done" },
                "done": { "type": "exit" }
              }
            }
            """);
        File.WriteAllText(Path.Combine(dir, "care.json"), """
            {
              "id": "care", "version": 1, "name": "Care", "category": "transactional",
              "trigger": { "event": "complaint.opened" }, "reentry": "always", "holdout": 0,
              "start": "call",
              "steps": {
                "call": { "type": "task", "queue": "care", "title": "Call {{ event.name }}", "priority": "high", "due": "PT4H", "next": "done" },
                "done": { "type": "exit" }
              }
            }
            """);
        File.WriteAllText(Path.Combine(dir, "templates", "hello.email.en.liquid"), "---\nsubject: Hello {{ event.firstName }}\n---\nHello {{ event.firstName }}");
        File.WriteAllText(Path.Combine(dir, "templates", "hello.sms.en.liquid"), "Hello {{ event.firstName }}");
        var catalog = JourneyCatalog.Load(dir, out var diagnostics);
        Assert.Empty(diagnostics);
        return catalog;
    }
}
