using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Functions.Channels;
using Engagement.Functions.Http;
using Engagement.Functions.Tests.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// <c>/api/delivery/acs</c>, the ACS email delivery reports through an Event Grid webhook, called directly with bodies in both
/// delivery schemas, parsed by the real Azure.Messaging.EventGrid (system event data typed by the library): the two validation
/// handshakes, a final report of a send this app made becoming a <c>message.*</c> event, and everything else dropped.
/// </summary>
public sealed class EmailDeliveryReportFunctionTests
{
    private const string OperationId = "7b0fd1d6-6e3a-4c6a-9f7e-3c1f0d2b9a11";

    [Fact]
    public async Task EventGridSchema_SubscriptionValidation_EchoesTheCode()
    {
        var (function, _, publisher) = Create();
        const string body = """[{ "id": "v1", "topic": "/subscriptions/s/resourceGroups/r", "subject": "", "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2026-03-01T10:00:00Z", "data": { "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" }, "dataVersion": "1", "metadataVersion": "1" }]""";

        var result = await function.RunAsync(Post("/api/delivery/acs", body), CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", Json(result).GetProperty("validationResponse").GetString());
        Assert.Empty(publisher.Sent);
    }

    [Fact]
    public async Task CloudEventsSchema_OptionsHandshake_AllowsTheOrigin()
    {
        var (function, _, _) = Create();
        var request = Request("OPTIONS", "/api/delivery/acs", "", null, ("WebHook-Request-Origin", "eventgrid.azure.net"));

        var result = await function.RunAsync(request, CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal("eventgrid.azure.net", request.HttpContext.Response.Headers["WebHook-Allowed-Origin"].ToString());
    }

    [Fact]
    public async Task OptionsWithoutAnOrigin_Is400()
    {
        var (function, _, _) = Create();

        Assert.Equal(400, Status(await function.RunAsync(Request("OPTIONS", "/api/delivery/acs", "", null), CancellationToken.None)));
    }

    [Theory]
    [InlineData(true, "Delivered", DeliveryReports.Delivered)]
    [InlineData(false, "Bounced", DeliveryReports.Bounced)]
    [InlineData(true, "Suppressed", DeliveryReports.Failed)]
    public async Task AFinalReportOfOurSend_BecomesADeliveryEventForTheCustomerAndLedgerKey(bool cloudEvents, string status, string expected)
    {
        var (function, correlation, publisher) = Create();
        await correlation.RememberAsync(AcsEmailOperations.Provider, OperationId, new DeliveryCorrelation("c-1", "enr-1/welcome-email/1", "email"), CancellationToken.None);

        var result = await function.RunAsync(Post("/api/delivery/acs", Report(cloudEvents, status)), CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal(1, Json(result).GetProperty("published").GetInt32());
        var message = Assert.Single(publisher.Sent);
        Assert.Equal(expected, message.Subject);
        Assert.Equal("c-1", message.SessionId);
        var text = message.Body.ToString();
        Assert.Contains("enr-1/welcome-email/1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", text, StringComparison.Ordinal); // the recipient is never forwarded
    }

    [Theory]
    [InlineData("Delivered", false)] // a send this app did not make (or whose correlation expired)
    [InlineData("OutForDelivery", true)] // not final
    public async Task OtherReports_AreReceivedAndDropped(string status, bool known)
    {
        var (function, correlation, publisher) = Create();
        if (known)
        {
            await correlation.RememberAsync(AcsEmailOperations.Provider, OperationId, new DeliveryCorrelation("c-1", "k", "email"), CancellationToken.None);
        }

        var result = await function.RunAsync(Post("/api/delivery/acs", Report(false, status)), CancellationToken.None);

        Assert.Equal(200, Status(result));
        Assert.Equal(0, Json(result).GetProperty("published").GetInt32());
        Assert.Empty(publisher.Sent);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""[{ "id": "x" }]""")]
    public async Task ABodyThatIsNotAnEventGridDelivery_Is400WithOneLine(string body)
    {
        var (function, _, publisher) = Create();

        var result = await function.RunAsync(Post("/api/delivery/acs", body), CancellationToken.None);

        Assert.Equal(400, Status(result));
        Assert.StartsWith("body:", Json(result).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(publisher.Sent);
    }

    private static string Report(bool cloudEvents, string status)
    {
        var data = $$"""{ "sender": "noreply@shop.example", "recipient": "ana@example.com", "messageId": "{{OperationId}}", "status": "{{status}}", "deliveryStatusDetails": { "statusMessage": "to ana@example.com" }, "deliveryAttemptTimestamp": "2026-03-01T10:00:05Z" }""";
        return cloudEvents
            ? $$"""[{ "specversion": "1.0", "id": "r1", "source": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs", "subject": "sender/noreply@shop.example/message/{{OperationId}}", "type": "Microsoft.Communication.EmailDeliveryReportReceived", "time": "2026-03-01T10:00:06Z", "data": {{data}} }]"""
            : $$"""[{ "id": "r1", "topic": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs", "subject": "sender/noreply@shop.example/message/{{OperationId}}", "eventType": "Microsoft.Communication.EmailDeliveryReportReceived", "eventTime": "2026-03-01T10:00:06Z", "data": {{data}}, "dataVersion": "1.0", "metadataVersion": "1" }]""";
    }

    private static (EmailDeliveryReportFunction, MemoryDeliveryCorrelation, RecordingSender) Create()
    {
        var sender = new RecordingSender();
        var correlation = new MemoryDeliveryCorrelation();
        return (new EmailDeliveryReportFunction(correlation, new Publishing.ServiceBusEventPublisher(sender), NullLogger<EmailDeliveryReportFunction>.Instance), correlation, sender);
    }
}
