using System.Text;
using Engagement.Reports.Previews;

namespace Engagement.Reports.Output;

/// <summary>Message previews: email HTML in a sandboxed frame (<c>srcdoc</c>, no scripts, no same origin), SMS text with its
/// encoding and segments, push title and body.</summary>
internal static class HtmlPreviews
{
    /// <summary>The previews section as HTML, every value encoded; without <paramref name="showContent"/> only a note that
    /// rendered messages are shown to operators only.</summary>
    public static string Write(IReadOnlyList<MessagePreview> previews, bool showContent)
    {
        var sb = new StringBuilder("<h3>Message previews</h3>");
        if (!showContent)
        {
            return sb.Append("<p class=\"muted\">Rendered messages are shown to operators only.</p>").ToString();
        }

        sb.Append("<table class=\"previews\"><thead><tr><th>step</th><th>channel</th><th>locale</th><th>message</th></tr></thead><tbody>");
        foreach (var p in previews)
        {
            sb.Append($"<tr data-step=\"{Html.E(p.Step)}\" data-channel=\"{Html.E(p.Channel)}\" data-locale=\"{Html.E(p.Locale)}\"><td>{Html.E(p.Step)}</td><td>{Html.E(p.Channel)}</td><td>{Html.E(p.Locale)}</td><td>");
            if (p.Error is { } error)
            {
                sb.Append($"<span class=\"missed\">{Html.E(error)}</span>");
            }
            else if (p.Channel == "email")
            {
                sb.Append($"<b>{Html.E(p.Subject)}</b><iframe class=\"email\" sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"email preview\" srcdoc=\"{Html.E(p.Body)}\"></iframe>");
            }
            else if (p.Channel == "sms" && p.Sms is { } sms)
            {
                sb.Append($"<pre class=\"sms\">{Html.E(p.Body)}</pre><span class=\"muted sms-length\">{sms.Encoding}, {sms.Units} characters, {sms.Segments} segment{(sms.Segments == 1 ? string.Empty : "s")}</span>");
            }
            else
            {
                sb.Append($"<b>{Html.E(p.Subject)}</b><br>{Html.E(p.Body)}");
            }

            sb.Append("</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }
}
