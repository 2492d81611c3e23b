using Azure.Messaging.ServiceBus;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// A Service Bus sender that records instead of sending (the SDK's protected constructor "for mocking"; <c>SendMessageAsync</c>
/// and <c>ScheduleMessageAsync</c> are virtual), so the functions' real <c>ServiceBusEventPublisher</c> builds the messages.
/// </summary>
public sealed class RecordingSender : ServiceBusSender
{
    /// <summary>Every message sent, in order.</summary>
    public List<ServiceBusMessage> Sent { get; } = [];

    public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }

    public override Task<long> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset scheduledEnqueueTime, CancellationToken cancellationToken = default)
    {
        Sent.Add(message);
        return Task.FromResult((long)Sent.Count);
    }
}
