using System.Reflection;
using Xunit.Sdk;

namespace Engagement.Cosmos.Tests;

/// <summary>A theory row (like <c>InlineData</c>) that needs the local Cosmos server: that row is skipped, with the reason,
/// when <c>COSMOS_EMULATOR_ENDPOINT</c> is not set, while the other rows still run.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CosmosDataAttribute(params object[] data) : DataAttribute
{
    /// <inheritdoc />
    public override string? Skip
    {
        get => LocalCosmos.Endpoint is null ? LocalCosmos.SkipReason : base.Skip;
        set => base.Skip = value;
    }

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [data];
}
