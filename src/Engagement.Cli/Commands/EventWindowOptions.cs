using System.CommandLine;
using Engagement.Engine.Events;

namespace Engagement.Cli.Commands;

/// <summary>The flags of the plausible event-time window (<see cref="EventTimeWindow"/>) shared by simulate and serve.</summary>
internal sealed class EventWindowOptions
{
    public Option<string?> NotBefore { get; } = new("--events-not-before") { Description = "Reject events dated before this instant (default 2000-01-01T00:00:00Z)" };
    public Option<string?> NotAfter { get; } = new("--events-not-after") { Description = "Reject events dated after this instant (default 2100-01-01T00:00:00Z)" };
    public Option<string?> MaxAhead { get; } = new("--events-max-ahead") { Description = "Reject events more than this ISO-8601 duration after the reference time: receipt (real clock) or the latest accepted event (virtual clock, simulate); default P1D against receipt, P366D against the latest event" };

    /// <summary>The three options, to add to a command.</summary>
    public IEnumerable<Option> All => [NotBefore, NotAfter, MaxAhead];

    /// <summary>The window from the flags; a bad value is a usage error (exit 2).</summary>
    public EventTimeWindow Read(ParseResult parse, bool streamed) =>
        EventTimeWindowText.TryRead(streamed ? EventTimeWindow.DefaultStreamed : EventTimeWindow.Default,
            parse.GetValue(NotBefore), parse.GetValue(NotAfter), parse.GetValue(MaxAhead),
            ("--events-not-before", "--events-not-after", "--events-max-ahead"), out var error)
        ?? throw new UsageException(error!);
}
