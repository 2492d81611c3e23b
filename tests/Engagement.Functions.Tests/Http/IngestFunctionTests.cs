using Engagement.Engine.Integrations;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// <c>POST /api/events</c> on the Azure host, called directly (<see cref="HttpFunctionHost"/>): the engine's own events as
/// NDJSON, and CloudEvents 1.0 in structured, batched and binary mode, mapped by the engine's <c>CloudEventReader</c> with the
/// app setting's type prefixes. What reaches the topic is checked on the Service Bus messages the real publisher builds.
/// </summary>
public sealed class IngestFunctionTests
{
    private const string Order = """{ "specversion": "1.0", "type": "com.shop.order.placed", "source": "/shop", "id": "42", "subject": "c-5", "time": "2026-03-01T10:00:00Z", "datacontenttype": "application/json", "data": { "orderId": "o-1", "amount": 10 } }""";

    [Fact]
    public async Task StructuredCloudEvent_PrefixStripped_SubjectIsTheCustomer_SourceAndIdAreTheMessageId()
    {
        var host = new HttpFunctionHost("com.shop.");

        var result = await host.Ingest().RunAsync(Post("/api/events", Order, "application/cloudevents+json; charset=utf-8"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        var message = Assert.Single(host.Sender.Sent);
        Assert.Equal("order.placed", message.Subject);
        Assert.Equal("c-5", message.SessionId);
        Assert.Equal(CloudEventMapping.EventId("/shop", "42"), message.MessageId);
        Assert.Contains("\"orderId\":\"o-1\"", message.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_ABadElementIsKeptWithItsReasonAndNamed_TheOthersTaken()
    {
        var host = new HttpFunctionHost("com.shop.");
        var body = $$"""[ {{Order}}, { "specversion": "1.0", "type": "com.shop.order.placed", "source": "/shop", "id": "43", "data": {} } ]""";

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/cloudevents-batch+json"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        var answer = Json(result);
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.StartsWith("line 2:", Assert.Single(answer.GetProperty("rejected").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var kept = Assert.Single(host.Stores.Rejected);
        Assert.Equal("cloudevents", kept.Source);
        Assert.Contains("\"43\"", kept.Raw, StringComparison.Ordinal);
        Assert.Single(host.Sender.Sent);
    }

    [Fact]
    public async Task BinaryMode_AttributesFromTheCeHeaders_TheCustomerIdExtensionWinsOverTheSubject()
    {
        var host = new HttpFunctionHost("com.shop.");
        var request = Post("/api/events", """{ "orderId": "o-7", "amount": 3 }""", "application/json",
            ("ce-specversion", "1.0"), ("ce-type", "com.shop.order.placed"), ("ce-source", "/pos"), ("ce-id", "b-1"),
            ("ce-subject", "receipt-9"), ("ce-customerid", "c-8"), ("ce-time", "2026-03-01T11:00:00Z"));

        var result = await host.Ingest().RunAsync(request, CancellationToken.None);

        Assert.Equal(202, Status(result));
        var message = Assert.Single(host.Sender.Sent);
        Assert.Equal(("order.placed", "c-8", CloudEventMapping.EventId("/pos", "b-1")), (message.Subject, message.SessionId, message.MessageId));
    }

    [Fact]
    public async Task ACloudEventsBatchThatIsNotAnArray_Is400WithOneLine_AndNothingIsTaken()
    {
        var host = new HttpFunctionHost();

        var result = await host.Ingest().RunAsync(Post("/api/events", Order, "application/cloudevents-batch+json"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Equal(0, Json(result).GetProperty("accepted").GetInt32());
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task EveryCloudEventRefused_Is400_AndKept()
    {
        var host = new HttpFunctionHost();

        var result = await host.Ingest().RunAsync(Post("/api/events", """{ "specversion": "1.0", "type": "order.placed", "source": "/s", "id": "1" }""", "application/cloudevents+json"), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.Single(host.Stores.Rejected);
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task EngineEventsAsNdjson_StillTaken_ARejectedLineNamedByLineAndKept()
    {
        var host = new HttpFunctionHost();
        const string body = """
            { "id": "e-1", "type": "customer.registered", "customerId": "c-1", "time": "2026-03-01T10:00:00Z" }
            { "id": "e-2", "type": "customer.registered", "time": "2026-03-01T10:00:00Z" }
            """;

        var result = await host.Ingest().RunAsync(Post("/api/events", body, "application/x-ndjson"), CancellationToken.None);

        Assert.Equal(202, Status(result));
        Assert.Equal("e-1", Assert.Single(host.Sender.Sent).MessageId);
        Assert.Equal("customerId", Assert.Single(host.Stores.Rejected).Field);
    }

    [Fact]
    public async Task Options_AnswersEventGridsCloudEventsWebhookHandshake()
    {
        var host = new HttpFunctionHost();
        var request = Request("OPTIONS", "/api/events", "", null, ("WebHook-Request-Origin", "eventgrid.azure.net"));

        var result = await host.Ingest().RunAsync(request, CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal("eventgrid.azure.net", request.HttpContext.Response.Headers["WebHook-Allowed-Origin"].ToString());
        Assert.Empty(host.Sender.Sent);
    }
}
