namespace Engagement.Functions.Tests;

/// <summary>A fact that needs the local Cosmos-compatible server (<c>COSMOS_EMULATOR_ENDPOINT</c>, exported by
/// <c>scripts/services.sh</c>, which ./test.sh sources): skipped with the reason and how to start it when the variable is unset.</summary>
public sealed class LocalCosmosFactAttribute : FactAttribute
{
    /// <summary>The variable scripts/services.sh exports.</summary>
    public const string EndpointVariable = "COSMOS_EMULATOR_ENDPOINT";

    /// <summary>The server's endpoint, or null.</summary>
    public static string? Endpoint => Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } e ? e : null;

    /// <inheritdoc />
    public override string? Skip
    {
        get => Endpoint is null
            ? EndpointVariable + " is not set: this test needs the local Cosmos server. Run `source scripts/services.sh && services_start` (or ./test.sh) first."
            : base.Skip;
        set => base.Skip = value;
    }
}
