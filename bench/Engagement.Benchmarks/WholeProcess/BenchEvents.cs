using System.Globalization;

namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The benchmark's input: one <c>customer.registered</c> event per customer (email, locale en, time zone UTC),
/// which creates the profile and enrolls the customer in the benchmark journey.</summary>
internal static class BenchEvents
{
    /// <summary>The customer id of customer <paramref name="i"/> in run <paramref name="run"/>.</summary>
    public static string CustomerId(string run, int i) => run + "c" + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>One NDJSON event line for customer <paramref name="i"/>, stamped <paramref name="time"/>.</summary>
    public static string Line(string run, int i, DateTime time)
    {
        var customer = CustomerId(run, i);
        var at = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var id = run + "e" + i.ToString("D7", CultureInfo.InvariantCulture);
        return "{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"customerId\":\"" + customer + "\",\"time\":\"" + at
            + "\",\"data\":{\"email\":\"" + customer + "@example.com\",\"locale\":\"en\",\"timezone\":\"UTC\"}}";
    }
}
