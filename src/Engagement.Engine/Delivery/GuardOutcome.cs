namespace Engagement.Engine.Delivery;

/// <summary>What the guards decided for one message.</summary>
public enum GuardOutcome
{
    /// <summary>Go on to the ledger reservation and the provider.</summary>
    Send,
    /// <summary>Do not send (timeline <c>suppressed</c> with the reason).</summary>
    Suppress,
    /// <summary>Send later, at <see cref="GuardDecision.DeferUntil"/> (quiet hours).</summary>
    Defer,
}
