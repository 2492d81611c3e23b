using Engagement.Reports.Funnel;
using Engagement.Reports.Statistics;

namespace Engagement.Reports.Output;

/// <summary>Everything a report shows about one journey version. Immutable.</summary>
/// <param name="Funnel">Counts per step, arrow and day.</param>
/// <param name="Experiments">Holdout and split comparisons.</param>
/// <param name="Previews">Each send step rendered for a sample customer per locale and channel (empty when not asked for).</param>
public sealed record JourneySection(JourneyFunnel Funnel, JourneyExperiments Experiments, IReadOnlyList<Previews.MessagePreview> Previews);
