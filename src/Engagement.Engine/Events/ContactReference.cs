namespace Engagement.Engine.Events;

/// <summary>
/// The rule for input that names its customer only by a contact detail (docs/events.md, docs/integrations.md): the first of
/// the candidate fields that holds text decides; exactly one customer with that contact is the customer; none, or several, refuse
/// the input with a reason that names the field, never the contact. Host-neutral: the host supplies the lookup.
/// </summary>
public static class ContactReference
{
    /// <summary>
    /// The customer the first non-blank candidate names; null with <paramref name="reason"/> set when it names none or several;
    /// null with no reason when no candidate holds text (the input names no contact: the caller's own rule applies). A lookup
    /// that throws <see cref="ContactIndexUnavailableException"/> (a host without a contact index) refuses the input with that reason.
    /// </summary>
    /// <param name="resolve">The host's lookup.</param>
    /// <param name="candidates">(field as the sender wrote it, e.g. <c>data.email</c>; kind <c>email</c> or <c>phone</c>; value), in order.</param>
    /// <param name="idField">The missing id field (<c>customerId</c>, <c>userId</c>), for the reason.</param>
    /// <param name="reason">Why no customer was chosen.</param>
    public static string? Resolve(CustomerByContact resolve, IEnumerable<(string Field, string Kind, string? Value)> candidates, string idField, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(candidates);
        reason = null;
        foreach (var (field, kind, value) in candidates)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            IReadOnlyList<string> found;
            try
            {
                found = resolve(kind, value);
            }
            catch (ContactIndexUnavailableException ex)
            {
                reason = $"'{idField}' is missing and {ex.Message}, so no customer can be found by {field}: send the customer's id as {idField}";
                return null;
            }

            if (found.Count == 1)
            {
                return found[0];
            }

            reason = found.Count == 0
                ? $"'{idField}' is missing and no customer has this {field}: send the customer's id as {idField}"
                : $"'{idField}' is missing and {found.Count} customers have this {field}: send the customer's id as {idField}";
            return null;
        }

        return null;
    }

    /// <summary>The contact <see cref="Resolve"/> would look up for these candidates (the first that holds text), or null.</summary>
    public static (string Kind, string Value)? First(IEnumerable<(string Field, string Kind, string? Value)> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var (_, kind, value) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return (kind, value);
            }
        }

        return null;
    }
}
