using System.Collections.Immutable;

namespace Engagement.Journeys.Definitions;

/// <summary><c>send</c>: one message through the delivery guards. Immutable.</summary>
/// <param name="Id">Step id.</param>
/// <param name="Location">Source location.</param>
/// <param name="Channel"><c>email</c>, <c>sms</c>, <c>push</c> or <c>preferred</c> (walks the profile's channel order).</param>
/// <param name="Template">Template id (files <c>templates/&lt;id&gt;.&lt;channel&gt;.&lt;locale&gt;.liquid</c>).</param>
/// <param name="Fallback">Channels to try, in order, when the first cannot be used.</param>
/// <param name="Next">The next step.</param>
public sealed record SendStep(string Id, SourceLocation Location, string Channel, string Template, ImmutableArray<string> Fallback, string Next)
    : StepDefinition(Id, Location)
{
    /// <inheritdoc/>
    public override string Kind => StepKinds.Send;

    /// <inheritdoc/>
    public override IEnumerable<string> Successors => [Next];
}
