using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;
using NodaTime;

namespace Engagement.Functions.Tests.Orchestration;

/// <summary>
/// A ledger that fails once right after a send's reservation is stored, before the provider is called: what a worker that dies
/// at that point leaves behind (a Reserved entry and a failed activity). Everything else passes through.
/// </summary>
public sealed class FaultAfterReservationLedger(IMessageLedger inner) : IMessageLedger
{
    private int _faults;

    /// <summary>How many faults were injected (one at most).</summary>
    public int Faults => _faults;

    public async ValueTask<bool> TryReserveAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var reserved = await inner.TryReserveAsync(entry, cancellationToken);
        if (reserved && entry.Status == LedgerStatus.Reserved && Interlocked.CompareExchange(ref _faults, 1, 0) == 0)
        {
            throw new IOException("injected fault: the worker stopped after the reservation, before the provider call");
        }

        return reserved;
    }

    public ValueTask UpdateAsync(LedgerEntry entry, CancellationToken cancellationToken) => inner.UpdateAsync(entry, cancellationToken);

    public ValueTask<LedgerEntry?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask<IReadOnlyList<LedgerEntry>> ListSentSinceAsync(string customerId, Instant since, CancellationToken cancellationToken) =>
        inner.ListSentSinceAsync(customerId, since, cancellationToken);
}
