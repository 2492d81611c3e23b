namespace Engagement.Engine.Delivery;

/// <summary>The reason codes the delivery pipeline writes in the timeline (suppression rules add their own names).</summary>
public static class DeliveryReasons
{
    /// <summary>No usable contact point for the channel (none, or marked invalid).</summary>
    public const string NoContact = "no-contact";
    /// <summary>No consent for the channel and purpose (or a transactional block).</summary>
    public const string NoConsent = "no-consent";
    /// <summary>Inside quiet hours and the policy says skip.</summary>
    public const string QuietHours = "quiet-hours";
    /// <summary>A frequency cap is reached (detail: the cap's name).</summary>
    public const string FrequencyCap = "frequency-cap";
    /// <summary>No template for the channel in any locale.</summary>
    public const string TemplateMissing = "template-missing";
    /// <summary>The provider reported the contact point invalid; the profile now marks the channel invalid.</summary>
    public const string InvalidContact = "invalid-contact";
    /// <summary>Transient failures until the attempts ran out (detail: the provider's last reason).</summary>
    public const string RetriesExhausted = "retries-exhausted";
    /// <summary>The provider refused without a reason.</summary>
    public const string PermanentFailure = "permanent-failure";
    /// <summary>No sender is configured for the channel.</summary>
    public const string NoSender = "no-sender";
    /// <summary>A deferred send came due but the customer's profile is gone (erased).</summary>
    public const string NoProfile = "no-profile";
    /// <summary>The channel written in the journey is not email, sms, push or preferred.</summary>
    public const string UnknownChannel = "unknown-channel";
}
