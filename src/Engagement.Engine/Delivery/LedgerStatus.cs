namespace Engagement.Engine.Delivery;

/// <summary>Where a ledger entry stands.</summary>
public enum LedgerStatus
{
    /// <summary>Reserved before the provider call; a crash after this never sends again without a decision.</summary>
    Reserved,
    /// <summary>Handed to the provider.</summary>
    Sent,
    /// <summary>Not sent by a guard.</summary>
    Suppressed,
    /// <summary>Waiting for the end of quiet hours.</summary>
    Deferred,
    /// <summary>Refused permanently.</summary>
    Failed,
    /// <summary>A tombstone: the customer was erased; the ledger keeps this marker and non-personal counts only.</summary>
    Erased,
}
