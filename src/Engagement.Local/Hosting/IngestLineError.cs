namespace Engagement.Local.Hosting;

/// <summary>Why one event line was refused. Immutable.</summary>
/// <param name="Line">1-based line number in the batch.</param>
/// <param name="Field">The field at fault (<c>customerId</c>, <c>time</c>, ...); null for malformed JSON.</param>
/// <param name="Reason">What is wrong and what was expected.</param>
/// <param name="EventId">The event id when one could be read.</param>
public sealed record IngestLineError(int Line, string? Field, string Reason, string? EventId);
