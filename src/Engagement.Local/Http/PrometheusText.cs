using System.Globalization;
using System.Text;

namespace Engagement.Local.Http;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4): one <c># HELP</c> and <c># TYPE</c> line per metric
/// family, then its samples. Names are fixed by the caller; label values are escaped (backslash, double quote, line feed).</summary>
internal sealed class PrometheusText
{
    /// <summary>The content type Prometheus expects for this format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    /// <summary>Starts a metric family: <paramref name="type"/> is <c>counter</c> or <c>gauge</c>.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    /// <summary>One sample of the current family, with an optional single label.</summary>
    public PrometheusText Sample(string name, double value, string? label = null, string? labelValue = null)
    {
        _text.Append(name);
        if (label is not null)
        {
            _text.Append('{').Append(label).Append("=\"").Append(Escape(labelValue ?? "")).Append("\"}");
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A family with one unlabelled sample.</summary>
    public PrometheusText Single(string name, string type, string help, double value) => Family(name, type, help).Sample(name, value);

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    private static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
