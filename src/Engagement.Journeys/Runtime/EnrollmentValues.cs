using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>The enrollment as conditions and templates see it (<c>enrollment.*</c>). Pure.</summary>
public static class EnrollmentValues
{
    /// <summary>
    /// <c>key</c> (without the re-entry suffix <c>#n</c>), <c>variant</c>, <c>enteredAt</c>, <c>journey</c>, <c>version</c>,
    /// <c>holdout</c>, <c>customerId</c>, <c>enrollmentId</c>, and <c>now</c> when given.
    /// </summary>
    public static Value Of(EnrollmentState state, Instant? now = null)
    {
        var key = state.Key;
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        var fields = new List<KeyValuePair<string, Value>>(10)
        {
            new("key", Value.FromString(hash < 0 ? key : key[..hash])),
            new("variant", Value.FromString(state.Variant)),
            new("enteredAt", Value.FromString(InstantText.Format(state.EnteredAt))),
            new("journey", Value.FromString(state.JourneyId)),
            new("version", Value.FromNumber(state.JourneyVersion)),
            new("holdout", Value.FromBoolean(state.Holdout)),
            new("customerId", Value.FromString(state.CustomerId)),
            new("enrollmentId", Value.FromString(state.EnrollmentId)),
        };
        if (now is { } n)
        {
            fields.Add(new("now", Value.FromString(InstantText.Format(n))));
        }

        return Value.FromObject(fields);
    }
}
