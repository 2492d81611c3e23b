namespace Engagement.Functions.Channels;

/// <summary>What Notification Hubs answered to a direct send. Immutable.</summary>
/// <param name="NoTargetFound">The hub knows no device for the token.</param>
/// <param name="Id">The notification id (or tracking id) the hub gave, if any.</param>
public sealed record PushOutcome(bool NoTargetFound, string? Id);
