namespace Engagement.Engine.Policies;

/// <summary>What happens to a message that falls inside quiet hours.</summary>
public enum QuietHoursAction
{
    /// <summary>Send it at the first allowed minute after the window (timeline <c>deferred</c>).</summary>
    Defer,
    /// <summary>Do not send it (timeline <c>suppressed</c>, reason <c>quiet-hours</c>).</summary>
    Skip,
}
