using Engagement.Engine.Events;
using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Finds the consent events (<c>consent.granted</c>, <c>consent.revoked</c>, <c>customer.unsubscribed</c>) among the
/// lines or integration elements a key posted and the host took (accepted or duplicate), and records each as <see cref="AuditActions.ConsentChange"/>
/// with the customer id, the event type and the channel (when it is a channel name) — nothing else of the event.</summary>
internal static class ConsentChanges
{
    private static readonly string[] Types = ["consent.granted", "consent.revoked", "customer.unsubscribed"];

    /// <summary>The consent events among posted lines the host took; a line without a customer id that named its customer by
    /// contact is found again through <paramref name="resolve"/> (the rule the host applied).</summary>
    public static async ValueTask RecordAsync(HttpContext context, AuditRecorder audit, IReadOnlyList<string> lines, IngestResult result, CustomerByContact? resolve = null)
    {
        var rejected = result.Rejected.Select(r => r.Line).ToHashSet();
        var found = new List<(string Customer, string Detail)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (rejected.Contains(i + 1) || !Types.Any(t => line.Contains(t, StringComparison.Ordinal)) || Read(line, resolve) is not { } change)
            {
                continue;
            }

            found.Add(change);
        }

        foreach (var change in found)
        {
            await audit.RecordAsync(context, AuditActions.ConsentChange, change.Customer, change.Detail).ConfigureAwait(false);
        }
    }

    /// <summary>The consent events among the translated elements of a CloudEvents or Segment request (for example an
    /// identify whose traits map to consent); refused elements are not recorded.</summary>
    public static async ValueTask RecordAsync(HttpContext context, AuditRecorder audit, IReadOnlyList<Engine.Integrations.InboundItem>? items)
    {
        foreach (var e in (items ?? []).Where(i => !i.IsRejected).SelectMany(i => i.Events).Where(e => Types.Contains(e.Type)))
        {
            var channel = e.Data["channel"].AsString();
            await audit.RecordAsync(context, AuditActions.ConsentChange, e.CustomerId,
                e.Type + (channel is not null && Journeys.Channels.Channel.IsValidName(channel) ? " " + channel : string.Empty)).ConfigureAwait(false);
        }
    }

    private static (string Customer, string Detail)? Read(string line, CustomerByContact? resolve) =>
        EventParser.TryParse(line, resolve, out var e, out _, out _) && Types.Contains(e!.Type)
            ? (e.CustomerId, e.Type + (e.Data["channel"].AsString() is { } channel && Engagement.Journeys.Channels.Channel.IsValidName(channel) ? " " + channel : string.Empty))
            : null;
}
