namespace Engagement.Local.Storage;

/// <summary>
/// Totals that prove (or disprove) exactly-once processing, for <c>engage status --json</c> and the crash test. Immutable.
/// </summary>
/// <param name="InputEvents">Distinct input events accepted into the inbox.</param>
/// <param name="InputProcessed">Of those, processed.</param>
/// <param name="EmittedProcessed">Events emitted by journeys and processed.</param>
/// <param name="FailedEvents">Events set aside because handling them threw.</param>
/// <param name="RejectedLines">Distinct rejected inputs: (source, line, text), so a file fed twice counts its bad lines once while every HTTP request (each its own line 1) counts.</param>
/// <param name="OutboxRows">Rows in the outbox.</param>
/// <param name="OutboxDistinctLedgerKeys">Distinct ledger keys among them (equal to the rows, or something sent twice).</param>
/// <param name="OutboxDelivered">Rows delivered by their transport.</param>
/// <param name="LedgerSent">Ledger entries with status sent.</param>
/// <param name="Timers">Timers waiting.</param>
public sealed record StoreFigures(
    long InputEvents, long InputProcessed, long EmittedProcessed, long FailedEvents, long RejectedLines,
    long OutboxRows, long OutboxDistinctLedgerKeys, long OutboxDelivered, long LedgerSent, long Timers);
