using Engagement.Reports.Facts;
using Engagement.Reports.Output;

namespace Engagement.Local.Hosting;

/// <summary>The dashboard's data: the same report as <c>engage report --db</c>, over the live database.</summary>
public sealed partial class EmbeddedHost : IReportSource
{
    /// <inheritdoc/>
    public ReportDocument Report(ReportPeriod period) => DatabaseReport.Build(_catalog, _queries, "live database", period);
}
