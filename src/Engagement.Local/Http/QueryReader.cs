using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Http;

/// <summary>
/// Reads and checks query parameters strictly: unknown or repeated parameters and bad values are faults naming the
/// parameter (<c>limit: expected a whole number from 1 to 1000</c>); <see cref="ThrowIfInvalid"/> answers all of them at once.
/// </summary>
internal sealed class QueryReader
{
    public const int MaxTextLength = 256;

    private readonly IQueryCollection _query;
    private readonly List<ProblemError> _errors = [];

    public QueryReader(IQueryCollection query, params string[] allowed)
    {
        _query = query;
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                _errors.Add(new ProblemError(name, allowed.Length == 0
                    ? "unknown query parameter: this route takes none"
                    : $"unknown query parameter: expected {string.Join(", ", allowed)}"));
            }
            else if (values.Count > 1)
            {
                _errors.Add(new ProblemError(name, "given more than once: give it once"));
            }
        }
    }

    public int Int(string name, int min, int max, int defaultValue)
    {
        var text = Single(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add(new ProblemError(name, $"expected a whole number from {min} to {max}"));
        return defaultValue;
    }

    public long Long(string name, long min, long defaultValue)
    {
        var text = Single(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min)
        {
            return value;
        }

        _errors.Add(new ProblemError(name, $"expected a whole number from {min} to {long.MaxValue}"));
        return defaultValue;
    }

    public string? Text(string name)
    {
        var text = Single(name);
        if (text is null)
        {
            return null;
        }

        if (text.Length is > 0 and <= MaxTextLength && !text.Any(char.IsControl))
        {
            return text;
        }

        _errors.Add(new ProblemError(name, $"expected text of 1 to {MaxTextLength} characters"));
        return null;
    }

    public string? OneOf(string name, params string[] values)
    {
        var text = Single(name);
        if (text is null || values.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        _errors.Add(new ProblemError(name, $"expected one of {string.Join(", ", values)}"));
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ProblemException(Problem.InvalidQuery(_errors));
        }
    }

    private string? Single(string name) =>
        _query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
