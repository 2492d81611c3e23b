using Engagement.Journeys.Definitions;
using Newtonsoft.Json;
using NodaTime;

namespace Engagement.Engine.Delivery;

/// <summary>One message decision in the message ledger, keyed by (enrollment, step, occurrence). Holds no contact details. Immutable.</summary>
public sealed record LedgerEntry
{
    /// <summary><c>enrollmentId/stepId/occurrence</c>.</summary>
    public required string Key { get; init; }
    /// <summary>The recipient; frequency caps count sent entries per customer across journeys.</summary>
    public required string CustomerId { get; init; }
    /// <summary>The journey that asked for the message.</summary>
    public required string Journey { get; init; }
    /// <summary>The send step that asked for the message.</summary>
    public required string Step { get; init; }
    /// <summary>Channel used (after preferred/fallback resolution), if any.</summary>
    public string? Channel { get; init; }
    /// <summary>True for marketing messages (they count against caps).</summary>
    public bool Marketing { get; init; }
    /// <summary>The category <see cref="Marketing"/> stands for (not stored separately).</summary>
    [JsonIgnore]
    public JourneyCategory Category => Marketing ? JourneyCategory.Marketing : JourneyCategory.Transactional;
    /// <summary>Where the decision stands: reserved before the provider call, then sent, suppressed, deferred or failed.</summary>
    public LedgerStatus Status { get; init; } = LedgerStatus.Reserved;
    /// <summary>When the decision was made.</summary>
    public required Instant At { get; init; }
    /// <summary>When it was (or will be) sent.</summary>
    public Instant? SentAt { get; init; }
    /// <summary>Reason for suppressed/failed.</summary>
    public string? Reason { get; init; }
    /// <summary>For a deferred entry: when the send is due.</summary>
    public Instant? DeferredUntil { get; init; }
    /// <summary>For a deferred entry: what is needed to decide and render it when due (no contact details).</summary>
    public PendingSend? Pending { get; init; }
    /// <summary>Provider attempts made.</summary>
    public int Attempts { get; init; }
    /// <summary>The provider's message id once sent.</summary>
    public string? ProviderMessageId { get; init; }
}
