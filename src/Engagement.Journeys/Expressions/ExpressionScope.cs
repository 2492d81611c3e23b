using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Expressions;

/// <summary>A plain, immutable <see cref="IExpressionScope"/> built from the three root objects and a time.</summary>
public sealed class ExpressionScope : IExpressionScope
{
    private readonly Value _profile;
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

    /// <inheritdoc/>
    public Instant Now { get; }

    /// <inheritdoc/>
    public Value Root(string name) => name switch
    {
        "profile" => _profile,
        "event" => _event,
        "enrollment" => _enrollment,
        _ => Value.Missing,
    };
}
