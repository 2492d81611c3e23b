namespace Engagement.Cosmos;

/// <summary>
/// Which members of each container's documents stay readable when the stores have a key (<see cref="CosmosStoreOptions.Protector"/>);
/// every other member of the record is encrypted into <c>sealed</c> (<see cref="DocumentSealer"/>), so a field added to a record
/// later is encrypted unless it is named here. docs/security.md lists what is encrypted; the Cosmos encryption test reads the raw
/// documents back and checks no email, phone or name is left readable. Containers not listed (enrollment index, counters,
/// processed event ids, correlations, rejected index, contacts: keyed hashes and customer ids) hold no personal data. A profile
/// document's <c>contactKeys</c> (its contact index entries, keyed hashes) is added after sealing and stays readable.
/// </summary>
internal static class ProtectedDocuments
{
    /// <summary>Profiles: only the customer id stays readable (email, phone, push tokens, names, attributes, consents are sealed).</summary>
    public static IReadOnlySet<string> Profiles { get; } = new HashSet<string>(StringComparer.Ordinal) { "customerId" };

    /// <summary>Enrollments: the state the queries and reports need; the triggering event's data (<c>event</c>) is sealed.</summary>
    public static IReadOnlySet<string> Enrollments { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "enrollmentId", "journeyId", "journeyVersion", "customerId", "key", "status", "stepId", "enteredAt", "wakeAt",
        "awaitingEvent", "holdout", "variant", "occurrences", "goalReachedAt", "exitedAt", "exitReason",
    };

    /// <summary>Ledger: keys, status and times; a deferred send's event data (<c>pending</c>) and the provider's free text
    /// (<c>reason</c>, which may quote an address) are sealed.</summary>
    public static IReadOnlySet<string> Ledger { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "key", "customerId", "journey", "step", "channel", "marketing", "category", "status", "at", "sentAt", "deferredUntil",
        "attempts", "providerMessageId",
    };

    /// <summary>Tasks: the work-list fields; the rendered title (often a name) is sealed.</summary>
    public static IReadOnlySet<string> Tasks { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "taskKey", "customerId", "journey", "step", "queue", "priority", "createdAt", "due",
    };

    /// <summary>Rejected inputs: source, arrival time, field and event id; the raw text and the reason (may quote a value) are sealed.</summary>
    public static IReadOnlySet<string> Rejected { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "source", "receivedAt", "field", "eventId",
    };
}
