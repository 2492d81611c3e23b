namespace Engagement.Engine.Routing;

/// <summary>What routing an event comes to.</summary>
public enum RoutingPlanKind
{
    /// <summary>Apply the profile change, exit, deliver and start as the plan lists.</summary>
    Route,

    /// <summary>Erase the customer: exit every active enrollment with reason <c>erased</c>, then forget the personal data.</summary>
    Erase,

    /// <summary>A late state-setting event under <see cref="LateEvents.StateSettingSkipped"/>: keep it as rejected input, change nothing.</summary>
    SkipLate,
}
