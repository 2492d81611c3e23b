using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using Newtonsoft.Json.Linq;

namespace Engagement.Engine.Events;

/// <summary>Writes an event as the one-line JSON <see cref="EventParser"/> reads (<c>{ "id", "type", "customerId", "time", "data" }</c>). Pure.</summary>
public static class EventJson
{
    /// <summary>The event as compact JSON text.</summary>
    public static string Write(CustomerEvent customerEvent)
    {
        ArgumentNullException.ThrowIfNull(customerEvent);
        var o = new JObject
        {
            ["id"] = customerEvent.Id,
            ["type"] = customerEvent.Type,
            ["customerId"] = customerEvent.CustomerId,
            ["time"] = InstantText.Format(customerEvent.Time),
            ["data"] = customerEvent.Data.Kind == ValueKind.Object ? ValueJson.ToToken(customerEvent.Data) : new JObject(),
        };
        return o.ToString(Newtonsoft.Json.Formatting.None);
    }
}
