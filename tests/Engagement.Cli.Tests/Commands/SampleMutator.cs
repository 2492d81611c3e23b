using System.Text;
using System.Text.RegularExpressions;

namespace Engagement.Cli.Tests.Commands;

/// <summary>
/// A seeded mutation fuzzer for event lines: byte flips, truncations, extreme and wrong-typed values, far past and far
/// future times. Knows which of its mutations can never make a valid, plausible event (those lines must be rejected).
/// </summary>
internal sealed partial class SampleMutator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The mutated lines, and the 1-based numbers of the lines mutated and of those certain to be invalid.</summary>
    public (List<string> Lines, HashSet<int> Mutated, HashSet<int> CertainlyBad) Mutate(IReadOnlyList<string> lines, double share)
    {
        var result = lines.ToList();
        var mutated = new HashSet<int>();
        var bad = new HashSet<int>();
        for (var i = 1; i < result.Count; i++) // the first line stays: it anchors the streamed reference time
        {
            if (_random.NextDouble() >= share)
            {
                continue;
            }

            var (line, certain) = MutateOne(result[i]);
            result[i] = line;
            mutated.Add(i + 1);
            if (certain)
            {
                bad.Add(i + 1);
            }
        }

        return (result, mutated, bad);
    }

    private (string Line, bool CertainlyBad) MutateOne(string line)
    {
        switch (_random.Next(10))
        {
            case 0:
            case 1:
                var bytes = Encoding.UTF8.GetBytes(line);
                bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
                return (Encoding.UTF8.GetString(bytes).Replace('\n', ' ').Replace('\r', ' '), false);
            case 2:
                return (line[..(1 + _random.Next(line.Length - 2))], true); // an object without its closing brace
            case 3:
                return (Time().Replace(line, "\"time\":\"9999-12-31T23:59:59Z\"", 1), true);
            case 4:
                return (Time().Replace(line, "\"time\":\"0001-01-01T00:00:00Z\"", 1), true);
            case 5:
                return (Year().Replace(line, "\"time\":\"8026-", 1), true);
            case 6:
                return (Time().Replace(line, "\"time\":1767225600", 1), true);
            case 7:
                return (Customer().Replace(line, "\"customerId\":{\"nested\":[1,2,3]}", 1), true);
            case 8:
                return (line.Replace("\"data\":{", "\"data\":{\"huge\":1e308,\"tiny\":-1e308,\"long\":\"" + new string('x', 10_000) + "\",", StringComparison.Ordinal), false);
            default:
                return (_random.Next(3) switch { 0 => "{}", 1 => "[]", _ => "null" }, true);
        }
    }

    [GeneratedRegex("\"time\":\"[^\"]*\"")]
    private static partial Regex Time();

    [GeneratedRegex("\"time\":\"\\d{4}-")]
    private static partial Regex Year();

    [GeneratedRegex("\"customerId\":\"[^\"]*\"")]
    private static partial Regex Customer();
}
