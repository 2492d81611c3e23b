using Engagement.Local.Security;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>Appends what a request did to the host's audit trail (when the host keeps one): who (the key's name), the
/// action, the customer ids, and the remote address. Never a contact detail.</summary>
internal sealed class AuditRecorder(IAuditTrail? trail)
{
    /// <summary>One entry per customer id (one without a customer when none is given).</summary>
    public async ValueTask RecordAsync(HttpContext context, string action, IEnumerable<string?> customerIds, Func<string?, string?>? detail = null, string? who = null)
    {
        if (trail is null)
        {
            return;
        }

        var name = who ?? ApiCaller.Of(context)?.Name ?? "anonymous";
        var from = context.Connection.RemoteIpAddress?.ToString();
        var events = customerIds.Distinct(StringComparer.Ordinal).Select(c => new AuditEvent(name, action, c, from, detail?.Invoke(c))).ToList();
        await trail.AppendAsync(events, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One entry about <paramref name="customerId"/> (or none).</summary>
    public ValueTask RecordAsync(HttpContext context, string action, string? customerId, string? detail = null, string? who = null) =>
        RecordAsync(context, action, [customerId], _ => detail, who);
}
