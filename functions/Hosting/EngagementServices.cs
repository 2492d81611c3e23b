using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Engagement.Engine;
using Engagement.Engine.Catalog;
using Engagement.Engine.Delivery;
using Engagement.Engine.Orchestration;
using Engagement.Engine.Ports;
using Engagement.Engine.Unsubscribe;
using Engagement.Functions.Channels;
using Engagement.Functions.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Engagement.Functions.Hosting;

/// <summary>Registers the Azure clients (Entra ID everywhere, no keys) and the engine pieces the functions delegate to.</summary>
public static class EngagementServices
{
    /// <summary>How long unsubscribe links stay valid.</summary>
    public static readonly Duration UnsubscribeLinkLifetime = Duration.FromDays(90);

    /// <summary>Adds, as singletons: a <c>DefaultAzureCredential</c> (with <see cref="EngagementSettings.ManagedIdentityClientId"/>),
    /// the Service Bus client and topic sender, the journey catalog (loaded from <see cref="EngagementSettings.JourneysPath"/>; a
    /// catalog with problems throws when first resolved), unsubscribe links, the event publisher and deferred-send queue, Durable
    /// timer wake-ups, the Cosmos stores, the configured channel senders, the delivery pipeline, the effect applier, the
    /// orchestration loop and the router factory. Returns <paramref name="services"/>.</summary>
    public static IServiceCollection AddEngagementEngine(this IServiceCollection services, EngagementSettings settings)
    {
        TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ManagedIdentityClientId });
        services.AddSingleton(credential);
        services.AddSingleton(_ => new ServiceBusClient(settings.ServiceBusNamespace, credential));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(settings.ServiceBusTopic));

        services.AddSingleton(_ => LoadCatalog(settings.JourneysPath));
        services.AddSingleton(new UnsubscribeTokens(settings.UnsubscribeSigningKey));
        services.AddSingleton(sp => new UnsubscribeLinks(new Uri(settings.PublicBaseUrl, "api/unsubscribe").AbsoluteUri, sp.GetRequiredService<UnsubscribeTokens>(), UnsubscribeLinkLifetime));

        services.AddSingleton<ServiceBusEventPublisher>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<ServiceBusEventPublisher>());
        services.AddSingleton<IDeferredSendQueue>(sp => sp.GetRequiredService<ServiceBusEventPublisher>());
        services.AddSingleton<IWakeUpScheduler, DurableTimersWakeUps>();
        services.AddEngagementStores(settings, credential);
        services.AddChannelSenders(settings, credential);

        services.AddSingleton(sp => new EnginePorts(
            sp.GetRequiredService<IProfileStore>(), sp.GetRequiredService<IEnrollmentStore>(), sp.GetRequiredService<IMessageLedger>(),
            sp.GetRequiredService<ITaskSink>(), sp.GetRequiredService<IEventInbox>(), sp.GetRequiredService<IWakeUpScheduler>(),
            sp.GetRequiredService<ITimelineSink>(), sp.GetRequiredService<IEventPublisher>(), sp.GetServices<IChannelSender>().ToList(),
            sp.GetService<IPersonalDataEraser>()));
        services.AddSingleton<IDelivery>(sp =>
        {
            var catalog = sp.GetRequiredService<JourneyCatalog>();
            var ports = sp.GetRequiredService<EnginePorts>();
            return new DeliveryPipeline(catalog.Policy, ports.Ledger, catalog.Templates, ports.Channels, ports.Profiles, ports.Timeline,
                sp.GetRequiredService<IDeferredSendQueue>(), sp.GetRequiredService<UnsubscribeLinks>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<DeliveryPipeline>());
        });
        services.AddSingleton(sp => new EffectBatchApplier(sp.GetRequiredService<JourneyCatalog>(), sp.GetRequiredService<EnginePorts>(), sp.GetRequiredService<IDelivery>()));
        services.AddSingleton(sp =>
        {
            var catalog = sp.GetRequiredService<JourneyCatalog>();
            return new JourneyOrchestration((id, version) => catalog.Get(id, version));
        });
        services.AddSingleton<RouterFactory>();
        services.AddSingleton<Engagement.Functions.Http.InboundPublisher>();
        return services;
    }

    private static JourneyCatalog LoadCatalog(string path)
    {
        var catalog = JourneyCatalog.Load(path, out var diagnostics);
        if (diagnostics.Count > 0)
        {
            throw new InvalidOperationException($"The journeys in '{path}' have {diagnostics.Count} problem(s); run `engage validate` on them. First: {diagnostics[0]}");
        }

        return catalog;
    }
}
