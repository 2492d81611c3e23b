using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>A lifecycle event from a CRM: <c>{ "id", "type", "customerId", "time", "data" }</c>. Immutable.</summary>
/// <param name="Id">Unique id; processing is idempotent by it.</param>
/// <param name="Type">Event type, e.g. <c>order.placed</c>.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Data">Free data (an object value), visible to conditions as <c>event.*</c>.</param>
public sealed record CustomerEvent(string Id, string Type, string CustomerId, Instant Time, Value Data)
{
    /// <summary>The event as conditions see it: its data fields plus <c>id</c>, <c>type</c>, <c>customerId</c> and <c>time</c>.</summary>
    public Value ToScopeValue() => Data.Kind == ValueKind.Object || Data.IsNullOrMissing
        ? (Data.IsNullOrMissing ? Value.EmptyObject : Data)
            .With("id", Value.FromString(Id))
            .With("type", Value.FromString(Type))
            .With("customerId", Value.FromString(CustomerId))
            .With("time", Value.FromString(InstantText.Format(Time)))
        : Value.EmptyObject.With("data", Data);
}
