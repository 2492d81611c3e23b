using System.Xml.Linq;
using Engagement.Reports.Facts;
using Engagement.Reports.Funnel;
using Engagement.Reports.Graph;

namespace Engagement.Reports.Tests.Graph;

/// <summary>The SVG picture and the Mermaid text of a journey.</summary>
public sealed class JourneyPictureTests : IDisposable
{
    private readonly JourneyDirectory _dir = TestJourneys.Directory();

    [Fact]
    public void Svg_OneNodePerStepWithTheFunnelCounts()
    {
        var d = _dir.Catalog.Get("ab", 1);
        var funnel = FunnelBuilder.Build(d, TimelineAggregator.FromTimeline(_dir.Simulate(TestJourneys.Profiles(30), TestJourneys.Events(30)), ReportPeriod.All, "t"));
        var svg = XDocument.Parse(JourneyPicture.Svg(d, funnel));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var nodes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("data-step") is not null).ToList();
        Assert.Equal(d.Steps.Keys.Order(), nodes.Select(n => (string)n.Attribute("data-step")!).Order());
        foreach (var n in nodes)
        {
            Assert.Equal(funnel.Step((string)n.Attribute("data-step")!).Entered, (long)n.Attribute("data-entered")!);
        }

        var edges = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "edge").ToList();
        Assert.Equal(funnel.Edges.Count, edges.Count);
        Assert.All(edges, e => Assert.StartsWith("M", (string)e.Element(ns + "path")!.Attribute("d")!));
        Assert.Equal("A/B <test>", (string)svg.Root!.Attribute("aria-label")!);
    }

    [Fact]
    public void Mermaid_QuotesLabelsAndUsesGeneratedNodeIds()
    {
        var text = MermaidWriter.Write(_dir.Catalog.Get("ab", 1));
        Assert.StartsWith("---\ntitle: A/B #60;test#62; #40;ab v1#41;\n---\nflowchart TD\n", text);
        Assert.Contains("    s0{\"pick<br/>split\"}\n", text);
        Assert.Contains(" -->|\"a #40;50%#41;\"| s1\n", text);
        Assert.Contains("-->|\"profile.tier == 'Gold'\"|", text);
        Assert.Equal(8, text.Split('\n').Count(l => l.StartsWith("    s", StringComparison.Ordinal) && !l.Contains("-->", StringComparison.Ordinal)));
    }

    public void Dispose() => _dir.Dispose();
}
