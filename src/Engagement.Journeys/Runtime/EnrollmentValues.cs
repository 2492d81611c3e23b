using Engagement.Journeys.Values;
using NodaTime;

namespace Engagement.Journeys.Runtime;

/// <summary>The enrollment as conditions and templates see it (<c>enrollment.*</c>). Pure.</summary>
public static class EnrollmentValues
{
    /// <summary>The fields of <see cref="Of"/>, in its order (<see cref="NamesWithNow"/> when <c>now</c> is given: it comes last).</summary>
    private static readonly string[] Names = ["key", "variant", "enteredAt", "journey", "version", "holdout", "customerId", "enrollmentId"];

    private static readonly string[] NamesWithNow = [.. Names, "now"];

    /// <summary>
    /// <c>key</c> (without the re-entry suffix <c>#n</c>), <c>variant</c>, <c>enteredAt</c>, <c>journey</c>, <c>version</c>,
    /// <c>holdout</c>, <c>customerId</c>, <c>enrollmentId</c>, and <c>now</c> when given.
    /// </summary>
    public static Value Of(EnrollmentState state, Instant? now = null)
    {
        var fields = new List<KeyValuePair<string, Value>>(10);
        foreach (var name in now is null ? Names : NamesWithNow)
        {
            fields.Add(new(name, Field(name, state.Key, state.Variant, state.EnteredAt, state.JourneyId, state.JourneyVersion, state.Holdout,
                state.CustomerId, state.EnrollmentId, now)));
        }

        return Value.FromObject(fields);
    }

    /// <summary>The field <paramref name="name"/> of <see cref="Of"/> for an enrollment with these values, without building the
    /// object; <see cref="Value.Missing"/> for a name it does not have.</summary>
    internal static Value Field(
        string name, string key, string? variant, Instant enteredAt, string journeyId, int journeyVersion, bool holdout, string customerId,
        string enrollmentId, Instant? now) => name switch
    {
        "key" => Value.FromString(key.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? key[..hash] : key),
        "variant" => Value.FromString(variant),
        "enteredAt" => Value.FromString(InstantText.Format(enteredAt)),
        "journey" => Value.FromString(journeyId),
        "version" => Value.FromNumber(journeyVersion),
        "holdout" => Value.FromBoolean(holdout),
        "customerId" => Value.FromString(customerId),
        "enrollmentId" => Value.FromString(enrollmentId),
        "now" when now is { } n => Value.FromString(InstantText.Format(n)),
        _ => Value.Missing,
    };
}
