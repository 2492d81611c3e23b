using Engagement.Engine.Delivery;
using Engagement.Journeys.Values;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Delivery;

public class PendingSendTests
{
    [Fact]
    public void From_EventWithContactDetails_KeepsThemOutOfTheLedger()
    {
        var request = Request(Journey("welcome"), Customer(), At("2026-03-04T12:00:00Z"));
        request = request with
        {
            Enrollment = request.Enrollment with { Event = Value.EmptyObject.With("email", Value.FromString("a@example.com")).With("phone", Value.FromString("+86138")).With("orderId", Value.FromString("o1")) },
        };

        var pending = PendingSend.From(request);

        Assert.DoesNotContain("example.com", pending.EventJson, StringComparison.Ordinal);
        Assert.DoesNotContain("+86138", pending.EventJson, StringComparison.Ordinal);
        Assert.Contains("o1", pending.EventJson, StringComparison.Ordinal);
    }
}
