using Engagement.Reports.Facts;
using Engagement.Reports.Output;

namespace Engagement.Local.Hosting;

/// <summary>A host whose database can be reported on (the dashboard's data).</summary>
public interface IReportSource
{
    /// <summary>The report over <paramref name="period"/>, from the live database.</summary>
    ReportDocument Report(ReportPeriod period);
}
