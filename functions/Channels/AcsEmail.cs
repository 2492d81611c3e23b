using Engagement.Engine.Delivery;

namespace Engagement.Functions.Channels;

/// <summary>One email as ACS takes it: an HTML body when the rendered body starts with markup, plain text otherwise. Immutable.</summary>
/// <param name="To">The recipient address (never logged).</param>
/// <param name="Subject">The subject (the template name when the template has none).</param>
/// <param name="Html">The HTML body, or null.</param>
/// <param name="PlainText">The plain-text body, or null.</param>
/// <param name="Headers">Extra headers (List-Unsubscribe and the like).</param>
public sealed record AcsEmail(string To, string Subject, string? Html, string? PlainText, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The email for an outbound message.</summary>
    public static AcsEmail From(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = message.Body.TrimStart().StartsWith('<');
        return new AcsEmail(message.To, message.Subject ?? message.Template, html ? message.Body : null, html ? null : message.Body, [.. message.Headers]);
    }
}
