namespace Engagement.Engine.Routing;

/// <summary>What a host does with an event older than the latest one applied to the profile (see <see cref="EventOrdering"/>).</summary>
public enum LateEvents
{
    /// <summary>Applied and routed like any other; the profile keeps no event time. The embedded host: <c>engage simulate</c>
    /// replays in time order, and <c>engage serve</c> takes one customer's events in the order they arrive.</summary>
    Applied,

    /// <summary>The out-of-order rule of <see cref="EventOrdering"/>: a late state-setting event is kept as rejected input and
    /// changes nothing; the profile's <c>LastEventAt</c> advances. The Azure host, whose CRMs publish late batch exports.</summary>
    StateSettingSkipped,
}
