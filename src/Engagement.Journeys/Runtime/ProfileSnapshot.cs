using Engagement.Journeys.Values;

namespace Engagement.Journeys.Runtime;

/// <summary>
/// The profile as the core sees it: an object value with <c>customerId</c>, <c>locale</c>, <c>timezone</c>, <c>birthday</c>,
/// <c>tags</c>, <c>channels</c> (preferred order) and every free attribute at the top level (<c>profile.tier</c>). Immutable.
/// Contact details are not in it: the core never needs them.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Data">The object value conditions see as <c>profile.*</c>.</param>
public sealed record ProfileSnapshot(string CustomerId, Value Data)
{
    /// <summary>The profile's IANA zone, if any.</summary>
    public string? TimeZone => Data["timezone"].AsString();

    /// <summary>The profile's locale, if any.</summary>
    public string? Locale => Data["locale"].AsString();
}
