using Engagement.Engine.Timeline;
using Engagement.Reports.Facts;
using Engagement.Reports.Kpis;
using Engagement.Reports.Output;
using Engagement.Reports.Previews;

namespace Engagement.Reports.Tests.Output;

/// <summary>The HTML report is self-contained and escapes every value it did not write itself.</summary>
public sealed class HtmlReportWriterTests : IDisposable
{
    private readonly JourneyDirectory _dir = TestJourneys.Directory();

    private ReportDocument Report(IEnumerable<TimelineEntry> extra, KpiReport? kpis = null)
    {
        var timeline = _dir.Simulate(TestJourneys.Profiles(20), TestJourneys.Events(20)).Concat(extra);
        return ReportDocument.Build(_dir.Catalog, TimelineAggregator.FromTimeline(timeline, ReportPeriod.All, "<b>timeline</b>.jsonl"), kpis, new PreviewBuilder(_dir.Catalog.Templates).For);
    }

    [Fact]
    public void Write_HasNoScriptAndNoExternalResource()
    {
        var html = HtmlReportWriter.Write(Report([]));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;b&gt;timeline&lt;/b&gt;.jsonl", html);
    }

    [Fact]
    public void Write_CustomerSuppliedReasonAndSeverity_AreEscaped()
    {
        var evil = "<script>alert(1)</script>";
        var entry = new TimelineEntry { At = NodaTime.Instant.FromUtc(2026, 1, 5, 12, 0), Kind = TimelineKind.Failed, Journey = "ab", Version = 1, Step = "sms", Channel = "sms", Reason = evil, CustomerId = "x" };
        var kpis = new KpiReport(NodaTime.Instant.MinValue, NodaTime.Instant.MaxValue, [new KpiResult("k", evil, null, "-", string.Empty, null, evil)], new long[10]);
        var html = HtmlReportWriter.Write(Report([entry], kpis));
        Assert.DoesNotContain(evil, html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void Write_EmailPreview_IsInASandboxedFrame()
    {
        var html = HtmlReportWriter.Write(Report([]));
        Assert.Contains("<iframe class=\"email\" sandbox=\"\"", html);
        Assert.Contains("srcdoc=\"&lt;p&gt;Gold offer&lt;/p&gt;\"", html);
        Assert.Contains("GSM-7", html);
    }

    [Fact]
    public void Csv_OneRowPerStep()
    {
        var csv = CsvReportWriter.Write(Report([]));
        Assert.Equal(1 + 8, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("'=1+1", CsvReportWriter.Cell("=1+1"));
        Assert.Equal("\"a,b\"", CsvReportWriter.Cell("a,b"));
    }

    public void Dispose() => _dir.Dispose();
}
