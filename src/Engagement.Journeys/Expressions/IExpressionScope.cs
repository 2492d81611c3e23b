using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Expressions;

/// <summary>What an expression can see: the roots <c>profile</c>, <c>event</c>, <c>enrollment</c>, and the stimulus time.</summary>
public interface IExpressionScope
{
    /// <summary>The object for a root name; <see cref="Value.Missing"/> when not available.</summary>
    Value Root(string name);

    /// <summary>The value at <paramref name="path"/> under root <paramref name="root"/>: <c>Root(root).Get(path)</c>, which a
    /// scope may answer without building the whole root (a deferred profile snapshot resolves one field).</summary>
    Value Resolve(string root, ReadOnlySpan<string> path) => Root(root).Get(path);

    /// <summary>The stimulus time (for <c>daysSince</c>, <c>daysUntil</c>).</summary>
    Instant Now { get; }
}
