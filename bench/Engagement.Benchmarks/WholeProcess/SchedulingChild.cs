namespace Engagement.Benchmarks.WholeProcess;

/// <summary>
/// One system of the delayed-send benchmark, in its own process so that memory figures are separate: starts the system,
/// schedules <c>--customers</c> messages in batches of 1,000, each due <c>--delay</c> seconds after its scheduling call,
/// waits until all fired (at most <c>--timeout</c> seconds) and prints a <see cref="SchedulingResult"/> as the last line
/// (the measuring is <see cref="SchedulingMeasure"/>).
/// </summary>
internal static class SchedulingChild
{
    /// <summary>The hidden verb the orchestrator starts children with.</summary>
    public const string Verb = "scheduling-child";

    /// <summary>Runs one system; 0 when all messages fired.</summary>
    public static Task<int> RunAsync(BenchArgs args)
    {
        var system = args.Get("system", "engine");
        var customers = args.Int("customers", 100_000);
        return SchedulingMeasure.RunAsync(system, Create(system, customers, args), customers, args);
    }

    private static ISchedulingSystem Create(string system, int customers, BenchArgs args) => system switch
    {
        "hangfire" => new HangfireScheduling(customers, args.Int("workers", 0), args.Number("poll", 1)),
        "quartz" => new QuartzScheduling(customers, args.Int("threads", 10), args.Int("batch", 1)),
        "quartz-sqlite" => new QuartzSqliteScheduling(customers, args.Int("threads", 10), args.Int("batch", 1)),
        "engine" => new EngineScheduling(customers),
        "engagement" => new EmbeddedHostScheduling(customers, args.Find("db")),
        _ => throw new ArgumentException($"unknown system '{system}': hangfire, quartz, quartz-sqlite, engine or engagement (hangfire-sqlite runs in its own assembly)"),
    };
}
