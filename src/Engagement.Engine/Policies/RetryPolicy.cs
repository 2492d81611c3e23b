using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Policies;

/// <summary>
/// Retries of transient provider failures: exponential backoff with a deterministic jitter derived from the ledger key (no
/// random numbers, so replays wait the same). Immutable.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included (at least 1).</param>
/// <param name="BaseDelay">Delay before the second attempt, doubled each time.</param>
/// <param name="MaxDelay">Upper bound of one delay.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>4 attempts, 1 s base, 30 s ceiling.</summary>
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1-based): <c>min(max, base·2^(attempt-1))</c> scaled by a
    /// jitter factor in [0.5, 1.0) taken from a stable hash of (ledger key, attempt).
    /// </summary>
    public TimeSpan DelayAfter(int attempt, string ledgerKey)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var bucket = StableHash.Bucket(1000, ledgerKey, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var factor = 0.5 + (bucket / 2000.0);
        return TimeSpan.FromMilliseconds(Math.Round(capped * factor));
    }
}
