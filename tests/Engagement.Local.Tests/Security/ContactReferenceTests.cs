using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Engagement.Engine.Effects;
using Engagement.Local.Hosting;
using Engagement.Local.Http;
using Engagement.Local.Security;
using Engagement.Local.Tests.Hosting;
using Engagement.Local.Tests.Http;
using Engagement.Local.Tests.Storage;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Tests.Security;

/// <summary>
/// Input that names its customer only by email or phone (an event without customerId, a Segment call without userId) is the
/// input of the one customer with that contact, found through the blind index of a keyed host over HTTP on loopback; none or
/// several refuse it, kept with a reason that never quotes the contact; erasure finds such refused lines.
/// </summary>
public sealed class ContactReferenceTests : IAsyncLifetime
{
    private const string Time = "2026-03-02T09:00:00Z";
    private readonly TestFiles _files = new();
    private EmbeddedHost _host = null!;
    private HttpApi _api = null!;
    private HttpClient _ingest = null!;

    public async Task InitializeAsync()
    {
        var keys = KeyFile.CreateNew(Path.Combine(_files.Root, "keys.json"));
        _host = EmbeddedHost.Open(
            new EmbeddedHostOptions { DatabasePath = _files.Db, IdlePoll = TimeSpan.FromMilliseconds(10), Keys = keys },
            TestJourneys.Write(_files.Root), HostHarness.Clock());
        await _host.StartAsync(CancellationToken.None);
        _api = await HttpApi.StartAsync(_host, new HttpApiOptions { Urls = ["http://127.0.0.1:0"], Keys = RoleKeys.Entries }, CancellationToken.None);
        _ingest = RoleKeys.Client(_api.Address, EngageRole.Ingest);
        await PostEventsAsync(
            Registered("r1", "c-ann", "Ann.Lee@Shop.example", "+44 7700 900001"),
            Registered("r2", "c-bo", "bo@shop.example", "+447700900002"),
            Registered("r3", "c-cy", "cy@shop.example", "+447700900002"));
    }

    public async Task DisposeAsync()
    {
        _ingest.Dispose();
        await _api.DisposeAsync();
        await _host.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Event_WithoutCustomerId_NamingAKnownEmailOrPhone_IsThatCustomersEvent()
    {
        var answer = await PostEventsAsync(
            """{"id":"o1","type":"order.placed","time":"TIME","data":{"email":"  ann.lee@SHOP.example ","amount":50}}""",
            """{"id":"u1","type":"customer.unsubscribed","time":"TIME","data":{"phone":"+447700900001","channel":"sms"}}""");

        Assert.Equal((2, 0), ((int)answer["accepted"]!, answer["rejected"]!.Count()));
        var ann = (await _host.GetCustomerAsync("c-ann", CancellationToken.None))!.Profile;
        Assert.Equal(1, ann.Attributes["orderCount"].AsNumber());
        Assert.False(ann.ConsentFor("sms", Engine.Profiles.ConsentPurpose.Marketing)?.Granted);
        var consent = Assert.Single(await _host.ListAsync(new AuditQuery(Action: AuditActions.ConsentChange), CancellationToken.None));
        Assert.Equal(("ingest-key", "c-ann", "customer.unsubscribed sms"), (consent.Who, consent.CustomerId, consent.Detail));
    }

    [Fact]
    public async Task Event_WithoutCustomerId_NamingAnUnknownOrSharedContact_IsRefusedAndKeptWithAReasonThatDoesNotQuoteIt()
    {
        var answer = await PostEventsAsync(
            """{"id":"o2","type":"order.placed","time":"TIME","data":{"email":"nobody@shop.example","amount":5}}""",
            """{"id":"o3","type":"order.placed","time":"TIME","data":{"phone":"+447700900002","amount":5}}""",
            """{"id":"o4","type":"order.placed","time":"TIME","data":{"amount":5}}""");

        var rejected = answer["rejected"]!.Select(r => ((string?)r["field"], (string?)r["reason"])).ToList();
        Assert.Equal(
            [("customerId", "'customerId' is missing and no customer has this data.email: send the customer's id as customerId"),
             ("customerId", "'customerId' is missing and 2 customers have this data.phone: send the customer's id as customerId"),
             ("customerId", "'customerId' is missing: expected the customer's id, e.g. \"c000123\"")],
            rejected);
        Assert.Equal(3, SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM rejected"));
        Assert.Equal(1, SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM rejected WHERE contact LIKE 'email:%'"));
        Assert.Empty(SqliteFileScan.TextColumnsContaining(_files.Db, "nobody@shop.example"));
    }

    [Fact]
    public async Task Segment_IdentifyAndTrackWithoutUserId_FindTheCustomerByTheirContactTraits()
    {
        using var segment = SegmentClient();

        var identify = await segment.PostAsync("/v1/identify", Json("""{"anonymousId":"a-1","traits":{"email":"ANN.LEE@shop.example","plan":"gold"}}"""));
        var track = await segment.PostAsync("/v1/track", Json("""{"event":"Email Unsubscribed","context":{"traits":{"email":"ann.lee@shop.example"}},"properties":{"email_id":"e-9"}}"""));
        var unknown = await segment.PostAsync("/v1/identify", Json("""{"traits":{"email":"stranger@shop.example","plan":"gold"}}"""));
        await HostHarness.IdleAsync(_host);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (identify.StatusCode, track.StatusCode));
        var refusal = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'userId' is missing and no customer has this traits.email", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("stranger", refusal, StringComparison.Ordinal);
        var ann = (await _host.GetCustomerAsync("c-ann", CancellationToken.None))!.Profile;
        Assert.Equal("gold", ann.Attributes["plan"].AsString());
        Assert.False(ann.ConsentFor("email", Engine.Profiles.ConsentPurpose.Marketing)?.Granted);
        Assert.Equal("c-ann", Assert.Single(await _host.ListAsync(new AuditQuery(Action: AuditActions.ConsentChange), CancellationToken.None)).CustomerId);
    }

    [Fact]
    public async Task Erasure_FindsTheRefusedLinesThatNamedTheCustomerOnlyByContact()
    {
        using var segment = SegmentClient();
        await PostEventsAsync("""{"id":"early","type":"order.placed","time":"TIME","data":{"email":"dee@shop.example","amount":"lots"}}""");
        await PostEventsAsync(Registered("r4", "c-dee", "dee@shop.example", "+447700900004"));
        var refused = await segment.PostAsync("/v1/identify", Json("""{"traits":{"phone":"+447700900004","birthday":"not a day"}}"""));
        var other = await PostEventsAsync("""{"id":"other","type":"order.placed","time":"TIME","data":{"email":"elsewhere@shop.example"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Single(other["rejected"]!);
        Assert.Equal(1, SqliteFileScan.Scalar(_files.Db, "SELECT COUNT(*) FROM rejected WHERE customer_id = 'c-dee'"));

        Assert.True(await _host.EraseCustomerAsync("c-dee", CancellationToken.None));
        await HostHarness.IdleAsync(_host);

        using var protector = FieldProtector.From(KeyFile.Load(Path.Combine(_files.Root, "keys.json")));
        var raws = Raws().Select(protector.Unprotect).ToList();
        Assert.Equal(2, raws.Count(r => r == Erasure.Redacted));
        Assert.Single(raws, r => r!.Contains("elsewhere@shop.example", StringComparison.Ordinal));
    }

    private static string Registered(string id, string customer, string email, string phone) =>
        $$$"""{"id":"{{{id}}}","type":"customer.registered","customerId":"{{{customer}}}","time":"TIME","data":{"email":"{{{email}}}","phone":"{{{phone}}}","channels":["email","sms"]}}""";

    private async Task<JObject> PostEventsAsync(params string[] lines)
    {
        var posted = await _ingest.PostAsync("/events", new StringContent(string.Join('\n', lines).Replace("TIME", Time, StringComparison.Ordinal), Encoding.UTF8, "application/x-ndjson"));
        var answer = await Answers.JsonAsync(posted, 202);
        await HostHarness.IdleAsync(_host);
        return answer;
    }

    private HttpClient SegmentClient()
    {
        var client = new HttpClient { BaseAddress = _api.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RoleKeys.Secrets[EngageRole.Ingest] + ":")));
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private List<string> Raws()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _files.Db + ";Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT raw FROM rejected ORDER BY seq";
        using var reader = command.ExecuteReader();
        var raws = new List<string>();
        while (reader.Read())
        {
            raws.Add(reader.GetString(0));
        }

        return raws;
    }
}
