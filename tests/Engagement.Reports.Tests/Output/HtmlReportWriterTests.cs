using Engagement.Engine.Timeline;
using Engagement.Journeys.Channels;
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
    public void Write_DeliveryReportsForOneStep_AddTheColumnsAndThatStepsCounts()
    {
        var timeline = _dir.Simulate(TestJourneys.Profiles(20), TestJourneys.Events(20));
        var facts = TimelineAggregator.FromTimeline(timeline, ReportPeriod.All, "t") with
        {
            Deliveries = new Dictionary<(string Journey, int Version, string Step), DeliveryCounts> { [("ab", 1, "sms")] = new(7, 5, 3, 1) },
        };
        var report = ReportDocument.Build(_dir.Catalog, facts, null, new PreviewBuilder(_dir.Catalog.Templates).For);

        var html = HtmlReportWriter.Write(report);
        var csv = CsvReportWriter.Write(report).Split("\r\n");

        Assert.Equal(new DeliveryCounts(7, 5, 3, 1), report.Journeys.Single(j => j.Funnel.Definition.Id == "ab").Funnel.Step("sms").Delivery);
        Assert.Contains("data-delivered=\"7\" data-opened=\"5\" data-clicked=\"3\" data-bounced=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("delivered 7 &#183; opened 5 &#183; clicked 3 &#183; bounced 1", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<th>delivered</th>"));
        Assert.EndsWith(",7,5,3,1", csv.Single(r => r.StartsWith("ab,1,sms,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",,,,", csv.Single(r => r.StartsWith("ab,1,pick,", StringComparison.Ordinal)), StringComparison.Ordinal);
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

    [Fact]
    public void Csv_BuiltInChannelsOnly_KeepsTheHeaderOfEmailSmsAndPush()
    {
        var header = CsvReportWriter.Write(Report([])).Split("\r\n")[0];

        Assert.Equal("journey,version,step,type,entered,proceeded,sent,sent_email,sent_sms,sent_push,recipients,suppressed,deferred,failed,tasks,exited,goals,delivered,opened,clicked,bounced", header);
    }

    [Fact]
    public void Csv_SendsOnADefinedChannelAndOnAnUnregisteredOne_GetAColumnEach()
    {
        using var isolated = ChannelRegistry.Isolate();
        ChannelRegistry.Register(new ChannelDescriptor(new Channel("pigeon"), "pigeonLoft"));
        var at = NodaTime.Instant.FromUtc(2026, 1, 5, 12, 0);
        TimelineEntry Sent(string channel, string customer) =>
            new() { At = at, Kind = TimelineKind.Sent, Journey = "ab", Version = 1, Step = "sms", Channel = channel, CustomerId = customer };

        var rows = CsvReportWriter.Write(Report([Sent("pigeon", "p1"), Sent("pigeon", "p2"), Sent("carrier", "p3")])).Split("\r\n");

        var columns = rows[0].Split(',').ToList();
        Assert.Equal(["sent_email", "sent_sms", "sent_push", "sent_pigeon", "sent_carrier", "recipients"], columns.Skip(7).Take(6));
        var sms = rows.Single(r => r.StartsWith("ab,1,sms,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(columns.Count, sms.Length);
        Assert.Equal(("2", "1"), (sms[columns.IndexOf("sent_pigeon")], sms[columns.IndexOf("sent_carrier")]));
    }

    public void Dispose() => _dir.Dispose();
}
