// TEMPORARY: minimal stand-ins for types being written on the expr and sched branches. Deleted at merge.
#pragma warning disable
using Engagement.Journeys.Values;
using NodaTime;
namespace Engagement.Journeys.Expressions
{
    public sealed class Expression { public string Text { get; } = ""; public Value Evaluate(IExpressionScope scope) => Value.Missing; public bool IsTrue(IExpressionScope scope) => false; public IReadOnlyList<string> ReferencedPaths { get; } = []; public static bool TryParse(string text, out Expression? expression, out IReadOnlyList<ExpressionError> errors) { expression = null; errors = []; return false; } }
    public sealed record ExpressionError(int Offset, int Length, string Message);
    public interface IExpressionScope { Value Root(string name); Instant Now { get; } }
    public sealed class ExpressionScope(Value profile, Value @event, Value enrollment, Instant now) : IExpressionScope { public Value Root(string name) => Value.Missing; public Instant Now => now; }
}
namespace Engagement.Journeys.Scheduling
{
    public enum LeapDayRule { February28, March1 }
    public sealed class WorkingCalendar { }
}
