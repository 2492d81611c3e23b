namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// The <c>hangfire-sqlite</c> child of the scheduling benchmark: <c>scheduling-child --system hangfire-sqlite --customers N
/// [--delay 2] [--timeout 600] [--workers N] [--poll 1] [--queue-poll 1]</c>, started by <c>Engagement.Benchmarks scheduling
/// --systems hangfire-sqlite</c>; prints one <see cref="SchedulingResult"/> JSON line last.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() != "scheduling-child")
        {
            await Console.Error.WriteLineAsync("usage: scheduling-child --system hangfire-sqlite --customers N (run by Engagement.Benchmarks scheduling)");
            return 2;
        }

        var options = BenchArgs.Parse(args.Skip(1));
        var customers = options.Int("customers", 100_000);
        var sut = new HangfireSqliteScheduling(customers, options.Int("workers", 0), options.Number("poll", 1), options.Number("queue-poll", 1));
        return await SchedulingMeasure.RunAsync("hangfire-sqlite", sut, customers, options);
    }
}
