// TEMPORARY: minimal stand-ins for types being written on the expr and sched branches. Deleted at merge.
#pragma warning disable
using Engagement.Journeys.Values;
using NodaTime;
namespace Engagement.Journeys.Scheduling
{
    public enum LeapDayRule { February28, March1 }
    public sealed class WorkingCalendar { }
}
