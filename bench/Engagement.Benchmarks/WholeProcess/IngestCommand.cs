namespace Engagement.Benchmarks.WholeProcess;

/// <summary>The ingest benchmark against a running <c>engage serve</c> (needs branches local and http).</summary>
internal static class IngestCommand
{
    /// <summary>Runs the ingest benchmark.</summary>
    public static Task<int> RunAsync(BenchArgs args)
    {
        _ = args;
        Console.Error.WriteLine("ingest: needs engage serve (branches local and http)");
        return Task.FromResult(2);
    }
}
