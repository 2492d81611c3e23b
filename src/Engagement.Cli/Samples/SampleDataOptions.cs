using NodaTime;

namespace Engagement.Cli.Samples;

/// <summary>What <see cref="SampleDataGenerator"/> produces. Immutable.</summary>
/// <param name="Customers">Number of customers.</param>
/// <param name="Seed">Seed: the same seed always gives byte-identical files.</param>
/// <param name="Start">The first registration instant; activity spans about one year from here.</param>
public sealed record SampleDataOptions(int Customers, int Seed, Instant Start)
{
    /// <summary>The defaults behind <c>samples/</c>: 300 customers from 2026-01-05.</summary>
    public static SampleDataOptions Default { get; } = new(300, 20260105, Instant.FromUtc(2026, 1, 5, 0, 0));
}
