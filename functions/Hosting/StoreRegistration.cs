using Azure.Core;
using Engagement.Cosmos;
using Engagement.Engine.Events;
using Engagement.Engine.Ports;
using Engagement.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Hosting;

/// <summary>
/// Registers the Cosmos DB stores (src/Engagement.Cosmos) as the storage ports, over the database and containers infra/ creates
/// (the app never creates them: its data-plane role cannot). Settings: <c>CosmosDb__Endpoint</c>, <c>CosmosDb__DatabaseName</c>;
/// container names, partition keys and TTLs are fixed in <see cref="CosmosStoreOptions"/> and infra/modules/cosmos.bicep. The stores
/// encrypt contact details and names with the registered <see cref="FieldProtector"/> (<see cref="FieldProtection"/>).
/// </summary>
public static class StoreRegistration
{
    /// <summary>Adds one Cosmos client for <see cref="EngagementSettings.CosmosEndpoint"/> signed in with <paramref name="credential"/>,
    /// and the stores over <see cref="EngagementSettings.CosmosDatabase"/> as singletons for every storage port (profiles, enrollments,
    /// ledger, tasks, erasure, inbox, timeline counters, delivery correlations) and the contact directory (the <c>contacts</c> blind
    /// index; without a key every lookup by contact is refused). Returns <paramref name="services"/>.</summary>
    public static IServiceCollection AddEngagementStores(this IServiceCollection services, EngagementSettings settings, TokenCredential credential)
    {
        var options = new CosmosStoreOptions { DatabaseName = settings.CosmosDatabase };
        services.AddSingleton(_ => CosmosClients.ForAzure(settings.CosmosEndpoint.AbsoluteUri, credential));
        // The protector Program.cs read from Key Vault (FieldProtection); absent (tests that build the services by hand): plain text.
        services.AddSingleton(sp => CosmosStores.Open(sp.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>(), options with { Protector = sp.GetService<FieldProtector>() }));
        services.AddSingleton<IProfileStore>(sp => sp.GetRequiredService<CosmosStores>().Profiles);
        services.AddSingleton<IEnrollmentStore>(sp => sp.GetRequiredService<CosmosStores>().Enrollments);
        services.AddSingleton<IMessageLedger>(sp => sp.GetRequiredService<CosmosStores>().Ledger);
        services.AddSingleton<ITaskSink>(sp => sp.GetRequiredService<CosmosStores>().Tasks);
        services.AddSingleton<IPersonalDataEraser>(sp => sp.GetRequiredService<CosmosStores>().PersonalData);
        services.AddSingleton<IEventInbox>(sp => sp.GetRequiredService<CosmosStores>().Inbox);
        services.AddSingleton<ITimelineSink>(sp => sp.GetRequiredService<CosmosStores>().Counters);
        services.AddSingleton<IDeliveryCorrelation>(sp => sp.GetRequiredService<CosmosStores>().Correlations);
        services.AddSingleton<IContactDirectory>(sp => sp.GetRequiredService<CosmosStores>().Contacts);
        return services;
    }
}
