using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Tests.Runtime;

/// <summary>The event's scope value is built once per instance; copies and equality behave as for any record.</summary>
public sealed class CustomerEventTests
{
    private static readonly CustomerEvent Order = new("o1", "order.placed", "c1", Instant.FromUtc(2026, 3, 1, 9, 0), ValueJson.Parse("""{ "amount": 120, "id": "shadowed" }"""));

    [Fact]
    public void ToScopeValue_HasTheDataAndTheEnvelope()
    {
        var scope = Order.ToScopeValue();

        Assert.Equal(120, scope["amount"].AsNumber());
        Assert.Equal("o1", scope["id"].AsString());
        Assert.Equal("order.placed", scope["type"].AsString());
        Assert.Equal("c1", scope["customerId"].AsString());
        Assert.Equal("2026-03-01T09:00:00Z", scope["time"].AsString());
        Assert.Same(scope, Order.ToScopeValue());
    }

    [Fact]
    public void ToScopeValue_ACopyWithOtherValues_BuildsItsOwn()
    {
        _ = Order.ToScopeValue();
        var copy = Order with { Type = "order.refunded", Data = ValueJson.Parse("""{ "amount": 5 }""") };

        Assert.Equal("order.refunded", copy.ToScopeValue()["type"].AsString());
        Assert.Equal(5, copy.ToScopeValue()["amount"].AsNumber());
        Assert.Equal("order.placed", Order.ToScopeValue()["type"].AsString());
    }

    [Fact]
    public void Equality_DoesNotDependOnWhetherTheScopeWasBuilt()
    {
        var fresh = new CustomerEvent("o1", "order.placed", "c1", Order.Time, ValueJson.Parse("""{ "amount": 120, "id": "shadowed" }"""));
        _ = Order.ToScopeValue();

        Assert.Equal(Order, fresh);
        Assert.Equal(Order.GetHashCode(), fresh.GetHashCode());
        Assert.NotEqual(Order, fresh with { Id = "o2" });
    }

    [Fact]
    public void ToScopeValue_DataThatIsNotAnObject_IsUnderData()
    {
        var e = Order with { Data = Value.FromNumber(3) };

        Assert.Equal(3, e.ToScopeValue()["data"].AsNumber());
        Assert.True(e.ToScopeValue()["id"].IsMissing);
    }
}
