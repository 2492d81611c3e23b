namespace Engagement.Journeys.Definitions;

/// <summary>One step of a journey. Immutable. The concrete types are the step types of the journey format.</summary>
/// <param name="Id">The step id (the key in <c>steps</c>).</param>
/// <param name="Location">Where the step was written.</param>
public abstract record StepDefinition(string Id, SourceLocation Location)
{
    /// <summary>The step's kind, one of <see cref="StepKinds.All"/> (abstract, so a new step type must name its kind).</summary>
    public abstract string Kind { get; }

    /// <summary>The ids of the steps this one can go to, for validation and graph walks.</summary>
    public abstract IEnumerable<string> Successors { get; }

    /// <summary>True for steps that hold the enrollment until a timer or an event (they break cycles).</summary>
    public virtual bool Waits => false;
}
