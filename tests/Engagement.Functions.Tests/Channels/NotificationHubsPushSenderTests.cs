using System.Text.Json;
using Engagement.Engine.Delivery;
using Engagement.Functions.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Functions.Tests.Channels;

/// <summary>
/// The Notification Hubs push sender around its one SDK call (<see cref="INotificationHubsTransport"/>, here a fake; the real
/// one is the hub client in functions/Unserved): the FCM v1 payload, an unknown device, and failures that may or may not be retried.
/// </summary>
public sealed class NotificationHubsPushSenderTests
{
    [Fact]
    public async Task TheSend_IsAnFcmV1MessageToTheToken_CarryingTheLedgerKey()
    {
        var transport = new FakeTransport(new PushOutcome(false, "n-1"));

        var result = await Sender(transport).SendAsync(Messages.Outbound("enr-1/push/1", "Your points expire", "push", "fcm-token-1"), CancellationToken.None);

        Assert.Equal(SendResult.Ok("n-1"), result);
        var (payload, token) = Assert.Single(transport.Sent);
        Assert.Equal("fcm-token-1", token);
        using var json = JsonDocument.Parse(payload);
        var message = json.RootElement.GetProperty("message");
        Assert.Equal("Welcome", message.GetProperty("notification").GetProperty("title").GetString());
        Assert.Equal("Your points expire", message.GetProperty("notification").GetProperty("body").GetString());
        Assert.Equal("enr-1/push/1", message.GetProperty("data").GetProperty("ledgerKey").GetString());
    }

    [Fact]
    public async Task NoTargetFound_IsAnInvalidContact()
    {
        var result = await Sender(new FakeTransport(new PushOutcome(true, null))).SendAsync(Messages.Outbound("k/1", channel: "push"), CancellationToken.None);

        Assert.Equal(SendStatus.InvalidContact, result.Status);
    }

    [Theory]
    [InlineData(true, SendStatus.TransientFailure)]
    [InlineData(false, SendStatus.PermanentFailure)]
    public async Task AFailedSend_IsRetriedOnlyWhenTransient(bool transient, SendStatus expected)
    {
        var transport = new FakeTransport(null) { Failure = new PushTransportException("QuotaExceededException", transient) };

        var result = await Sender(transport).SendAsync(Messages.Outbound("k/1", channel: "push"), CancellationToken.None);

        Assert.Equal((expected, "nh:QuotaExceededException"), (result.Status, result.Reason));
    }

    private static NotificationHubsPushSender Sender(FakeTransport transport) => new(transport, NullLogger<NotificationHubsPushSender>.Instance);

    private sealed class FakeTransport(PushOutcome? outcome) : INotificationHubsTransport
    {
        public List<(string Payload, string Token)> Sent { get; } = [];

        public PushTransportException? Failure { get; init; }

        public Task<PushOutcome> SendFcmV1Async(string payloadJson, string deviceHandle, CancellationToken cancellationToken)
        {
            Sent.Add((payloadJson, deviceHandle));
            return Failure is { } failure ? Task.FromException<PushOutcome>(failure) : Task.FromResult(outcome!);
        }
    }
}
