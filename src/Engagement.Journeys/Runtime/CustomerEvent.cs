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
    private static readonly string[] ScopeFields = ["id", "type", "customerId", "time"];

    /// <summary>The scope value, built on first use. It remembers the instance it was built for: a copy made with <c>with</c>
    /// carries the field along but builds its own (the copy may differ). Not part of equality.</summary>
    private ScopeCache? _scope;

    /// <summary>The event as conditions see it: its data fields plus <c>id</c>, <c>type</c>, <c>customerId</c> and <c>time</c>.
    /// Built once per event (entry rules of every journey and the enrollments that await it all read it).</summary>
    public Value ToScopeValue()
    {
        if (_scope is { } cached && ReferenceEquals(cached.Owner, this))
        {
            return cached.Scope;
        }

        var scope = BuildScope();
        _scope = new ScopeCache(this, scope);
        return scope;
    }

    /// <inheritdoc/>
    public bool Equals(CustomerEvent? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (string.Equals(Id, other.Id, StringComparison.Ordinal) && string.Equals(Type, other.Type, StringComparison.Ordinal)
                && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal) && Time == other.Time && Equals(Data, other.Data)));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Type, CustomerId, Time, Data);

    private Value BuildScope()
    {
        if (Data.Kind != ValueKind.Object && !Data.IsNullOrMissing)
        {
            return Value.EmptyObject.With("data", Data);
        }

        var fields = (Data.IsNullOrMissing ? Value.EmptyObject : Data).Fields.ToBuilder();
        var values = new[] { Value.FromString(Id), Value.FromString(Type), Value.FromString(CustomerId), Value.FromString(InstantText.Format(Time)) };
        for (var i = 0; i < ScopeFields.Length; i++)
        {
            fields[ScopeFields[i]] = values[i];
        }

        return Value.FromFields(fields.ToImmutable());
    }

    private sealed record ScopeCache(CustomerEvent Owner, Value Scope);
}
