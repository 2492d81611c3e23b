namespace Engagement.Engine.Integrations;

/// <summary>How integrators' formats map to engine events (<c>integrations</c> in engage.json, the <c>Engagement__Integrations</c> app setting on Azure; docs/integrations.md). Immutable.</summary>
public sealed record IntegrationsOptions
{
    /// <summary>CloudEvents on <c>POST /events</c> (<c>integrations.cloudEvents</c>).</summary>
    public CloudEventMapping CloudEvents { get; init; } = CloudEventMapping.Default;

    /// <summary>The Segment-compatible API <c>/v1/*</c> (<c>integrations.segment</c>).</summary>
    public SegmentMapping Segment { get; init; } = SegmentMapping.Default;
}
