namespace Engagement.Engine.Delivery;

/// <summary>A provider's answer. Immutable.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="ProviderMessageId">The provider's id, when sent.</param>
/// <param name="Reason">The provider's reason on failure (no personal data).</param>
public sealed record SendResult(SendStatus Status, string? ProviderMessageId = null, string? Reason = null)
{
    /// <summary>A successful send.</summary>
    public static SendResult Ok(string? providerMessageId = null) => new(SendStatus.Sent, providerMessageId);
}
