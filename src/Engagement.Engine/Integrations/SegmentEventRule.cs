namespace Engagement.Engine.Integrations;

/// <summary>
/// How one Segment <c>track</c> event name becomes an engine event: the engine <paramref name="Type"/>, and properties
/// renamed on the way (<c>order_id</c> → <c>orderId</c>); every other property is kept under its own name. Immutable.
/// </summary>
/// <param name="Type">The engine event type, e.g. <c>order.placed</c>.</param>
/// <param name="Properties">Segment property name → engine data field name.</param>
public sealed record SegmentEventRule(string Type, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>Fixed text fields added to the data unless the properties carry them (<c>channel: email</c> for "Email Unsubscribed").</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A rule that only names the type.</summary>
    public SegmentEventRule(string type)
        : this(type, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}
