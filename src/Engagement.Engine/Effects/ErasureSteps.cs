using NodaTime;

namespace Engagement.Engine.Effects;

/// <summary>
/// The storage half of an erasure, shared by <see cref="EngagementEngine"/> and the Azure event router once the enrollments
/// have exited (or been asked to): every stored enrollment of the customer saved scrubbed (<see cref="Erasure.Scrub(Journeys.Runtime.EnrollmentState)"/>),
/// the host's other copies redacted (<see cref="Ports.IPersonalDataEraser"/>), the profile deleted, the tombstone reserved.
/// Each step is idempotent, so a retried erasure repeats them harmlessly.
/// </summary>
internal static class ErasureSteps
{
    /// <summary>Runs the steps in order for <paramref name="customerId"/>: scrubs and saves each stored enrollment that still
    /// holds personal data, redacts the host's other copies, deletes the profile, and reserves the ledger tombstone
    /// <c>erased/&lt;customer id&gt;</c> naming <paramref name="eventId"/> (reserving it again is a no-op).</summary>
    public static async ValueTask ForgetAsync(EnginePorts ports, string customerId, string eventId, Instant now, CancellationToken ct)
    {
        foreach (var state in await ports.Enrollments.ListByCustomerAsync(customerId, ct).ConfigureAwait(false))
        {
            var scrubbed = Erasure.Scrub(state);
            if (!ReferenceEquals(scrubbed, state))
            {
                await ports.Enrollments.SaveAsync(scrubbed, ct).ConfigureAwait(false);
            }
        }

        await ports.Eraser.EraseAsync(customerId, now, ct).ConfigureAwait(false);
        await ports.Profiles.EraseAsync(customerId, ct).ConfigureAwait(false);
        await ports.Ledger.TryReserveAsync(Erasure.Tombstone(customerId, eventId, now), ct).ConfigureAwait(false);
    }
}
