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

    /// <summary>Writes <c>profiles.jsonl</c> and <c>events.jsonl</c> lines to the writers; returns the number of event lines.</summary>
    public int Write(TextWriter profiles, TextWriter events)
    {
        var random = new Random(_options.Seed);
        var allEvents = new List<(Instant Time, int Order, string Line)>();
        var order = 0;
        for (var i = 1; i <= _options.Customers; i++)
        {
            var customer = new SampleCustomer(random, i, _options.Start);
            profiles.Write(customer.ProfileLine());
            profiles.Write('\n');
            foreach (var (time, line) in customer.Events(random))
            {
                allEvents.Add((time, order++, line));
            }
        }

        allEvents.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));

        // A few realities of CRM feeds: an exact duplicate delivery, and a line that is not a valid event.
        if (allEvents.Count > 10)
        {
            allEvents.Insert(allEvents.Count / 3, allEvents[allEvents.Count / 3 - 1]);
            allEvents.Insert(allEvents.Count / 2, (allEvents[allEvents.Count / 2].Time, -1,
                "{\"id\":\"evt-broken-1\",\"type\":\"order.placed\",\"time\":\"2026-05-01T10:00:00Z\",\"data\":{\"amount\":120}}"));
        }

        foreach (var e in allEvents)
        {
            events.Write(e.Line);
            events.Write('\n');
        }

        return allEvents.Count;
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
