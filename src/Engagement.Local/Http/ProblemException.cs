namespace Engagement.Local.Http;

/// <summary>Ends a request with a problem answer; thrown by request readers and caught by the pipeline.</summary>
internal sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    /// <summary>The answer to give.</summary>
    public Problem Problem { get; } = problem;
}
