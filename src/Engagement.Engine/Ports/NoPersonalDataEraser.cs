using NodaTime;

namespace Engagement.Engine.Ports;

/// <summary>For hosts that keep no personal data beyond profiles and enrollment states (test doubles). Does nothing.</summary>
public sealed class NoPersonalDataEraser : IPersonalDataEraser
{
    /// <summary>The one instance.</summary>
    public static NoPersonalDataEraser Instance { get; } = new();

    private NoPersonalDataEraser()
    {
    }

    /// <inheritdoc />
    public ValueTask EraseAsync(string customerId, Instant now, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
