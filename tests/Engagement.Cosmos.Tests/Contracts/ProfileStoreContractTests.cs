using System.Collections.Immutable;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Values;

namespace Engagement.Cosmos.Tests.Contracts;

/// <summary><c>IProfileStore</c>: the same behaviour in memory and in Cosmos DB.</summary>
public sealed class ProfileStoreContractTests
{
    private static CustomerProfile Profile(string id) => new()
    {
        CustomerId = id,
        Email = id + "@example.com",
        Phone = "+15551230000",
        PushTokens = ["token-a"],
        Locale = "en-GB",
        TimeZone = "Europe/London",
        Tags = ImmutableSortedSet.Create("vip"),
        Attributes = ValueJson.Parse("""{ "tier": "gold", "points": 120, "nested": { "a": [1, 2.5, "x"] } }"""),
    };

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Profile_SavedThenRead_RoundTripsEveryField(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var profile = Profile(LocalCosmos.NewId("p"));
        await stores.Profiles.SaveAsync(profile, default);

        StoreSet.SameJson(profile, await stores.Profiles.GetAsync(profile.CustomerId, default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Profile_SavedTwice_TheSecondReplacesTheFirst(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var profile = Profile(LocalCosmos.NewId("p"));
        await stores.Profiles.SaveAsync(profile, default);
        var changed = profile with { Email = null, Tags = ImmutableSortedSet<string>.Empty };
        await stores.Profiles.SaveAsync(changed, default);

        StoreSet.SameJson(changed, await stores.Profiles.GetAsync(profile.CustomerId, default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Profile_NeverSaved_ReadsAsNull(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        Assert.Null(await stores.Profiles.GetAsync(LocalCosmos.NewId("nobody"), default));
    }

    [Theory]
    [InlineData(StoreSet.Memory)]
    [CosmosData(StoreSet.Cosmos)]
    [CosmosData(StoreSet.EncryptedCosmos)]
    public async Task Profile_Erased_IsGoneAndASecondEraseAnswersFalse(string kind)
    {
        var stores = await StoreSet.OpenAsync(kind);
        var profile = Profile(LocalCosmos.NewId("p"));
        await stores.Profiles.SaveAsync(profile, default);

        Assert.True(await stores.Profiles.EraseAsync(profile.CustomerId, default));
        Assert.Null(await stores.Profiles.GetAsync(profile.CustomerId, default));
        Assert.False(await stores.Profiles.EraseAsync(profile.CustomerId, default));
        Assert.False(await stores.Profiles.EraseAsync(LocalCosmos.NewId("never"), default));
    }
}
