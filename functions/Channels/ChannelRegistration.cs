using Azure.Core;
using Engagement.Engine.Ports;
using Engagement.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twilio.Clients;

namespace Engagement.Functions.Channels;

/// <summary>
/// Registers a sender per configured channel; an unconfigured channel has none, and the guards record its sends as failed.
/// SMS (Twilio) is registered here; email (ACS) and push (Notification Hubs) in functions/Unserved, whose SDK calls are
/// compiled only in a real build (see the project file's <c>EngagementUnservedAzure</c> switch).
/// </summary>
public static partial class ChannelRegistration
{
    /// <summary>Adds the senders of every channel whose settings are present.</summary>
    public static IServiceCollection AddChannelSenders(this IServiceCollection services, EngagementSettings settings, TokenCredential credential)
    {
        AddUnservedSenders(services, settings, credential);
        if (settings.HasSms)
        {
            var twilio = new TwilioRestClient(settings.TwilioAccountSid!, settings.TwilioAuthToken!);
            var callback = new Uri(settings.PublicBaseUrl, "api/delivery/twilio");
            services.AddSingleton<IChannelSender>(sp => new TwilioSmsSender(twilio, settings.TwilioFromNumber!, callback, sp.GetRequiredService<ILogger<TwilioSmsSender>>()));
        }

        return services;
    }

    static partial void AddUnservedSenders(IServiceCollection services, EngagementSettings settings, TokenCredential credential);
}
