using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Expressions;

/// <summary>A plain, immutable <see cref="IExpressionScope"/> built from the three root objects and a time.</summary>
public sealed class ExpressionScope : IExpressionScope
{
    private readonly Value? _profile;
    private readonly ProfileSnapshot? _snapshot;
    private readonly Value _event;
    private readonly Value _enrollment;

    /// <summary>Creates a scope.</summary>
    public ExpressionScope(Value profile, Value @event, Value enrollment, Instant now)
    {
        _profile = profile;
        _event = @event;
        _enrollment = enrollment;
        Now = now;
    }

    /// <summary>Creates a scope whose <c>profile</c> is <paramref name="profile"/>'s data (missing when null), read one field at a
    /// time so a deferred snapshot is not built for a condition that reads a few attributes.</summary>
    public ExpressionScope(ProfileSnapshot? profile, Value @event, Value enrollment, Instant now)
    {
        _snapshot = profile;
        _event = @event;
        _enrollment = enrollment;
        Now = now;
    }

    /// <inheritdoc/>
    public Instant Now { get; }

    /// <inheritdoc/>
    public Value Resolve(string root, ReadOnlySpan<string> path) =>
        root == "profile" && _snapshot is not null ? _snapshot.Get(path) : Root(root).Get(path);

    /// <inheritdoc/>
    public Value Root(string name) => name switch
    {
        "profile" => _snapshot?.Data ?? _profile ?? Value.Missing,
        "event" => _event,
        "enrollment" => _enrollment,
        _ => Value.Missing,
    };
}
