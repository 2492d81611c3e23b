using Engagement.Engine.Integrations;

namespace Engagement.Local.Configuration;

/// <summary>How integrators' formats map to engine events (<c>integrations</c> in engage.json; docs/integrations.md). Immutable.</summary>
public sealed record IntegrationsOptions
{
    /// <summary>CloudEvents on <c>POST /events</c> (<c>integrations.cloudEvents</c>).</summary>
    public CloudEventMapping CloudEvents { get; init; } = CloudEventMapping.Default;

    /// <summary>The Segment-compatible API <c>/v1/*</c> (<c>integrations.segment</c>).</summary>
    public SegmentMapping Segment { get; init; } = SegmentMapping.Default;
}
