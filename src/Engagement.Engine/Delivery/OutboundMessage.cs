using System.Collections.Immutable;

namespace Engagement.Engine.Delivery;

/// <summary>A rendered message ready for a channel. Holds contact details: never log <see cref="To"/>, subject or body. Immutable.</summary>
public sealed record OutboundMessage
{
    /// <summary>The ledger key (enrollment/step/occurrence); providers get it as their idempotency key where they have one.</summary>
    public required string LedgerKey { get; init; }
    /// <summary>email, sms or push.</summary>
    public required string Channel { get; init; }
    /// <summary>The customer id.</summary>
    public required string CustomerId { get; init; }
    /// <summary>Address, phone number or push token (personal data).</summary>
    public required string To { get; init; }
    /// <summary>Email subject or push title.</summary>
    public string? Subject { get; init; }
    /// <summary>Rendered body (text; HTML for email when the template is HTML).</summary>
    public required string Body { get; init; }
    /// <summary>Extra headers (email: List-Unsubscribe, List-Unsubscribe-Post).</summary>
    public ImmutableSortedDictionary<string, string> Headers { get; init; } = EmptyHeaders;
    /// <summary>No headers.</summary>
    public static ImmutableSortedDictionary<string, string> EmptyHeaders { get; } = ImmutableSortedDictionary<string, string>.Empty;
    /// <summary>Journey id.</summary>
    public required string Journey { get; init; }
    /// <summary>Step id.</summary>
    public required string Step { get; init; }
    /// <summary>Template id.</summary>
    public required string Template { get; init; }
    /// <summary>Locale rendered.</summary>
    public required string Locale { get; init; }
}
