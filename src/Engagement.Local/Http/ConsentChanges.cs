using Engagement.Local.Hosting;
using Engagement.Local.Security;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Engagement.Local.Http;

/// <summary>Finds the consent events (<c>consent.granted</c>, <c>consent.revoked</c>, <c>customer.unsubscribed</c>) among the
/// lines or integration elements a key posted and the host took (accepted or duplicate), and records each as <see cref="AuditActions.ConsentChange"/>
/// with the customer id, the event type and the channel (when it is a channel name) — nothing else of the event.</summary>
internal static class ConsentChanges
{
    private static readonly string[] Types = ["consent.granted", "consent.revoked", "customer.unsubscribed"];

    public static async ValueTask RecordAsync(HttpContext context, AuditRecorder audit, IReadOnlyList<string> lines, IngestResult result)
    {
        var rejected = result.Rejected.Select(r => r.Line).ToHashSet();
        var found = new List<(string Customer, string Detail)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (rejected.Contains(i + 1) || !Types.Any(t => line.Contains(t, StringComparison.Ordinal)) || Read(line) is not { } change)
            {
                continue;
            }

            found.Add(change);
        }

        foreach (var change in found)
        {
            await audit.RecordAsync(context, AuditActions.ConsentChange, change.Customer, change.Detail);
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
                e.Type + (channel is not null && Engagement.Journeys.Channels.Channel.IsValidName(channel) ? " " + channel : string.Empty));
        }
    }

    private static (string Customer, string Detail)? Read(string line)
    {
        try
        {
            var e = JObject.Parse(line);
            return (string?)e["type"] is { } type && Types.Contains(type) && (string?)e["customerId"] is { Length: > 0 } customer
                ? (customer, type + ((e["data"] as JObject)?["channel"] is JValue { Type: JTokenType.String } channel && Engagement.Journeys.Channels.Channel.IsValidName((string)channel!) ? " " + (string?)channel : string.Empty))
                : null;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
