using System.Collections.Immutable;

namespace Engagement.Journeys.Definitions;

/// <summary>
/// The one list of step kinds of the journey format (the <c>type</c> of a step). The parser reads exactly these, every
/// <see cref="StepDefinition"/> names its kind through <see cref="StepDefinition.Kind"/>, and a test checks that each kind has a
/// concrete step type, a parser and an interpreter case, so a new kind cannot fall into a quiet default.
/// </summary>
public static class StepKinds
{
    /// <summary><c>send</c>: <see cref="SendStep"/>.</summary>
    public const string Send = "send";

    /// <summary><c>wait</c>: <see cref="WaitStep"/>.</summary>
    public const string Wait = "wait";

    /// <summary><c>waitForEvent</c>: <see cref="WaitForEventStep"/>.</summary>
    public const string WaitForEvent = "waitForEvent";

    /// <summary><c>branch</c>: <see cref="BranchStep"/>.</summary>
    public const string Branch = "branch";

    /// <summary><c>split</c>: <see cref="SplitStep"/>.</summary>
    public const string Split = "split";

    /// <summary><c>update</c>: <see cref="UpdateStep"/>.</summary>
    public const string Update = "update";

    /// <summary><c>task</c>: <see cref="TaskStep"/>.</summary>
    public const string Task = "task";

    /// <summary><c>exit</c>: <see cref="ExitStep"/>.</summary>
    public const string Exit = "exit";

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static ImmutableArray<string> All { get; } = [Send, Wait, WaitForEvent, Branch, Split, Update, Task, Exit];
}
