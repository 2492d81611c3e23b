namespace Engagement.Local.Hosting;

/// <summary>Which tasks to list. Immutable.</summary>
/// <param name="Queue">Only this queue (e.g. <c>care</c>); null for all.</param>
/// <param name="CustomerId">Only this customer; null for all.</param>
/// <param name="Limit">At most this many (1 to 1000).</param>
public sealed record TaskQuery(string? Queue = null, string? CustomerId = null, int Limit = 100);
