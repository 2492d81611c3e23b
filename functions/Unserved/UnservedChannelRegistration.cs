using Azure.Communication.Email;
using Azure.Core;
using Engagement.Engine.Ports;
using Engagement.Functions.Hosting;
using Microsoft.Azure.NotificationHubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Functions.Channels;

/// <summary>
/// The senders whose SDKs the build machines' feed does not serve (ACS email, Notification Hubs push). Compiled only with
/// <c>EngagementUnservedAzure=true</c> (a real build); without it the partial method has no body and those channels have no
/// sender, so the delivery guards record their sends as failed ("channel not configured").
/// </summary>
public static partial class ChannelRegistration
{
    static partial void AddUnservedSenders(IServiceCollection services, EngagementSettings settings, TokenCredential credential)
    {
        if (settings.AcsEndpoint is { } endpoint && settings.AcsSenderAddress is { } sender)
        {
            services.AddSingleton(new EmailClient(endpoint, credential));
            services.AddSingleton<IChannelSender>(sp => new AcsEmailSender(sp.GetRequiredService<EmailClient>(), sender,
                sp.GetRequiredService<IDeliveryCorrelation>(), sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        }

        if (settings.NotificationHubsConnectionString is { } hubConnection && settings.NotificationHubName is { } hubName)
        {
            var hub = NotificationHubClient.CreateClientFromConnectionString(hubConnection, hubName);
            services.AddSingleton<IChannelSender>(sp => new NotificationHubsPushSender(hub, sp.GetRequiredService<ILogger<NotificationHubsPushSender>>()));
        }
    }
}
