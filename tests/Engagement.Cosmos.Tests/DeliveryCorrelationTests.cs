using Engagement.Engine.Delivery;
using Microsoft.Azure.Cosmos;
using Newtonsoft.Json.Linq;

namespace Engagement.Cosmos.Tests;

/// <summary>Provider message ids remembered for delivery reports (ACS email operation ids).</summary>
public sealed class DeliveryCorrelationTests
{
    [CosmosFact]
    public async Task Correlation_RememberedBySendingInstance_IsFoundByAnotherOneFromTheProviderIdAlone()
    {
        var sender = await LocalCosmos.StoresAsync();
        var reporter = await LocalCosmos.NewStoresAsync();
        var operationId = LocalCosmos.NewId("op");
        var customer = LocalCosmos.NewId("c");
        var correlation = new DeliveryCorrelation(customer, $"{customer}-welcome/hello/1", "email");

        await sender.Correlations.RememberAsync("acs", operationId, correlation, default);

        Assert.Equal(correlation, await reporter.Correlations.FindAsync("acs", operationId, default));
        Assert.Null(await reporter.Correlations.FindAsync("twilio", operationId, default));
        Assert.Null(await reporter.Correlations.FindAsync("acs", operationId + "-unknown", default));
    }

    [CosmosFact]
    public async Task Correlation_RememberedTwice_KeepsOneItemWithIdsOnly()
    {
        var stores = await LocalCosmos.StoresAsync();
        var operationId = LocalCosmos.NewId("op") + "/with?odd#chars";
        var correlation = new DeliveryCorrelation(LocalCosmos.NewId("c"), "k/send/1", "email");

        await stores.Correlations.RememberAsync("acs", operationId, correlation, default);
        await stores.Correlations.RememberAsync("acs", operationId, correlation, default);

        Assert.Equal(correlation, await stores.Correlations.FindAsync("acs", operationId, default));
        var id = CosmosDeliveryCorrelation.IdOf("acs", operationId);
        var raw = (await LocalCosmos.Container("correlations").ReadItemAsync<JObject>(id, new PartitionKey(id))).Resource;
        Assert.Equal(["channel", "customerId", "id", "ledgerKey"], raw.Properties().Select(p => p.Name).Where(n => !n.StartsWith('_')).Order(StringComparer.Ordinal));
    }

    [CosmosFact]
    public async Task Correlations_Container_ExpiresItemsAfterThirtyDaysAndIndexesNothing()
    {
        var stores = await LocalCosmos.StoresAsync();

        var properties = (await stores.Database.GetContainer(stores.Options.DeliveryCorrelationsContainer).ReadContainerAsync()).Resource;

        Assert.Equal("/id", properties.PartitionKeyPath);
        Assert.Equal(30 * 24 * 3600, properties.DefaultTimeToLive);
    }
}
