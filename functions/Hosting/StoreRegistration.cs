using Engagement.Engine.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Functions.Hosting;

/// <summary>
/// Where the Cosmos DB implementations of the storage ports are registered. They belong in src/Engagement.Cosmos, which is
/// not built yet: until it is, resolving a store fails at start with this message instead of running without state.
/// </summary>
public static class StoreRegistration
{
    private const string Missing = "The Cosmos DB stores (src/Engagement.Cosmos) are not built yet: register IProfileStore, IEnrollmentStore, "
        + "IMessageLedger, ITaskSink, IEventInbox, ITimelineSink and IDeliveryCorrelation over the containers infra/ creates.";

    public static IServiceCollection AddEngagementStores(this IServiceCollection services)
    {
        services.AddSingleton<IProfileStore>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<IEnrollmentStore>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<IMessageLedger>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<ITaskSink>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<IEventInbox>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<ITimelineSink>(_ => throw new InvalidOperationException(Missing));
        services.AddSingleton<IDeliveryCorrelation>(_ => throw new InvalidOperationException(Missing));
        return services;
    }
}
