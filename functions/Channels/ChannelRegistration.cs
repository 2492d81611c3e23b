using Azure.Communication.Email;
using Azure.Core;
using Engagement.Engine.Ports;
using Engagement.Functions.Hosting;
using Microsoft.Azure.NotificationHubs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Clients;

namespace Engagement.Functions.Channels;

/// <summary>Registers a sender per configured channel; an unconfigured channel has none, and the guards record its sends as failed.</summary>
public static class ChannelRegistration
{
    public static IServiceCollection AddChannelSenders(this IServiceCollection services, EngagementSettings settings, TokenCredential credential)
    {
        if (settings.AcsEndpoint is { } endpoint && settings.AcsSenderAddress is { } sender)
        {
            services.AddSingleton(new EmailClient(endpoint, credential));
            services.AddSingleton<IChannelSender>(sp => new AcsEmailSender(sp.GetRequiredService<EmailClient>(), sender,
                sp.GetRequiredService<IDeliveryCorrelation>(), sp.GetRequiredService<ILogger<AcsEmailSender>>()));
        }

        if (settings.HasSms)
        {
            var twilio = new TwilioRestClient(settings.TwilioAccountSid!, settings.TwilioAuthToken!);
            var callback = new Uri(settings.PublicBaseUrl, "api/delivery/twilio");
            services.AddSingleton<IChannelSender>(sp => new TwilioSmsSender(twilio, settings.TwilioFromNumber!, callback, sp.GetRequiredService<ILogger<TwilioSmsSender>>()));
        }

        if (settings.NotificationHubsConnectionString is { } hubConnection && settings.NotificationHubName is { } hubName)
        {
            var hub = NotificationHubClient.CreateClientFromConnectionString(hubConnection, hubName);
            services.AddSingleton<IChannelSender>(sp => new NotificationHubsPushSender(hub, sp.GetRequiredService<ILogger<NotificationHubsPushSender>>()));
        }

        return services;
    }
}
