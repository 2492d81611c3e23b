using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace Engagement.Local.Channels;

/// <summary>Tells HTML bodies from plain ones, and makes the plain-text alternative of an HTML email.</summary>
internal static partial class HtmlText
{
    /// <summary>True when the body contains an HTML document marker or a common HTML element tag (so "a &lt; b" stays plain text).</summary>
    public static bool LooksLikeHtml(string body) => HtmlTag().IsMatch(body);

    /// <summary>Readable text of <paramref name="html"/>: blocks on their own lines, list items with "- ", links as "label (url)", no script, style or head.</summary>
    public static string ToPlainText(string html)
    {
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var text = new PlainTextWriter();
        var hidden = 0;
        string? href = null;
        var linkStart = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlDataToken data && token.Kind == HtmlTokenKind.Data)
            {
                if (hidden == 0) text.Write(data.Data);
                continue;
            }

            if (token is not HtmlTagToken tag) continue;
            switch (tag.Id)
            {
                case HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title:
                    if (tag.IsEndTag) hidden = Math.Max(0, hidden - 1);
                    else if (!tag.IsEmptyElement) hidden++;
                    break;
                case HtmlTagId.Br:
                    text.Line(1);
                    break;
                case HtmlTagId.LI when !tag.IsEndTag:
                    text.Line(1);
                    text.Write("- ");
                    break;
                case HtmlTagId.P or HtmlTagId.Div or HtmlTagId.Table or HtmlTagId.UL or HtmlTagId.OL or HtmlTagId.BlockQuote or HtmlTagId.HR
                    or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.H4 or HtmlTagId.H5 or HtmlTagId.H6:
                    text.Line(2);
                    break;
                case HtmlTagId.TR or HtmlTagId.LI:
                    text.Line(1);
                    break;
                case HtmlTagId.TD or HtmlTagId.TH when tag.IsEndTag:
                    text.Write(" ");
                    break;
                case HtmlTagId.Image when !tag.IsEndTag:
                    if (tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Alt)?.Value is { Length: > 0 } alt) text.Write(alt);
                    break;
                case HtmlTagId.A when !tag.IsEndTag:
                    href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                    linkStart = text.Length;
                    break;
                case HtmlTagId.A:
                    if (href is not null && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                        && text.Since(linkStart).Trim() != href)
                    {
                        text.Write(" (" + href + ")");
                    }

                    href = null;
                    break;
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"<(?:!doctype\s+html|html|head|body|p|div|br|hr|table|tr|td|th|a\s|span|h[1-6]|img|ul|ol|li|strong|em|b|i|u|center|font|style|meta)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    /// <summary>Collapses whitespace as a browser does and keeps at most two line breaks in a row.</summary>
    private sealed class PlainTextWriter
    {
        private readonly StringBuilder _text = new();

        public int Length => _text.Length;

        public string Since(int start) => _text.ToString(start, _text.Length - start);

        public void Write(string data)
        {
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c) && c != '\u00a0')
                {
                    if (_text.Length > 0 && _text[^1] != ' ' && _text[^1] != '\n') _text.Append(' ');
                }
                else
                {
                    _text.Append(c);
                }
            }
        }

        public void Line(int breaks)
        {
            while (_text.Length > 0 && _text[^1] == ' ') _text.Length--;
            if (_text.Length == 0) return;
            var existing = 0;
            for (var i = _text.Length - 1; i >= 0 && _text[i] == '\n'; i--) existing++;
            for (; existing < breaks; existing++) _text.Append('\n');
        }

        public override string ToString() => _text.ToString().Trim() + "\n";
    }
}
