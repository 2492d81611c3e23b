using Azure;
using Azure.Communication.Email;
using Azure.Core;
using Engagement.Engine.Ports;
using Engagement.Functions.Hosting;
using Microsoft.Azure.NotificationHubs;
using Microsoft.Azure.NotificationHubs.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// The only code that needs the SDKs the build machines' feed does not serve (ACS email, Notification Hubs): the two SDK calls
/// behind <see cref="IAcsEmailTransport"/> and <see cref="INotificationHubsTransport"/>, and their registration. Compiled only
/// with <c>EngagementUnservedAzure=true</c> (a real build); without it the partial method has no body and those channels have
/// no sender, so the delivery guards record their sends as failed ("channel not configured"). The senders around these calls
/// (<see cref="AcsEmailSender"/>, <see cref="NotificationHubsPushSender"/>) compile and are tested everywhere.
/// </summary>
public static partial class ChannelRegistration
{
    static partial void AddUnservedSenders(IServiceCollection services, EngagementSettings settings, TokenCredential credential)
    {
        if (settings.AcsEndpoint is { } endpoint && settings.AcsSenderAddress is { } sender)
        {
            var transport = new AcsEmailClientTransport(new EmailClient(endpoint, credential), sender);
            services.AddSingleton<IChannelSender>(sp => new AcsEmailSender(transport, sp.GetRequiredService<IDeliveryCorrelation>(), sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        }

        if (settings.NotificationHubsConnectionString is { } hubConnection && settings.NotificationHubName is { } hubName)
        {
            var transport = new NotificationHubsClientTransport(NotificationHubClient.CreateClientFromConnectionString(hubConnection, hubName));
            services.AddSingleton<IChannelSender>(sp => new NotificationHubsPushSender(transport, sp.GetRequiredService<ILogger<NotificationHubsPushSender>>()));
        }
    }

    private sealed class AcsEmailClientTransport(EmailClient client, string senderAddress) : IAcsEmailTransport
    {
        public async Task<string> SendAsync(AcsEmail email, Guid operationId, CancellationToken cancellationToken)
        {
            var content = new EmailContent(email.Subject) { Html = email.Html, PlainText = email.PlainText };
            var message = new EmailMessage(senderAddress: senderAddress, recipients: new EmailRecipients(new List<EmailAddress> { new(email.To) }), content: content);
            foreach (var (name, value) in email.Headers)
            {
                message.Headers.Add(name, value);
            }

            var operation = await client.SendAsync(WaitUntil.Started, message, operationId, cancellationToken);
            return operation.Id;
        }
    }

    private sealed class NotificationHubsClientTransport(NotificationHubClient hub) : INotificationHubsTransport
    {
        public async Task<PushOutcome> SendFcmV1Async(string payloadJson, string deviceHandle, CancellationToken cancellationToken)
        {
            try
            {
                var outcome = await hub.SendDirectNotificationAsync(new FcmV1Notification(payloadJson), deviceHandle, cancellationToken);
                return new PushOutcome(outcome.State == NotificationOutcomeState.NoTargetFound, outcome.NotificationId ?? outcome.TrackingId);
            }
            catch (MessagingException ex)
            {
                throw new PushTransportException(ex.GetType().Name, ex.IsTransient, ex);
            }
        }
    }
}
