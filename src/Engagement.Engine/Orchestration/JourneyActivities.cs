namespace Engagement.Engine.Orchestration;

/// <summary>Names of the activities the journey loop calls, and of the external event it waits for.</summary>
public static class JourneyActivities
{
    /// <summary>Input: the customer id (string). Output: the <c>ProfileSnapshot</c>, or null when the customer is gone.</summary>
    public const string LoadProfile = "LoadProfile";

    /// <summary>Input: an <see cref="EffectBatch"/>. Carries out sends (through the delivery guards), tasks, profile updates,
    /// emitted events, and records the timeline. Idempotent by the effects' keys, so a retried activity never sends twice.</summary>
    public const string ApplyEffects = "ApplyEffects";

    /// <summary>The external event name the router raises, with a <c>CustomerEvent</c> payload, to an enrollment's instance.</summary>
    public const string CustomerEventName = "customer-event";
}
