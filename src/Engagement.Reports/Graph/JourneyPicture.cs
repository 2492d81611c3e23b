using System.Text;
using Engagement.Journeys.Definitions;
using Engagement.Reports.Funnel;
using Engagement.Reports.Output;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;

namespace Engagement.Reports.Graph;

/// <summary>
/// Draws a journey as SVG: MSAGL's layered (Sugiyama) layout places one box per step and routes the arrows with their labels;
/// the SVG is written from that geometry, so the picture is made on the server and needs no script. Boxes carry
/// <c>data-step</c> and the counts as <c>data-*</c> attributes; every text is escaped.
/// </summary>
public static class JourneyPicture
{
    private const double CharWidth = 6.8;
    private const double LineHeight = 15;
    private const double Pad = 8;

    /// <summary>The SVG of a journey; <paramref name="funnel"/> null draws it without counts.</summary>
    public static string Svg(JourneyDefinition d, JourneyFunnel? funnel)
    {
        var graph = new GeometryGraph();
        var nodes = new Dictionary<string, (Node Node, IReadOnlyList<string> Lines)>(StringComparer.Ordinal);
        foreach (var step in StepTypes.InFileOrder(d))
        {
            var lines = NodeLines.Of(step, funnel?.Step(step.Id));
            var width = lines.Max(l => l.Length) * CharWidth + 2 * Pad;
            var height = lines.Count * LineHeight + 2 * Pad;
            var node = new Node(CurveFactory.CreateRectangleWithRoundedCorners(width, height, 6, 6, new Point()), step.Id);
            graph.Nodes.Add(node);
            nodes[step.Id] = (node, lines);
        }

        var flows = funnel?.Edges ?? FunnelBuilder.Edges(d).Select(e => new EdgeFlow(e.From, e.To, e.Label, 0)).ToList();
        var edges = new List<(Edge Edge, EdgeFlow Flow, string Text)>();
        foreach (var flow in flows)
        {
            var text = funnel is null ? flow.Label : flow.Label.Length == 0 ? Html.N(flow.Count) : $"{flow.Label} · {Html.N(flow.Count)}";
            var edge = new Edge(nodes[flow.From].Node, nodes[flow.To].Node);
            if (text.Length > 0)
            {
                edge.Label = new Label(text.Length * CharWidth + 4, LineHeight, edge);
            }

            graph.Edges.Add(edge);
            edges.Add((edge, flow, text));
        }

        var settings = new SugiyamaLayoutSettings { NodeSeparation = 30, LayerSeparation = 40 };
        LayoutHelpers.CalculateLayout(graph, settings, null);
        graph.UpdateBoundingBox();
        var box = graph.BoundingBox;
        double X(double x) => x - box.Left + 10;
        double Y(double y) => box.Top - y + 10;

        var id = "j-" + Slug(d.Id);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey\" role=\"img\" aria-label=\"{Html.E(d.Name)}\" data-journey=\"{Html.E(d.Id)}\" ")
            .Append($"width=\"{Html.F(box.Width + 20)}\" height=\"{Html.F(box.Height + 20)}\" viewBox=\"0 0 {Html.F(box.Width + 20)} {Html.F(box.Height + 20)}\">")
            .Append($"<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>");
        foreach (var (edge, flow, text) in edges)
        {
            svg.Append($"<g class=\"edge\" data-from=\"{Html.E(flow.From)}\" data-to=\"{Html.E(flow.To)}\" data-count=\"{flow.Count}\">")
                .Append($"<path d=\"{Path(edge.Curve, X, Y)}\" marker-end=\"url(#{id}-arrow)\"/>");
            if (edge.Label is { } label && text.Length > 0)
            {
                svg.Append($"<text x=\"{Html.F(X(label.Center.X))}\" y=\"{Html.F(Y(label.Center.Y) + 4)}\" text-anchor=\"middle\">{Html.E(text)}</text>");
            }

            svg.Append("</g>");
        }

        foreach (var step in StepTypes.InFileOrder(d))
        {
            var (node, lines) = nodes[step.Id];
            var b = node.BoundingBox;
            var f = funnel?.Step(step.Id);
            svg.Append($"<g class=\"node {StepTypes.Of(step)}\" data-step=\"{Html.E(step.Id)}\" data-type=\"{StepTypes.Of(step)}\"");
            if (f is not null)
            {
                svg.Append($" data-entered=\"{f.Entered}\" data-proceeded=\"{f.Proceeded}\" data-sent=\"{f.SentTotal}\" data-suppressed=\"{f.SuppressedTotal}\" data-exited=\"{f.ExitedTotal}\" data-goals=\"{f.Goals}\"");
                if (f.Delivery is { } r)
                {
                    svg.Append($" data-delivered=\"{r.Delivered}\" data-opened=\"{r.Opened}\" data-clicked=\"{r.Clicked}\" data-bounced=\"{r.Bounced}\"");
                }
            }

            svg.Append($"><rect x=\"{Html.F(X(b.Left))}\" y=\"{Html.F(Y(b.Top))}\" width=\"{Html.F(b.Width)}\" height=\"{Html.F(b.Height)}\" rx=\"6\"/>");
            for (var i = 0; i < lines.Count; i++)
            {
                var cls = i == 0 ? "id" : i == 1 ? "type" : "count";
                svg.Append($"<text class=\"{cls}\" x=\"{Html.F(X(b.Left) + Pad)}\" y=\"{Html.F(Y(b.Top) + Pad + (i + 1) * LineHeight - 4)}\">{Html.E(lines[i])}</text>");
            }

            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Path(ICurve? curve, Func<double, double> x, Func<double, double> y)
    {
        if (curve is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append($"M{Html.F(x(curve.Start.X))},{Html.F(y(curve.Start.Y))}");
        var segments = curve is Curve c ? c.Segments : [curve];
        foreach (var s in segments)
        {
            switch (s)
            {
                case CubicBezierSegment bz:
                    sb.Append($" C{Html.F(x(bz.B(1).X))},{Html.F(y(bz.B(1).Y))} {Html.F(x(bz.B(2).X))},{Html.F(y(bz.B(2).Y))} {Html.F(x(bz.B(3).X))},{Html.F(y(bz.B(3).Y))}");
                    break;
                default:
                    for (var i = 1; i <= 8; i++)
                    {
                        var p = s[s.ParStart + (s.ParEnd - s.ParStart) * i / 8];
                        sb.Append($" L{Html.F(x(p.X))},{Html.F(y(p.Y))}");
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>An id usable in SVG references.</summary>
    public static string Slug(string text) => new(text.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
