using System.Text;
using Engagement.Journeys.Channels;

namespace Engagement.Reports.Output;

/// <summary>The per-step table as CSV (RFC 4180; a cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text).</summary>
public static class CsvReportWriter
{
    /// <summary>Header and one row per journey version and step (the delivery-report cells are empty where a step has no reports).
    /// There is a <c>sent_&lt;channel&gt;</c> column for every channel of <see cref="ChannelRegistry.Shared"/> (email, sms, push,
    /// then channels defined in configuration) and for any other channel a step sent on, after them by name.</summary>
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var steps = report.Journeys.SelectMany(j => j.Funnel.Steps);
        var channels = ChannelRegistry.Shared.Names
            .Concat(steps.SelectMany(s => s.Sent.Keys).Where(c => !ChannelRegistry.Shared.Contains(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .ToList();
        var sb = new StringBuilder("journey,version,step,type,entered,proceeded,sent,")
            .AppendJoin(',', channels.Select(c => Cell("sent_" + c)))
            .Append(",recipients,suppressed,deferred,failed,tasks,exited,goals,delivered,opened,clicked,bounced\r\n");
        foreach (var j in report.Journeys)
        {
            foreach (var s in j.Funnel.Steps)
            {
                var cells = new object?[] { j.Funnel.Definition.Id, j.Funnel.Definition.Version, s.StepId, s.Type, s.Entered, s.Proceeded, s.SentTotal }
                    .Concat(channels.Select(c => (object?)s.Sent.GetValueOrDefault(c)))
                    .Concat([s.Recipients, s.SuppressedTotal, s.Deferred, s.FailedTotal, s.Tasks, s.ExitedTotal, s.Goals,
                        s.Delivery?.Delivered, s.Delivery?.Opened, s.Delivery?.Clicked, s.Delivery?.Bounced]);
                sb.Append(string.Join(",", cells.Select(c => Cell(Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)))).Append("\r\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>One cell, quoted when needed.</summary>
    public static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !long.TryParse(text, out _))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
