using Azure;
using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using Engagement.Functions.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests.Channels;

/// <summary>
/// The ACS email sender around its one SDK call (<see cref="IAcsEmailTransport"/>, here a recording fake; the real one is the
/// ACS client in functions/Unserved): the operation id is the ledger key's, so a retried send carries the same id; the
/// correlation is remembered before the call; ACS's HTTP failures map to retry or not.
/// </summary>
public sealed class AcsEmailSenderTests
{
    [Fact]
    public async Task ARetriedSend_CarriesTheSameOperationId_AndA409ForItIsTheSameSendAccepted()
    {
        var transport = new FakeTransport();
        var sender = new AcsEmailSender(transport, new MemoryDeliveryCorrelation(), NullLogger<AcsEmailSender>.Instance);
        var message = Messages.Outbound("enr-1/welcome-email/1");

        var first = await sender.SendAsync(message, CancellationToken.None);
        transport.Failure = new RequestFailedException(409, "operation exists", "Conflict", null);
        var retried = await sender.SendAsync(message, CancellationToken.None);

        var expected = AcsEmailOperations.OperationId("enr-1/welcome-email/1");
        Assert.Equal([expected, expected], transport.OperationIds);
        Assert.Equal(SendResult.Ok(expected.ToString()), first);
        Assert.Equal(SendResult.Ok(expected.ToString()), retried);
    }

    [Fact]
    public async Task TheCorrelationIsRememberedBeforeTheCall_SoAReportAfterACrashStillFindsTheLedgerKey()
    {
        var correlations = new MemoryDeliveryCorrelation();
        var transport = new FakeTransport { Failure = new RequestFailedException(503, "unavailable", "ServiceUnavailable", null) };
        var sender = new AcsEmailSender(transport, correlations, NullLogger<AcsEmailSender>.Instance);

        await sender.SendAsync(Messages.Outbound("enr-2/welcome-email/1"), CancellationToken.None);

        var found = await correlations.FindAsync(AcsEmailOperations.Provider, AcsEmailOperations.OperationId("enr-2/welcome-email/1").ToString(), CancellationToken.None);
        Assert.Equal(new DeliveryCorrelation("c-1", "enr-2/welcome-email/1", "email"), found);
    }

    [Theory]
    [InlineData(429, SendStatus.TransientFailure)]
    [InlineData(503, SendStatus.TransientFailure)]
    [InlineData(0, SendStatus.TransientFailure)]
    [InlineData(400, SendStatus.PermanentFailure)]
    [InlineData(401, SendStatus.PermanentFailure)]
    public async Task AnHttpFailure_IsRetriedOrNotByItsStatus(int status, SendStatus expected)
    {
        var transport = new FakeTransport { Failure = new RequestFailedException(status, "failed", "Code", null) };

        var result = await new AcsEmailSender(transport, new MemoryDeliveryCorrelation(), NullLogger<AcsEmailSender>.Instance).SendAsync(Messages.Outbound("k/1"), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Equal($"acs:{status}:Code", result.Reason);
    }

    [Theory]
    [InlineData("<p>Hi</p>", "<p>Hi</p>", null)]
    [InlineData("  <html>x</html>", "  <html>x</html>", null)]
    [InlineData("Hi there", null, "Hi there")]
    public void TheEmail_IsHtmlWhenTheBodyStartsWithMarkup_AndKeepsTheHeaders(string body, string? html, string? text)
    {
        var email = AcsEmail.From(Messages.Outbound("k/1", body));

        Assert.Equal((html, text, "Welcome"), (email.Html, email.PlainText, email.Subject));
        Assert.Equal("List-Unsubscribe", Assert.Single(email.Headers).Key);
    }

    private sealed class FakeTransport : IAcsEmailTransport
    {
        public List<Guid> OperationIds { get; } = [];

        public RequestFailedException? Failure { get; set; }

        public Task<string> SendAsync(AcsEmail email, Guid operationId, CancellationToken cancellationToken)
        {
            OperationIds.Add(operationId);
            return Failure is { } failure ? Task.FromException<string>(failure) : Task.FromResult(operationId.ToString());
        }
    }
}
