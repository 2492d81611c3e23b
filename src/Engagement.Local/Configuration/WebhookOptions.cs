using System.Collections.Immutable;
using System.Text;

namespace Engagement.Local.Configuration;

/// <summary>The webhook transport (<c>channels.&lt;channel&gt;.webhook</c>). <see cref="ToString"/> never shows the secret or header values. Immutable.</summary>
public sealed record WebhookOptions
{
    /// <summary>Absolute http(s) URL the message is POSTed to (required).</summary>
    public Uri? Url { get; init; }
    /// <summary>HMAC-SHA256 signing secret, at least 16 characters (required; set it with <c>ENGAGE_Channels__Sms__Webhook__Secret</c>).</summary>
    public string Secret { get; init; } = "";
    /// <summary>Seconds one request may take, answer included; default 10.</summary>
    public int TimeoutSeconds { get; init; } = 10;
    /// <summary>Extra request headers, such as a gateway's <c>Authorization</c> (values are treated as secrets).</summary>
    public ImmutableSortedDictionary<string, string> Headers { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The timeout as a span.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(Url?.GetLeftPart(UriPartial.Path))
            .Append(", Secret = ").Append(Secret.Length == 0 ? "(none)" : Redaction.Mask)
            .Append(", TimeoutSeconds = ").Append(TimeoutSeconds)
            .Append(", Headers = [").Append(string.Join(", ", Headers.Keys.Select(k => k + ": " + Redaction.Mask))).Append(']');
        return true;
    }
}
