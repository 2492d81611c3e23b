using System.CommandLine;
using Engagement.Engine.Events;
using Engagement.Journeys.Runtime;
using NodaTime;
using NodaTime.Text;

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
    public EventTimeWindow Read(ParseResult parse, bool streamed)
    {
        var window = streamed ? EventTimeWindow.DefaultStreamed : EventTimeWindow.Default;
        if (parse.GetValue(NotBefore) is { } before)
        {
            window = window with { NotBefore = Instant(before, "--events-not-before") };
        }

        if (parse.GetValue(NotAfter) is { } after)
        {
            window = window with { NotAfter = Instant(after, "--events-not-after") };
        }

        if (parse.GetValue(MaxAhead) is { } ahead)
        {
            var parsed = PeriodPattern.NormalizingIso.Parse(ahead);
            if (!parsed.Success || parsed.Value.Years != 0 || parsed.Value.Months != 0)
            {
                throw new UsageException($"--events-max-ahead: '{ahead}' is not a duration: expected ISO-8601 days or hours such as P1D or PT6H");
            }

            var duration = parsed.Value.ToDuration();
            if (duration < Duration.Zero)
            {
                throw new UsageException($"--events-max-ahead: '{ahead}' is negative");
            }

            window = window with { MaxAhead = duration };
        }

        if (window.NotAfter < window.NotBefore)
        {
            throw new UsageException("--events-not-after: is before --events-not-before");
        }

        return window;
    }

    private static Instant Instant(string text, string option) => InstantText.TryParse(text, out var instant)
        ? instant
        : throw new UsageException($"{option}: '{text}' is not an instant: expected ISO-8601 such as 2000-01-01T00:00:00Z");
}
