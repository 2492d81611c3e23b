namespace Engagement.Cli.Samples;

/// <summary>Progress of <see cref="SampleDataGenerator.Write(TextWriter, TextWriter, Action{SampleProgress}?)"/>: customers
/// generated (their profiles written, their events sorted in runs), then event lines written in time order. Immutable.</summary>
/// <param name="Customers">Customers generated so far.</param>
/// <param name="CustomersInAll">Customers to generate.</param>
/// <param name="EventsWritten">Event lines written so far (0 while customers are generated).</param>
/// <param name="EventsInAll">Event lines to write (known once every customer is generated; 0 before).</param>
public readonly record struct SampleProgress(long Customers, long CustomersInAll, long EventsWritten, long EventsInAll)
{
    /// <summary>Customers between two reports while generating.</summary>
    public const int CustomersEvery = 100_000;

    /// <summary>Event lines between two reports while writing.</summary>
    public const int EventsEvery = 1_000_000;

    /// <summary>One line for a log: <c>samples: 300,000 of 1,000,000 customers generated</c>, then
    /// <c>samples: 2,000,000 of 7,316,893 events written</c>.</summary>
    public override string ToString() => EventsInAll > 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"samples: {EventsWritten:N0} of {EventsInAll:N0} events written")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"samples: {Customers:N0} of {CustomersInAll:N0} customers generated");
}
