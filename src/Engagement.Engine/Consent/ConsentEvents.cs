using System.Collections.Immutable;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Definitions;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Consent;

/// <summary>
/// The consent events and what they mean: <c>consent.granted</c> / <c>consent.revoked</c> (<c>{channel, purpose, source}</c>),
/// <c>customer.unsubscribed</c> (<c>{channel}</c> or <c>"all"</c>: marketing revoked) and an inbound SMS <c>sms.inbound</c>
/// whose text is STOP, 退订 or TD (SMS marketing revoked). Pure.
/// </summary>
public static class ConsentEvents
{
    /// <summary>Event type granting consent.</summary>
    public const string Granted = "consent.granted";
    /// <summary>Event type revoking consent.</summary>
    public const string Revoked = "consent.revoked";
    /// <summary>Event type for an unsubscribe (link, one-click header, preference centre).</summary>
    public const string Unsubscribed = "customer.unsubscribed";
    /// <summary>Event type for an inbound SMS.</summary>
    public const string SmsInbound = "sms.inbound";

    private static readonly string[] StopWords = ["STOP", "退订", "TD", "UNSUBSCRIBE", "STOPALL", "QUIT", "CANCEL", "END"];

    /// <summary>Whether this module handles the event type.</summary>
    public static bool Handles(string eventType) => eventType is Granted or Revoked or Unsubscribed or SmsInbound;

    /// <summary>Whether an inbound SMS text is an opt-out keyword (trimmed, case-insensitive).</summary>
    public static bool IsStop(string? text) =>
        text is not null && StopWords.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The consent records an event adds (empty for events that change nothing, such as an ordinary inbound SMS). False with
    /// an error naming the field when a consent event is malformed.
    /// </summary>
    public static bool TryInterpret(CustomerEvent e, out ImmutableArray<ConsentRecord> records, out string? error)
    {
        records = ImmutableArray<ConsentRecord>.Empty;
        error = null;
        var data = e.Data;
        var given = data["source"].AsString();
        var source = given is null ? $"{e.Type} {e.Id}" : $"{given} ({e.Type} {e.Id})";
        switch (e.Type)
        {
            case Granted or Revoked:
            {
                if (!TryChannels(data["channel"].AsString(), out var channels, out error))
                {
                    return false;
                }

                var purposeText = data["purpose"].AsString() ?? "marketing";
                if (purposeText is not ("marketing" or "transactional"))
                {
                    error = $"data.purpose is '{purposeText}': expected marketing or transactional";
                    return false;
                }

                var purpose = purposeText == "marketing" ? ConsentPurpose.Marketing : ConsentPurpose.Transactional;
                records = channels.Select(c => new ConsentRecord(c, purpose, e.Type == Granted, e.Time, source)).ToImmutableArray();
                return true;
            }

            case Unsubscribed:
            {
                if (!TryChannels(data["channel"].AsString() ?? "all", out var channels, out error))
                {
                    return false;
                }

                records = channels.Select(c => new ConsentRecord(c, ConsentPurpose.Marketing, false, e.Time, source)).ToImmutableArray();
                return true;
            }

            case SmsInbound:
                if (IsStop(data["text"].AsString()))
                {
                    records = ChannelRegistry.Shared.Descriptors.Where(d => d.RevokedByStopReply)
                        .Select(d => new ConsentRecord(d.Name, ConsentPurpose.Marketing, false, e.Time, given is null ? $"{d.Name}-stop ({e.Type} {e.Id})" : source))
                        .ToImmutableArray();
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// The active enrollments an event ends with reason <see cref="ExitReasons.Unsubscribed"/>: marketing journeys with a send step on a
    /// channel whose marketing consent the event revokes (named as the step's channel or in its fallback; a <c>preferred</c>
    /// step counts only when every channel is revoked). Transactional journeys are never exited.
    /// </summary>
    public static IReadOnlyList<EnrollmentState> JourneysToExit(CustomerEvent e, IEnumerable<EnrollmentState> enrollments, Func<string, int, JourneyDefinition?> journey)
    {
        if (!TryInterpret(e, out var records, out _))
        {
            return [];
        }

        var revoked = records.Where(r => !r.Granted && r.Purpose == ConsentPurpose.Marketing).Select(r => r.Channel).ToHashSet(StringComparer.Ordinal);
        if (revoked.Count == 0)
        {
            return [];
        }

        var everything = ChannelRegistry.Shared.Names.All(revoked.Contains);
        return enrollments
            .Where(s => s.Status != EnrollmentStatus.Exited)
            .Where(s => journey(s.JourneyId, s.JourneyVersion) is { Category: JourneyCategory.Marketing } definition
                && definition.Steps.Values.OfType<SendStep>().Any(step =>
                    (step.Channel == ChannelRegistry.Preferred ? everything : revoked.Contains(step.Channel))
                    || (!step.Fallback.IsDefault && step.Fallback.Any(revoked.Contains))))
            .ToList();
    }

    private static bool TryChannels(string? channel, out string[] channels, out string? error)
    {
        error = null;
        var registry = ChannelRegistry.Shared;
        channels = channel == "all" ? [.. registry.Names] : registry.Contains(channel) ? [channel!] : [];
        if (channels.Length == 0)
        {
            var expected = string.Join(", ", registry.Names) + " or all";
            error = channel is null ? $"data.channel is missing: expected {expected}" : $"data.channel is '{channel}': expected {expected}";
            return false;
        }

        return true;
    }
}
