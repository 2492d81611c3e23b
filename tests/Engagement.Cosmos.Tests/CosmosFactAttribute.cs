namespace Engagement.Cosmos.Tests;

/// <summary>A fact that needs the local Cosmos server: skipped, with the reason and how to start it, when
/// <c>COSMOS_EMULATOR_ENDPOINT</c> is not set.</summary>
public sealed class CosmosFactAttribute : FactAttribute
{
    /// <inheritdoc />
    public override string? Skip
    {
        get => LocalCosmos.Endpoint is null ? LocalCosmos.SkipReason : base.Skip;
        set => base.Skip = value;
    }
}
