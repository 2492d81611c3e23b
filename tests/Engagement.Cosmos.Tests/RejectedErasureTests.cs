using Engagement.Engine.Effects;
using Engagement.Engine.Events;
using NodaTime;

namespace Engagement.Cosmos.Tests;

/// <summary>Rejected inputs that name a customer are found and redacted by erasure through the per-customer index.</summary>
public sealed class RejectedErasureTests
{
    [CosmosFact]
    public async Task Erase_RejectedInputsNamingTheCustomer_AreRedactedAcrossDays_OthersKeptAsTheyWere()
    {
        var stores = await LocalCosmos.StoresAsync();
        var customer = LocalCosmos.NewId("c");
        var other = LocalCosmos.NewId("c");
        var at = Instant.FromUtc(2032, 5, 6, 23, 0) + Duration.FromSeconds(new Random().Next(0, 1800));
        var mine1 = new RejectedEvent("servicebus", at, $$$"""{"id":"e1","type":"x","customerId":"{{{customer}}}","data":{"email":"a@example.com"}}""", "time", "time: missing, got nothing", "e1");
        var mine2 = new RejectedEvent("http", at + Duration.FromHours(2), $$"""{"customerId":"{{customer}}","type":""", null, "malformed JSON at line 1");
        var theirs = new RejectedEvent("http", at, $$"""{"id":"e3","type":"x","customerId":"{{other}}"}""", "time", "time: missing", "e3");
        var nobody = new RejectedEvent("http", at, "{not json", null, "malformed JSON");
        foreach (var r in new[] { mine1, mine2, theirs, nobody })
        {
            await stores.Inbox.RejectAsync(r, default);
        }

        await stores.PersonalData.EraseAsync(customer, at + Duration.FromDays(1), default);
        await stores.PersonalData.EraseAsync(customer, at + Duration.FromDays(1), default); // idempotent

        var day1 = await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(mine1), default);
        var day2 = await stores.Inbox.ListRejectedAsync(CosmosEventInbox.DayOf(mine2), default);
        Assert.NotEqual(CosmosEventInbox.DayOf(mine1), CosmosEventInbox.DayOf(mine2));
        Assert.Contains(Erasure.Scrub(mine1), day1);
        Assert.Contains(Erasure.Scrub(mine2), day2);
        Assert.DoesNotContain(day1.Concat(day2), r => r.Raw.Contains(customer, StringComparison.Ordinal));
        Assert.Contains(theirs, day1);
        Assert.Contains(nobody, day1);
    }
}
