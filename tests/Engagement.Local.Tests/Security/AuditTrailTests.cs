using System.Net;
using System.Text;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Engagement.Local.Storage;
using Engagement.Local.Tests.Hosting;
using Engagement.Local.Tests.Http;
using Engagement.Local.Tests.Storage;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Engagement.Local.Tests.Security;

/// <summary>The audit trail in the serve database, through the real host and the HTTP API on loopback.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private const string Email = "audited.ann@example.com";
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ReadEraseAndSignIn_ThroughTheApi_AreRecordedKeptAfterErasureAndHoldNoContactDetail()
    {
        var clock = HostHarness.Clock();
        await using (var host = await HostHarness.StartAsync(_files, TestJourneys.Write(_files.Root), clock))
        await using (var api = await HttpApi.StartAsync(host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None))
        {
            using var admin = RoleKeys.Client(api.Address, EngageRole.Admin);
            using var operatorClient = RoleKeys.Client(api.Address, EngageRole.Operator);
            var registered = """{"id":"a1","type":"customer.registered","customerId":"c-audit","time":"2026-03-02T10:00:00Z","data":{"email":"EMAIL","phone":"+8613800138000","name":"Ann Audit"}}""".Replace("EMAIL", Email, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/events", new StringContent(registered, Encoding.UTF8, "application/json"))).StatusCode);
            await HostHarness.IdleAsync(host);

            Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("/customers/c-audit")).StatusCode);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Address };
            var signIn = await browser.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([new("key", RoleKeys.Secrets[EngageRole.Viewer])]));
            var refused = await browser.PostAsync("/dashboard/sign-in", new FormUrlEncodedContent([new("key", RoleKeys.Secrets[EngageRole.Ingest])]));
            Assert.Equal((HttpStatusCode.SeeOther, HttpStatusCode.Forbidden), (signIn.StatusCode, refused.StatusCode));
            Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync("/customers/c-audit")).StatusCode);
            await HostHarness.IdleAsync(host);

            var entries = await host.ListAsync(new AuditQuery(), CancellationToken.None);
            Assert.Equal(
                [("operator-key", AuditActions.CustomerRead, "c-audit"), ("viewer-key", AuditActions.DashboardSignIn, null), ("ingest-key", AuditActions.DashboardSignInRefused, null),
                 ("admin-key", AuditActions.CustomerErase, "c-audit")],
                entries.Select(e => (e.Who, e.Action, e.CustomerId)));
            Assert.All(entries, e => Assert.Equal((HostHarness.Start, "127.0.0.1"), (e.At, e.From)));
            Assert.Equal(2, (await host.ListAsync(new AuditQuery(CustomerId: "c-audit"), CancellationToken.None)).Count);
            Assert.Equal("admin-key", Assert.Single(await host.ListAsync(new AuditQuery(Action: AuditActions.CustomerErase), CancellationToken.None)).Who);
        }

        foreach (var contact in new[] { Email, "Ann Audit", "13800138000" })
        {
            Assert.DoesNotContain(SqliteFileScan.TextColumnsContaining(_files.Db, contact), c => c.StartsWith("audit.", StringComparison.Ordinal));
        }

        Assert.Equal(4, SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM audit"));
    }

    [Fact]
    public async Task Unsubscribe_ThroughALink_IsRecordedAsAConsentChangeOfThatCustomer()
    {
        var key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");
        await using var host = await HostHarness.StartAsync(_files, TestJourneys.Write(_files.Root), HostHarness.Clock(), unsubscribeKey: key);
        var token = new Engagement.Engine.Unsubscribe.UnsubscribeTokens(key).Create("c-unsub", "email", HostHarness.Start + Duration.FromDays(30));

        Assert.True(await host.UnsubscribeAsync(token, CancellationToken.None));

        var entry = Assert.Single(await host.ListAsync(new AuditQuery(), CancellationToken.None));
        Assert.Equal(("unsubscribe-link", AuditActions.ConsentChange, "c-unsub", "customer.unsubscribed email"), (entry.Who, entry.Action, entry.CustomerId, entry.Detail));
    }

    [Fact]
    public async Task Audit_Update_IsRefusedByTheDatabase()
    {
        var database = SqliteDatabase.Open(_files.Db);
        var trail = new SqliteAuditTrail(database, HostHarness.Clock());
        await trail.AppendAsync([new AuditEvent("ops", AuditActions.CustomerRead, "c1", "cli")], CancellationToken.None);

        using var connection = database.Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit SET who = 'someone-else'";
        var error = Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());

        Assert.Contains("append-only", error.Message);
        Assert.Equal("ops", Assert.Single(trail.List(new AuditQuery())).Who);
    }

    [Fact]
    public async Task Prune_AtStart_DeletesOnlyEntriesOlderThanTheRetention()
    {
        var clock = HostHarness.Clock();
        var trail = new SqliteAuditTrail(SqliteDatabase.Open(_files.Db), clock);
        await trail.AppendAsync([new AuditEvent("old", AuditActions.CustomerRead, "c1", "cli")], CancellationToken.None);
        clock.Advance(Duration.FromDays(20));
        await trail.AppendAsync([new AuditEvent("recent", AuditActions.CustomerRead, "c1", "cli")], CancellationToken.None);
        clock.Advance(Duration.FromDays(20));

        var options = new Engagement.Local.Hosting.EmbeddedHostOptions { DatabasePath = _files.Db, AuditRetention = TimeSpan.FromDays(30), IdlePoll = TimeSpan.FromMilliseconds(10) };
        await using var host = Engagement.Local.Hosting.EmbeddedHost.Open(options, TestJourneys.Write(_files.Root), clock, null);
        var pruned = await host.PruneAuditAsync();

        Assert.Equal(1, pruned);
        Assert.Equal(["recent"], (await host.ListAsync(new AuditQuery(), CancellationToken.None)).Select(e => e.Who));
    }

    [Fact]
    public async Task List_Filters_BySinceAndWho()
    {
        var clock = HostHarness.Clock();
        var trail = new SqliteAuditTrail(SqliteDatabase.Open(_files.Db), clock);
        await trail.AppendAsync([new AuditEvent("a", AuditActions.CustomerRead, "c1", "cli"), new AuditEvent("b", AuditActions.OutboxRead, "c2", "cli")], CancellationToken.None);
        clock.Advance(Duration.FromHours(1));
        await trail.AppendAsync([new AuditEvent("a", AuditActions.TasksRead, "c3", "cli")], CancellationToken.None);

        Assert.Equal(["c3"], trail.List(new AuditQuery(Since: HostHarness.Start + Duration.FromMinutes(1))).Select(e => e.CustomerId));
        Assert.Equal(["c1", "c3"], trail.List(new AuditQuery(Who: "a")).Select(e => e.CustomerId));
    }
}
