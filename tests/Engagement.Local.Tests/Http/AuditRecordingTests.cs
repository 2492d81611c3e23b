using System.Collections.Immutable;
using System.Text;
using Engagement.Engine.Delivery;
using Engagement.Engine.Tasks;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using NodaTime;
using static Engagement.Local.Tests.Http.ApiUnderTest;

namespace Engagement.Local.Tests.Http;

/// <summary>What the API records in the host's audit trail: who (the key's name), what, which customer, from where — and never a contact detail.</summary>
public class AuditRecordingTests : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await StartAsync(o => o with { Keys = RoleKeys.Entries });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task GetCustomer_AsOperator_RecordsARead()
    {
        await _api.PostEventsAsync(Event("r1", "customer.registered", "c7", data: """{"email":"ann@example.com","phone":"+8613800138000"}"""));
        using var operatorClient = RoleKeys.Client(_api.Api.Address, EngageRole.Operator);

        await Answers.JsonAsync(await operatorClient.GetAsync("/customers/c7"), 200);

        var entry = Assert.Single(_api.Host.Audited);
        Assert.Equal(("operator-key", AuditActions.CustomerRead, "c7", "127.0.0.1"), (entry.Who, entry.Action, entry.CustomerId, entry.From));
    }

    [Fact]
    public async Task GetCustomer_Unknown_RecordsNothing()
    {
        await Answers.ProblemAsync(await _api.Client.GetAsync("/customers/nobody"), 404);

        Assert.Empty(_api.Host.Audited);
    }

    [Fact]
    public async Task GetCustomer_ForbiddenToIngest_RecordsNothing()
    {
        using var ingest = RoleKeys.Client(_api.Api.Address, EngageRole.Ingest);

        await Answers.ProblemAsync(await ingest.GetAsync("/customers/c7"), 403);

        Assert.Empty(_api.Host.Audited);
    }

    [Fact]
    public async Task DeleteCustomer_RecordsTheErasureWithThePlainKeysName()
    {
        await _api.PostEventsAsync(Event("d1", "customer.registered", "c9"));

        await Answers.JsonAsync(await _api.Client.DeleteAsync("/customers/c9"), 202);

        var entry = Assert.Single(_api.Host.Audited);
        Assert.Equal(("api-key-1", AuditActions.CustomerErase, "c9"), (entry.Who, entry.Action, entry.CustomerId));
    }

    [Fact]
    public async Task GetOutbox_RecordsOneReadPerCustomerNamed_WithoutTheirAddresses()
    {
        foreach (var (seq, customer) in new[] { (1L, "c1"), (2L, "c2"), (3L, "c1") })
        {
            _api.Host.Outbox.Add(new OutboxEntry(seq, new OutboundMessage
            {
                LedgerKey = $"e/s/{seq}", Channel = "email", CustomerId = customer, To = customer + "@example.com", Body = "Hi Ann", Journey = "welcome", Step = "hello",
                Template = "welcome", Locale = "en", Headers = ImmutableSortedDictionary<string, string>.Empty,
            }, Now, "outbox", "delivered", 1, null, Now));
        }

        using var operatorClient = RoleKeys.Client(_api.Api.Address, EngageRole.Operator);
        await Answers.JsonAsync(await operatorClient.GetAsync("/outbox"), 200);

        Assert.Equal([("c1", "messages=2"), ("c2", "messages=1")], _api.Host.Audited.Select(a => (a.CustomerId, a.Detail)));
        Assert.All(_api.Host.Audited, a => Assert.Equal(AuditActions.OutboxRead, a.Action));
        Assert.DoesNotContain(_api.Host.Audited, a => a.ToString().Contains("@example.com", StringComparison.Ordinal) || a.ToString().Contains("Ann", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetTasks_RecordsOneReadPerCustomerNamed()
    {
        _api.Host.Tasks.Add(new TaskView(new HumanTask
        {
            TaskKey = "k", CustomerId = "c3", Journey = "complaint-recovery", Step = "call", Queue = "care", Title = "Call", Priority = "high",
            CreatedAt = Now, Due = Now + Duration.FromDays(1),
        }, false));
        using var operatorClient = RoleKeys.Client(_api.Api.Address, EngageRole.Operator);

        await Answers.JsonAsync(await operatorClient.GetAsync("/tasks"), 200);

        var entry = Assert.Single(_api.Host.Audited);
        Assert.Equal((AuditActions.TasksRead, "c3", "operator-key"), (entry.Action, entry.CustomerId, entry.Who));
    }

    [Fact]
    public async Task PostEvents_ConsentEvents_RecordsAConsentChangeEachAndNothingForOtherEvents()
    {
        using var ingest = RoleKeys.Client(_api.Api.Address, EngageRole.Ingest);
        var body = string.Join('\n',
            Event("c-1", "consent.revoked", "c4", data: """{"channel":"email","purpose":"marketing","source":"ann@example.com"}"""),
            Event("c-2", "customer.unsubscribed", "c5", data: """{"channel":"ann@example.com"}"""),
            Event("c-3", "order.placed", "c6"),
            """{"id":"c-4","type":"consent.granted","time":"2026-03-01T09:00:00Z"}""");

        await Answers.JsonAsync(await ingest.PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson")), 202);

        Assert.Equal([("c4", "consent.revoked email"), ("c5", "customer.unsubscribed")], _api.Host.Audited.Select(a => (a.CustomerId, a.Detail)));
        Assert.All(_api.Host.Audited, a => Assert.Equal(("ingest-key", AuditActions.ConsentChange), (a.Who, a.Action)));
    }

    [Fact]
    public async Task SegmentIdentify_WithConsentTraits_RecordsAConsentChangePerChannelWithoutTraits()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/identify")
        {
            Content = new StringContent("""{"userId":"c8","messageId":"m-consent","traits":{"email":"ann@example.com","name":"Ann","emailOptIn":true,"smsOptIn":false}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RoleKeys.Secrets[EngageRole.Ingest] + ":")));

        await Answers.JsonAsync(await _api.Anonymous.SendAsync(request), 200);

        Assert.Equal([("c8", "consent.granted email"), ("c8", "consent.revoked sms")], _api.Host.Audited.Select(a => (a.CustomerId, a.Detail)).Order());
        Assert.All(_api.Host.Audited, a => Assert.Equal(("ingest-key", AuditActions.ConsentChange), (a.Who, a.Action)));
        Assert.DoesNotContain(_api.Host.Audited, a => a.ToString().Contains("ann@", StringComparison.Ordinal) || a.ToString().Contains("Ann", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CloudEvent_ConsentRevoked_RecordsAConsentChange()
    {
        using var ingest = RoleKeys.Client(_api.Api.Address, EngageRole.Ingest);
        var cloudEvent = """{"specversion":"1.0","type":"consent.revoked","source":"/crm","id":"ce-c1","customerid":"c10","time":"2026-03-01T09:00:00Z","data":{"channel":"sms","purpose":"marketing"}}""";

        await Answers.JsonAsync(await ingest.PostAsync("/events", new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json")), 202);

        var entry = Assert.Single(_api.Host.Audited);
        Assert.Equal(("ingest-key", AuditActions.ConsentChange, "c10", "consent.revoked sms"), (entry.Who, entry.Action, entry.CustomerId, entry.Detail));
    }
}
