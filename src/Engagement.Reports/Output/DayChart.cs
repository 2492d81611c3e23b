using System.Text;
using Engagement.Reports.Funnel;

namespace Engagement.Reports.Output;

/// <summary>Entries, sends and goals per day as an inline SVG line chart (no script; a <c>title</c> per point gives the numbers).</summary>
public static class DayChart
{
    private const double Width = 720, Height = 160, Left = 48, Bottom = 22, Top = 10;

    /// <summary>The chart, or a sentence when there are no days.</summary>
    public static string Svg(IReadOnlyList<DayCounts> days)
    {
        if (days.Count == 0)
        {
            return "<p class=\"muted\">Nothing happened in the period.</p>";
        }

        var max = Math.Max(1, days.Max(d => Math.Max(d.Entered, Math.Max(d.Sent, d.Goals))));
        var step = days.Count > 1 ? (Width - Left - 10) / (days.Count - 1) : 0;
        double X(int i) => Left + i * step;
        double Y(long v) => Top + (Height - Top - Bottom) * (1 - (double)v / max);
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"days\" role=\"img\" aria-label=\"entries, sends and goals per day\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        sb.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Html.F(Y(0))}\" x2=\"{Width - 5}\" y2=\"{Html.F(Y(0))}\"/>");
        sb.Append($"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Html.F(Y(max) + 4)}\" text-anchor=\"end\">{Html.N(max)}</text><text class=\"tick\" x=\"{Left - 4}\" y=\"{Html.F(Y(0))}\" text-anchor=\"end\">0</text>");
        sb.Append($"<text class=\"tick\" x=\"{Left}\" y=\"{Height - 6}\">{Html.E(days[0].Day)}</text><text class=\"tick\" x=\"{Width - 5}\" y=\"{Height - 6}\" text-anchor=\"end\">{Html.E(days[^1].Day)}</text>");
        foreach (var (name, value) in new (string, Func<DayCounts, long>)[] { ("entered", d => d.Entered), ("sent", d => d.Sent), ("goals", d => d.Goals) })
        {
            sb.Append($"<polyline class=\"series {name}\" points=\"");
            for (var i = 0; i < days.Count; i++)
            {
                sb.Append(Html.F(X(i))).Append(',').Append(Html.F(Y(value(days[i])))).Append(' ');
            }

            sb.Append("\"/>");
        }

        sb.Append("<g class=\"points\">");
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            sb.Append($"<rect x=\"{Html.F(X(i) - Math.Max(1, step / 2))}\" y=\"{Top}\" width=\"{Html.F(Math.Max(2, step))}\" height=\"{Height - Top - Bottom}\"><title>{Html.E(d.Day)}: entered {Html.N(d.Entered)}, sent {Html.N(d.Sent)}, goals {Html.N(d.Goals)}</title></rect>");
        }

        return sb.Append("</g></svg>").ToString();
    }
}
