namespace Engagement.Engine.Routing;

/// <summary>The two ways the hosts differ when routing an event; everything else about routing is <see cref="RoutingPlanner"/>'s.
/// Immutable.</summary>
/// <param name="States">Whether stored enrollment states are current.</param>
/// <param name="Late">The out-of-order rule in force.</param>
public sealed record RoutingRules(StoredStates States, LateEvents Late)
{
    /// <summary>The embedded engine (<see cref="EngagementEngine"/>: simulate and serve).</summary>
    public static RoutingRules Embedded { get; } = new(StoredStates.Current, LateEvents.Applied);

    /// <summary>The orchestrated host (<see cref="EventRouter"/>: Azure Functions with Durable Task).</summary>
    public static RoutingRules Orchestrated { get; } = new(StoredStates.MayLag, LateEvents.StateSettingSkipped);
}
