using Engagement.Journeys.Definitions;

namespace Engagement.Engine.Policies;

/// <summary>
/// At most <c>Max</c> messages in <c>Window</c> per customer, across all journeys, for the messages the cap covers: its scope
/// (journey category) and, when set, one channel. Immutable.
/// </summary>
/// <param name="Name">Name, shown in the timeline detail when the cap refuses a message.</param>
/// <param name="Scope">Which categories it covers (transactional messages only when the policy does not exempt them).</param>
/// <param name="Channel">One channel, or null for every channel.</param>
/// <param name="Max">How many messages the window allows (0 forbids all).</param>
/// <param name="Window">Rolling or calendar window.</param>
public sealed record FrequencyCap(string Name, PolicyScope Scope, string? Channel, int Max, CapWindow Window)
{
    /// <summary>Whether the cap covers a message of this category on this channel.</summary>
    public bool Covers(JourneyCategory category, string channel) =>
        (Scope == PolicyScope.All || (Scope == PolicyScope.Marketing) == (category == JourneyCategory.Marketing))
        && (Channel is null || string.Equals(Channel, channel, StringComparison.Ordinal));
}
