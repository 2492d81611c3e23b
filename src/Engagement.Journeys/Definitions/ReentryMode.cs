namespace Engagement.Journeys.Definitions;

/// <summary>Whether a customer may enter a journey again (per trigger key).</summary>
public enum ReentryMode
{
    /// <summary>Every trigger with a new key enrolls, even while an enrollment is active.</summary>
    Always,
    /// <summary>A customer enters at most once, ever.</summary>
    Never,
    /// <summary>A customer may enter again once the previous enrollment has exited. The default.</summary>
    AfterExit,
    /// <summary>A new trigger exits the active enrollment (reason <c>restarted</c>) and starts a new one.</summary>
    Restart,
    /// <summary>Like <see cref="AfterExit"/>, and only when the previous entry is at least the cooldown ago.</summary>
    Cooldown,
}
