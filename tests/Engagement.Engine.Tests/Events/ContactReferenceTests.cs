using System.Text;
using Engagement.Engine.Events;
using Engagement.Engine.Integrations;
using NodaTime;

namespace Engagement.Engine.Tests.Events;

/// <summary>The rule for input that names its customer only by email or phone, with a lookup standing in for the host's index.</summary>
public class ContactReferenceTests
{
    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["email:ann@shop.example"] = ["c-ann"],
        ["phone:+447700900001"] = ["c-ann"],
        ["phone:+447700900002"] = ["c-bo", "c-cy"],
    };

    private readonly List<string> _asked = [];

    private IReadOnlyList<string> Lookup(string kind, string value)
    {
        _asked.Add(kind + ":" + value);
        return Known.GetValueOrDefault(kind + ":" + value.Trim().ToLowerInvariant(), []);
    }

    [Theory]
    [InlineData("""{"id":"e1","type":"order.placed","time":"2026-03-01T09:00:00Z","data":{"email":"ann@shop.example"}}""")]
    [InlineData("""{"id":"e1","type":"order.placed","customerId":null,"time":"2026-03-01T09:00:00Z","data":{"phone":"+447700900001"}}""")]
    public void EventParser_WithoutCustomerIdNamingOneCustomer_IsThatCustomersEvent(string line)
    {
        Assert.True(EventParser.TryParse(line, Lookup, out var e, out _, out var error), error);

        Assert.Equal("c-ann", e!.CustomerId);
    }

    [Fact]
    public void EventParser_EmailComesBeforePhone_AndAnIdGivenIsNeverLookedUp()
    {
        Assert.False(EventParser.TryParse("""{"id":"e1","type":"t","time":"2026-03-01T09:00:00Z","data":{"email":"nobody@shop.example","phone":"+447700900001"}}""", Lookup, out _, out var field, out var error));
        Assert.True(EventParser.TryParse("""{"id":"e2","type":"t","customerId":"c-own","time":"2026-03-01T09:00:00Z","data":{"email":"ann@shop.example"}}""", Lookup, out var own, out _, out _));

        Assert.Equal(("customerId", "'customerId' is missing and no customer has this data.email: send the customer's id as customerId"), (field, error));
        Assert.Equal("c-own", own!.CustomerId);
        Assert.Equal(["email:nobody@shop.example"], _asked);
    }

    [Fact]
    public void EventParser_ContactSharedBySeveralCustomers_IsRefusedCountingThem()
    {
        Assert.False(EventParser.TryParse("""{"id":"e1","type":"t","time":"2026-03-01T09:00:00Z","data":{"phone":"+447700900002"}}""", Lookup, out _, out var field, out var error));

        Assert.Equal("customerId", field);
        Assert.Equal("'customerId' is missing and 2 customers have this data.phone: send the customer's id as customerId", error);
    }

    [Fact]
    public void EventParser_WithoutALookup_KeepsRequiringTheCustomerId()
    {
        Assert.False(EventParser.TryParse("""{"id":"e1","type":"t","time":"2026-03-01T09:00:00Z","data":{"email":"ann@shop.example"}}""", out _, out var field, out _));

        Assert.Equal("customerId", field);
    }

    [Theory]
    [InlineData("identify", """{"anonymousId":"a1","traits":{"email":"ann@shop.example","plan":"gold"}}""", "c-ann")]
    [InlineData("track", """{"event":"Order Completed","context":{"traits":{"phone":"+447700900001"}},"properties":{"total":5}}""", "c-ann")]
    public void SegmentReader_CallWithoutUserIdNamingOneCustomer_IsThatCustomersCall(string call, string body, string customer)
    {
        var item = Assert.Single(new SegmentReader(new SegmentMapping(), Lookup).Read(call, Encoding.UTF8.GetBytes(body), Instant.FromUtc(2026, 3, 1, 9, 0)));

        Assert.False(item.IsRejected, item.Reason);
        Assert.All(item.Events, e => Assert.Equal(customer, e.CustomerId));
    }

    [Fact]
    public void SegmentReader_TrackNamingAContactOnlyInItsProperties_IsRefusedAsBefore()
    {
        var item = Assert.Single(new SegmentReader(new SegmentMapping(), Lookup).Read("track", """{"event":"Order Completed","properties":{"email":"ann@shop.example"}}"""u8.ToArray(), Instant.FromUtc(2026, 3, 1, 9, 0)));

        Assert.Equal(("userId", "'userId' is missing: expected the customer's id"), (item.Field, item.Reason));
        Assert.Empty(_asked);
    }

    [Fact]
    public void SegmentReader_CallRefusedAfterItsCustomerWasFound_KeepsThatCustomer()
    {
        var item = Assert.Single(new SegmentReader(new SegmentMapping(), Lookup).Read("identify", """{"traits":{"email":"ann@shop.example","birthday":"not a day"}}"""u8.ToArray(), Instant.FromUtc(2026, 3, 1, 9, 0)));

        Assert.True(item.IsRejected);
        Assert.Equal(("traits.birthday", "c-ann"), (item.Field, item.CustomerId));
    }
}
