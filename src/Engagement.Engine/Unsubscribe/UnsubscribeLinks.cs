using System.Collections.Immutable;
using NodaTime;

namespace Engagement.Engine.Unsubscribe;

/// <summary>
/// Builds signed unsubscribe links (<c>{baseUrl}?token=…</c>) for templates (<c>links.unsubscribe</c>) and the RFC 8058
/// one-click headers for marketing email. Immutable and thread-safe.
/// </summary>
public sealed class UnsubscribeLinks
{
    private readonly string _baseUrl;
    private readonly UnsubscribeTokens _tokens;
    private readonly Duration _lifetime;

    /// <summary>Creates links; <paramref name="baseUrl"/> is an absolute https (or http for local use) URL.</summary>
    public UnsubscribeLinks(string baseUrl, UnsubscribeTokens tokens, Duration lifetime)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The unsubscribe base URL must be an absolute http(s) URL.", nameof(baseUrl));
        }

        if (lifetime <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "The link lifetime must be positive.");
        }

        _baseUrl = baseUrl;
        _tokens = tokens;
        _lifetime = lifetime;
    }

    /// <summary>The link for a customer and channel, valid for the lifetime from <paramref name="now"/>.</summary>
    public string For(string customerId, string channel, Instant now)
    {
        var separator = _baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{_baseUrl}{separator}token={Uri.EscapeDataString(_tokens.Create(customerId, channel, now + _lifetime))}";
    }

    /// <summary>The email headers for a link: <c>List-Unsubscribe: &lt;link&gt;</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.</summary>
    public static ImmutableSortedDictionary<string, string> Headers(string link) => ImmutableSortedDictionary<string, string>.Empty
        .Add("List-Unsubscribe", $"<{link}>")
        .Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
}
