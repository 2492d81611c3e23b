namespace Engagement.Journeys.Expressions;

/// <summary>A problem in an expression's text: where (0-based offset and length) and what is wrong and expected. Immutable.</summary>
/// <param name="Offset">0-based character offset into the expression text.</param>
/// <param name="Length">Length of the offending text (at least 1).</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ExpressionError(int Offset, int Length, string Message);
