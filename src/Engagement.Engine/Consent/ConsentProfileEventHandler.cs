using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;

namespace Engagement.Engine.Consent;

/// <summary>
/// Applies consent events to a profile by appending <see cref="ConsentRecord"/>s (history is kept, never overwritten). The
/// shape of the engine's <c>IProfileEventHandler</c> port. Stateless and thread-safe.
/// </summary>
public sealed class ConsentProfileEventHandler
{
    /// <summary>
    /// The profile after the event: with the new consent records appended (a profile with only the customer id is created when
    /// there was none, so no consent is lost); the same instance when the event changes no consent (other event types, an
    /// ordinary inbound SMS, a malformed consent event — see <see cref="ConsentEvents.TryInterpret"/> for the error).
    /// </summary>
    public CustomerProfile? Apply(CustomerProfile? profile, CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!ConsentEvents.Handles(e.Type) || !ConsentEvents.TryInterpret(e, out var records, out _) || records.IsEmpty)
        {
            return profile;
        }

        var current = profile ?? new CustomerProfile { CustomerId = e.CustomerId };
        return current with { Consents = current.Consents.AddRange(records) };
    }
}
