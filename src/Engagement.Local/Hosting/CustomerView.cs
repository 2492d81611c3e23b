using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;

namespace Engagement.Local.Hosting;

/// <summary>One customer as the API shows them. Holds contact details (personal data): never log it. Immutable.</summary>
/// <param name="Profile">The profile with its consent history.</param>
/// <param name="Enrollments">Every enrollment, active and exited.</param>
/// <param name="Messages">The message ledger entries (sent, suppressed, deferred, failed), oldest first.</param>
public sealed record CustomerView(CustomerProfile Profile, IReadOnlyList<EnrollmentState> Enrollments, IReadOnlyList<LedgerEntry> Messages);
