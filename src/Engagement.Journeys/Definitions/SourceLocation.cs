namespace Engagement.Journeys.Definitions;

/// <summary>Where something was written: a file and a 1-based line and column. Immutable.</summary>
/// <param name="File">The path as given to the parser.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for definitions built in code rather than parsed.</summary>
    public static SourceLocation None { get; } = new("<code>", 0, 0);

    /// <summary><c>file:line:column</c>, the form editors and CI understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
