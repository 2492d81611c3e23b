namespace Engagement.Local.Hosting;

/// <summary>Which outbox messages to list. Immutable.</summary>
/// <param name="AfterSequence">Only messages with a larger sequence number (paging); 0 for the start.</param>
/// <param name="Limit">At most this many (1 to 1000).</param>
/// <param name="CustomerId">Only this customer; null for all.</param>
/// <param name="Channel">Only this channel (email, sms, push); null for all.</param>
public sealed record OutboxQuery(long AfterSequence = 0, int Limit = 100, string? CustomerId = null, string? Channel = null);
