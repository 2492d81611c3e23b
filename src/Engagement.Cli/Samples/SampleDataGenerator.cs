using System.Globalization;
using Newtonsoft.Json;
using NodaTime;
using NodaTime.Text;

namespace Engagement.Cli.Samples;

/// <summary>
/// Generates realistic, deterministic retail data: profiles (mixed zh-CN and en, several time zones, tiers, consents,
/// birthdays including 29 February) and a year of lifecycle events (registrations, orders with customers who go silent or
/// churn, complaints with responses, resolutions and survey answers, churn-risk signals, tier upgrades, consent changes),
/// plus a few duplicates and one invalid line so the timeline shows how they are handled.
/// </summary>
/// <remarks>Contact details are fictitious (example.com addresses, reserved-looking numbers).</remarks>
public sealed class SampleDataGenerator
{
    private static readonly (string Zone, string Country, double Share)[] Zones =
    [
        ("Asia/Shanghai", "CN", 0.55), ("Asia/Hong_Kong", "HK", 0.1), ("Europe/London", "GB", 0.12),
        ("America/New_York", "US", 0.13), ("Australia/Sydney", "AU", 0.1),
    ];

    private static readonly string[] Tiers = ["Ordinary", "Silver", "Gold", "Diamond"];
    private static readonly string[] Severities = ["routine", "routine", "routine", "complex", "urgent"];
    private readonly SampleDataOptions _options;

    /// <summary>Creates a generator.</summary>
    public SampleDataGenerator(SampleDataOptions options) => _options = options;

    /// <summary>Events held in memory before a sorted run of them is spilled to a temporary file (so a million customers stream).</summary>
    internal int ChunkSize { get; init; } = 1_000_000;

    /// <summary>Customers between two progress reports while generating.</summary>
    internal int CustomersPerReport { get; init; } = SampleProgress.CustomersEvery;

    /// <summary>Event lines between two progress reports while writing.</summary>
    internal int EventsPerReport { get; init; } = SampleProgress.EventsEvery;

    /// <summary>Writes <c>profiles.jsonl</c> and <c>events.jsonl</c> lines to the writers; returns the number of event lines.
    /// Events are sorted in runs of <see cref="ChunkSize"/> spilled to temporary files and merged, so memory stays bounded.
    /// <paramref name="progress"/> (optional) hears every <see cref="SampleProgress.CustomersEvery"/> customers generated and
    /// every <see cref="SampleProgress.EventsEvery"/> event lines written (the lines' count, the invalid one included).</summary>
    public int Write(TextWriter profiles, TextWriter events, Action<SampleProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(events);
        var random = new Random(_options.Seed);
        var chunk = new List<(Instant Time, int Order, string Line)>();
        var runs = new List<string>();
        var order = 0;
        try
        {
            for (var i = 1; i <= _options.Customers; i++)
            {
                var customer = new SampleCustomer(random, i, _options.Start);
                profiles.Write(customer.ProfileLine());
                profiles.Write('\n');
                foreach (var (time, line) in customer.Events(random))
                {
                    chunk.Add((time, order++, line));
                    if (chunk.Count >= ChunkSize)
                    {
                        runs.Add(Spill(chunk));
                    }
                }

                if (i % CustomersPerReport == 0)
                {
                    progress?.Invoke(new SampleProgress(i, _options.Customers, 0, 0));
                }
            }

            chunk.Sort(Compare);
            var sorted = runs.Count == 0 ? chunk : Merge(runs.Select(Read).Append(chunk));
            var lines = order > 10 ? order + 2 : order;
            WriteWithRealities(sorted, order, events, EventsPerReport, progress is null ? null : written =>
                progress(new SampleProgress(_options.Customers, _options.Customers, written, lines)));
            return lines;
        }
        finally
        {
            foreach (var run in runs)
            {
                File.Delete(run);
            }
        }
    }

    /// <summary>A few realities of CRM feeds: an exact duplicate delivery (after the event at a third of the file), and a line
    /// that is not a valid event (before the middle one), as if inserted into the sorted list.</summary>
    private static void WriteWithRealities(IEnumerable<(Instant Time, int Order, string Line)> sorted, int count, TextWriter events, int every, Action<long>? linesWritten)
    {
        var duplicateAt = count > 10 ? count / 3 : -1;
        var brokenAt = count > 10 ? (count + 1) / 2 : -1;
        var written = 0; // index in the list with the duplicate inserted
        var lines = 0L; // every line, the broken one included
        var nextReport = (long)every;
        string? previous = null;
        var index = 0;
        void Emit(string line)
        {
            if (written == brokenAt)
            {
                events.Write("{\"id\":\"evt-broken-1\",\"type\":\"order.placed\",\"time\":\"2026-05-01T10:00:00Z\",\"data\":{\"amount\":120}}");
                events.Write('\n');
                lines++;
            }

            events.Write(line);
            events.Write('\n');
            written++;
            if (++lines >= nextReport)
            {
                linesWritten?.Invoke(lines);
                nextReport += every;
            }
        }

        foreach (var e in sorted)
        {
            if (index++ == duplicateAt)
            {
                Emit(previous!);
            }

            Emit(e.Line);
            previous = e.Line;
        }
    }

    private static int Compare((Instant Time, int Order, string) a, (Instant Time, int Order, string) b) =>
        a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order);

    private static string Spill(List<(Instant Time, int Order, string Line)> chunk)
    {
        chunk.Sort(Compare);
        var path = Path.GetTempFileName();
        using (var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
        {
            foreach (var (time, order, line) in chunk)
            {
                w.Write(time.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(order.ToString(CultureInfo.InvariantCulture));
                w.Write('\t');
                w.Write(line);
                w.Write('\n');
            }
        }

        chunk.Clear();
        return path;
    }

    private static IEnumerable<(Instant Time, int Order, string Line)> Read(string path)
    {
        foreach (var text in File.ReadLines(path))
        {
            var a = text.IndexOf('\t', StringComparison.Ordinal);
            var b = text.IndexOf('\t', a + 1);
            yield return (Instant.FromUnixTimeTicks(long.Parse(text.AsSpan(0, a), CultureInfo.InvariantCulture)),
                int.Parse(text.AsSpan(a + 1, b - a - 1), CultureInfo.InvariantCulture), text[(b + 1)..]);
        }
    }

    private static IEnumerable<(Instant Time, int Order, string Line)> Merge(IEnumerable<IEnumerable<(Instant Time, int Order, string Line)>> runs)
    {
        var heads = new PriorityQueue<IEnumerator<(Instant Time, int Order, string Line)>, (Instant, int)>();
        var all = runs.Select(r => r.GetEnumerator()).ToList();
        try
        {
            foreach (var run in all.Where(r => r.MoveNext()))
            {
                heads.Enqueue(run, (run.Current.Time, run.Current.Order));
            }

            while (heads.TryDequeue(out var run, out _))
            {
                yield return run.Current;
                if (run.MoveNext())
                {
                    heads.Enqueue(run, (run.Current.Time, run.Current.Order));
                }
            }
        }
        finally
        {
            all.ForEach(r => r.Dispose());
        }
    }

    internal static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    internal static string Json(Action<JsonTextWriter> write)
    {
        var sb = new StringWriter(CultureInfo.InvariantCulture);
        using (var w = new JsonTextWriter(sb) { Formatting = Formatting.None })
        {
            write(w);
        }

        return sb.ToString();
    }

    internal static (string Zone, string Country) PickZone(Random random)
    {
        var x = random.NextDouble();
        foreach (var (zone, country, share) in Zones)
        {
            if ((x -= share) < 0)
            {
                return (zone, country);
            }
        }

        return (Zones[0].Zone, Zones[0].Country);
    }

    internal static string PickTier(Random random) => Tiers[random.NextDouble() switch { < 0.55 => 0, < 0.8 => 1, < 0.95 => 2, _ => 3 }];

    internal static string PickSeverity(Random random) => Severities[random.Next(Severities.Length)];
}
