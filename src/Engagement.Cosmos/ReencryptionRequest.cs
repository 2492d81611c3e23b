namespace Engagement.Cosmos;

/// <summary>How far a <see cref="CosmosReencryptor"/> run goes.</summary>
public sealed record ReencryptionRequest
{
    /// <summary>Go on where a run stopped (its <see cref="ReencryptionReport.Resume"/>); null: from the start.</summary>
    public string? Resume { get; init; }

    /// <summary>Stop after the page during which this much time has passed (null: run to the end).</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Documents per read feed page. Default 100.</summary>
    public int PageSize { get; init; } = 100;
}
