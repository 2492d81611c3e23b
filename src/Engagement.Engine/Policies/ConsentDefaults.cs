namespace Engagement.Engine.Policies;

/// <summary>What to assume for a (channel, purpose) with no consent record at all. Immutable.</summary>
/// <param name="Marketing">Allow marketing without a record (default false: deny, the opt-in reading of PIPL and GDPR).</param>
/// <param name="Transactional">Allow service messages without a record (default true: only an explicit revoke blocks them).</param>
public sealed record ConsentDefaults(bool Marketing = false, bool Transactional = true)
{
    /// <summary>Deny marketing, allow transactional.</summary>
    public static ConsentDefaults Standard { get; } = new();
}
