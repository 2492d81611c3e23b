using Engagement.Journeys.Channels;
using Engagement.Journeys.Scheduling;

namespace Engagement.Journeys.Parsing;

/// <summary>What a journey file may refer to outside itself. Immutable.</summary>
/// <param name="KnownTemplates">Template ids that exist (any channel); null means templates are not checked.</param>
/// <param name="Calendars">Working-day calendars by name.</param>
public sealed record JourneyParseContext(IReadOnlySet<string>? KnownTemplates, IReadOnlyDictionary<string, WorkingCalendar> Calendars)
{
    /// <summary>The channels a send step may name (default <see cref="ChannelRegistry.Builtin"/>; hosts pass <see cref="ChannelRegistry.Shared"/>).</summary>
    public ChannelRegistry Channels { get; init; } = ChannelRegistry.Builtin;

    /// <summary>No templates checked, no calendars.</summary>
    public static JourneyParseContext Empty { get; } = new(null, new Dictionary<string, WorkingCalendar>());
}
