using System.CommandLine;
using System.Text;
using Engagement.Cli.Samples;
using NodaTime;

namespace Engagement.Cli.Commands;

/// <summary><c>engage samples</c>: writes deterministic sample profiles and events (the files in <c>samples/</c>, or larger sets for benchmarks).</summary>
internal static class SamplesCommand
{
    /// <summary>Builds <c>engage samples</c> with its options and action: generate sample profiles.jsonl and events.jsonl (deterministic); never overwrites without --force. Exit codes as every command's (README).</summary>
    public static Command Create()
    {
        var customers = new Option<int>("--customers") { Description = "Number of customers", DefaultValueFactory = _ => SampleDataOptions.Default.Customers };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed gives byte-identical files", DefaultValueFactory = _ => SampleDataOptions.Default.Seed };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory for profiles.jsonl and events.jsonl (default: ./samples)", DefaultValueFactory = _ => new DirectoryInfo("samples") };
        var force = new Option<bool>("--force") { Description = "Overwrite profiles.jsonl and events.jsonl when they exist" };
        var command = new Command("samples", "Generate sample profiles.jsonl and events.jsonl (deterministic); never overwrites without --force") { customers, seed, outDir, force };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(customers);
            if (n <= 0)
            {
                throw new UsageException($"--customers: {n} is not a positive number");
            }

            var dir = parse.GetValue(outDir)!;
            var existing = new[] { "profiles.jsonl", "events.jsonl" }.Select(f => Path.Combine(dir.FullName, f)).FirstOrDefault(File.Exists);
            if (existing is not null && !parse.GetValue(force))
            {
                Console.Error.WriteLine($"engage samples: {Path.GetRelativePath(Environment.CurrentDirectory, existing)} exists; nothing written (--out DIR for another folder, --force to overwrite)");
                return ExitCodes.Usage;
            }

            dir.Create();
            var options = SampleDataOptions.Default with { Customers = n, Seed = parse.GetValue(seed) };
            var utf8 = new UTF8Encoding(false);
            using var profiles = new StreamWriter(Path.Combine(dir.FullName, "profiles.jsonl"), false, utf8);
            using var events = new StreamWriter(Path.Combine(dir.FullName, "events.jsonl"), false, utf8);
            // A million customers take about 40 s: a line every 100,000 customers generated and every 1,000,000 events written.
            var count = new SampleDataGenerator(options).Write(profiles, events, p => Console.Error.WriteLine(p.ToString()));
            Console.WriteLine($"wrote {n} profiles and {count} events to {dir.FullName}");
            return 0;
        });
        return command;
    }
}
