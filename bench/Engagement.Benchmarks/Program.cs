using BenchmarkDotNet.Running;

namespace Engagement.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites in this assembly: <c>dotnet run -c Release --project bench/Engagement.Benchmarks -- --filter '*'</c>.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
