using BenchmarkDotNet.Running;
using Engagement.Benchmarks.WholeProcess;

namespace Engagement.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites in this assembly (<c>dotnet run -c Release --project bench/Engagement.Benchmarks -- --filter '*'</c>),
/// or a whole-process benchmark: <c>-- scheduling --customers 100000</c> <c>-- ingest --engage path/to/engage.dll</c> or <c>-- simulate-alloc --profiles … --events …</c>
/// (docs/benchmarks.md).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "scheduling":
                return await SchedulingCommand.RunAsync(BenchArgs.Parse(args.Skip(1)));
            case SchedulingChild.Verb:
                return await SchedulingChild.RunAsync(BenchArgs.Parse(args.Skip(1)));
            case BenchServe.Verb:
                return await BenchServe.RunAsync(BenchArgs.Parse(args.Skip(1)));
            case "ingest":
                return await IngestCommand.RunAsync(BenchArgs.Parse(args.Skip(1)));
            case "simulate-alloc":
                return await SimulateAllocationCommand.RunAsync(BenchArgs.Parse(args.Skip(1)));
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
