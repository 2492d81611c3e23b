namespace Engagement.Engine.Delivery;

/// <summary>How a provider answered.</summary>
public enum SendStatus
{
    /// <summary>Accepted by the provider.</summary>
    Sent,
    /// <summary>Try again later (timeouts, throttling, 5xx).</summary>
    TransientFailure,
    /// <summary>Will never succeed (bad request, rejected content).</summary>
    PermanentFailure,
    /// <summary>The contact point is invalid (hard bounce, invalid number); the profile marks it so.</summary>
    InvalidContact,
}
