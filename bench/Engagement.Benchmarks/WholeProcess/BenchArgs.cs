using System.Globalization;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary><c>--name value</c> options of the whole-process benchmarks (no positional arguments). Immutable.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values;

    private BenchArgs(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses <c>--name value</c> pairs; a name without a value means <c>true</c>.</summary>
    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    values[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}': options are --name value");
            }
        }

        if (name is not null)
        {
            values[name] = "true";
        }

        return new BenchArgs(values);
    }

    /// <summary>A string option.</summary>
    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <summary>A string option, or null when absent.</summary>
    public string? Find(string name) => _values.GetValueOrDefault(name);

    /// <summary>An integer option.</summary>
    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    /// <summary>A number option.</summary>
    public double Number(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
