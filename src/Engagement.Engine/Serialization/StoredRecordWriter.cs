using System.Collections.Immutable;
using Engagement.Engine.Delivery;
using Engagement.Engine.Profiles;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Serialization;

/// <summary>
/// Hand-written writers for the records a host stores on every stimulus (<see cref="EnrollmentState"/>, <see cref="LedgerEntry"/>
/// with its <see cref="PendingSend"/>, <see cref="OutboundMessage"/>, <see cref="CustomerProfile"/> with its
/// <see cref="ConsentRecord"/>s, and <see cref="CustomerEvent"/>): property by property into a <see cref="StoredJsonWriter"/>
/// that writes as Newtonsoft's text writer does, so the text is exactly what the contract-based serializer writes with <see cref="EngineJson.Settings"/> (declaration order,
/// camel-case names, nulls left out, enums as camel-case names, instants as ISO-8601 text) without its reflection, boxing and
/// converter look-ups per property.
/// </summary>
/// <remarks>
/// <see cref="PropertyNames"/> lists what each writer writes; a test compares it with the serializer's contract, so a property
/// added to one of these records fails the build's tests until it is written here too, and another test compares the text of
/// both paths for records with every property set, every optional one left out, and unusual text.
/// </remarks>
internal static class StoredRecordWriter
{
    /// <summary>The JSON property names each writer writes, in order, by record type.</summary>
    public static IReadOnlyDictionary<Type, string[]> PropertyNames { get; } = new Dictionary<Type, string[]>
    {
        [typeof(EnrollmentState)] = ["enrollmentId", "journeyId", "journeyVersion", "customerId", "key", "status", "stepId", "enteredAt", "wakeAt", "awaitingEvent", "holdout", "variant", "occurrences", "event", "goalReachedAt", "exitedAt", "exitReason"],
        [typeof(LedgerEntry)] = ["key", "customerId", "journey", "step", "channel", "marketing", "status", "at", "sentAt", "reason", "deferredUntil", "pending", "attempts", "providerMessageId"],
        [typeof(PendingSend)] = ["ledgerKey", "customerId", "journey", "version", "marketing", "priority", "journeyTimeZone", "defaultLocale", "step", "channel", "fallback", "template", "enrollmentId", "enrollmentKey", "enteredAt", "holdout", "variant", "eventJson"],
        [typeof(OutboundMessage)] = ["ledgerKey", "channel", "customerId", "to", "subject", "body", "headers", "journey", "step", "template", "locale"],
        [typeof(CustomerProfile)] = ["customerId", "email", "phone", "pushTokens", "locale", "timeZone", "birthday", "channels", "consents", "invalidChannels", "tags", "attributes", "lastEventAt", "lastEventId"],
        [typeof(ConsentRecord)] = ["channel", "purpose", "granted", "at", "source"],
        [typeof(CustomerEvent)] = ["id", "type", "customerId", "time", "data"],
    };

    /// <summary>The JSON text of <paramref name="value"/> when it is one of the records above; false (and null) otherwise.</summary>
    public static bool TryWrite<T>(T value, out string? json)
    {
        var w = StoredJsonWriter.Rent();
        try
        {
            json = TryWrite(w, value) ? w.ToString() : null;
            return json is not null;
        }
        finally
        {
            w.Return();
        }
    }

    /// <summary>As <see cref="TryWrite{T}(T, out string?)"/>, the text in a pooled buffer instead of a string.</summary>
    public static bool TryWritePooled<T>(T value, out PooledText? json)
    {
        var w = StoredJsonWriter.Rent();
        try
        {
            json = TryWrite(w, value) ? PooledText.Copy(w.Written) : null;
            return json is not null;
        }
        finally
        {
            w.Return();
        }
    }

    private static bool TryWrite<T>(StoredJsonWriter w, T value)
    {
        switch (value)
        {
            case EnrollmentState s:
                Write(w, s);
                return true;
            case LedgerEntry e:
                Write(w, e);
                return true;
            case OutboundMessage m:
                Write(w, m);
                return true;
            case CustomerProfile p:
                Write(w, p);
                return true;
            case CustomerEvent e:
                Write(w, e);
                return true;
            default:
                return false;
        }
    }

    private static void Write(StoredJsonWriter w, EnrollmentState s)
    {
        w.StartObject();
        Text(w, "enrollmentId", s.EnrollmentId);
        Text(w, "journeyId", s.JourneyId);
        Number(w, "journeyVersion", s.JourneyVersion);
        Text(w, "customerId", s.CustomerId);
        Text(w, "key", s.Key);
        Enum(w, "status", s.Status);
        Text(w, "stepId", s.StepId);
        Instant(w, "enteredAt", s.EnteredAt);
        Instant(w, "wakeAt", s.WakeAt);
        Text(w, "awaitingEvent", s.AwaitingEvent);
        Flag(w, "holdout", s.Holdout);
        Text(w, "variant", s.Variant);
        w.Name("occurrences");
        w.StartObject();
        foreach (var (name, count) in s.Occurrences)
        {
            w.Name(name);
            w.Number(count);
        }

        w.EndObject();
        Json(w, "event", s.Event);
        Instant(w, "goalReachedAt", s.GoalReachedAt);
        Instant(w, "exitedAt", s.ExitedAt);
        Text(w, "exitReason", s.ExitReason);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, LedgerEntry e)
    {
        w.StartObject();
        Text(w, "key", e.Key);
        Text(w, "customerId", e.CustomerId);
        Text(w, "journey", e.Journey);
        Text(w, "step", e.Step);
        Text(w, "channel", e.Channel);
        Flag(w, "marketing", e.Marketing);
        Enum(w, "status", e.Status);
        Instant(w, "at", e.At);
        Instant(w, "sentAt", e.SentAt);
        Text(w, "reason", e.Reason);
        Instant(w, "deferredUntil", e.DeferredUntil);
        if (e.Pending is { } pending)
        {
            w.Name("pending");
            Write(w, pending);
        }

        Number(w, "attempts", e.Attempts);
        Text(w, "providerMessageId", e.ProviderMessageId);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, PendingSend p)
    {
        w.StartObject();
        Text(w, "ledgerKey", p.LedgerKey);
        Text(w, "customerId", p.CustomerId);
        Text(w, "journey", p.Journey);
        Number(w, "version", p.Version);
        Flag(w, "marketing", p.Marketing);
        Number(w, "priority", p.Priority);
        Text(w, "journeyTimeZone", p.JourneyTimeZone);
        Text(w, "defaultLocale", p.DefaultLocale);
        Text(w, "step", p.Step);
        Text(w, "channel", p.Channel);
        Texts(w, "fallback", p.Fallback);
        Text(w, "template", p.Template);
        Text(w, "enrollmentId", p.EnrollmentId);
        Text(w, "enrollmentKey", p.EnrollmentKey);
        Instant(w, "enteredAt", p.EnteredAt);
        Flag(w, "holdout", p.Holdout);
        Text(w, "variant", p.Variant);
        Text(w, "eventJson", p.EventJson);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, OutboundMessage m)
    {
        w.StartObject();
        Text(w, "ledgerKey", m.LedgerKey);
        Text(w, "channel", m.Channel);
        Text(w, "customerId", m.CustomerId);
        Text(w, "to", m.To);
        Text(w, "subject", m.Subject);
        Text(w, "body", m.Body);
        if (m.Headers is { } headers)
        {
            w.Name("headers");
            w.StartObject();
            foreach (var (name, value) in headers)
            {
                w.Name(name);
                w.Text(value);
            }

            w.EndObject();
        }

        Text(w, "journey", m.Journey);
        Text(w, "step", m.Step);
        Text(w, "template", m.Template);
        Text(w, "locale", m.Locale);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, CustomerProfile p)
    {
        w.StartObject();
        Text(w, "customerId", p.CustomerId);
        Text(w, "email", p.Email);
        Text(w, "phone", p.Phone);
        Texts(w, "pushTokens", p.PushTokens);
        Text(w, "locale", p.Locale);
        Text(w, "timeZone", p.TimeZone);
        Text(w, "birthday", p.Birthday);
        Texts(w, "channels", p.Channels);
        if (p.Consents is { } consents)
        {
            w.Name("consents");
            w.StartArray();
            foreach (var c in consents)
            {
                Write(w, c);
            }

            w.EndArray();
        }

        Texts(w, "invalidChannels", p.InvalidChannels);
        Texts(w, "tags", p.Tags);
        Json(w, "attributes", p.Attributes);
        Instant(w, "lastEventAt", p.LastEventAt);
        Text(w, "lastEventId", p.LastEventId);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, ConsentRecord? c)
    {
        if (c is null)
        {
            w.Null();
            return;
        }

        w.StartObject();
        Text(w, "channel", c.Channel);
        Enum(w, "purpose", c.Purpose);
        Flag(w, "granted", c.Granted);
        Instant(w, "at", c.At);
        Text(w, "source", c.Source);
        w.EndObject();
    }

    private static void Write(StoredJsonWriter w, CustomerEvent e)
    {
        w.StartObject();
        Text(w, "id", e.Id);
        Text(w, "type", e.Type);
        Text(w, "customerId", e.CustomerId);
        Instant(w, "time", e.Time);
        Json(w, "data", e.Data);
        w.EndObject();
    }

    /// <summary>A text property; left out when null, as the settings leave nulls out.</summary>
    private static void Text(StoredJsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.Name(name);
            w.Text(value);
        }
    }

    /// <summary>An enum property: its member's camel-case name, or the number for a value no member has (as the converter does).</summary>
    private static void Enum<TEnum>(StoredJsonWriter w, string name, TEnum value)
        where TEnum : struct, System.Enum
    {
        w.Name(name);
        if (EnumNames<TEnum>.Of(value) is { } text)
        {
            w.Text(text);
        }
        else
        {
            w.Number(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>An instant property; an absent one is left out, as the settings leave nulls out.</summary>
    private static void Instant(StoredJsonWriter w, string name, NodaTime.Instant? value)
    {
        if (value is { } instant)
        {
            w.Name(name);
            w.Instant(instant);
        }
    }

    private static void Number(StoredJsonWriter w, string name, int value)
    {
        w.Name(name);
        w.Number(value);
    }

    private static void Flag(StoredJsonWriter w, string name, bool value)
    {
        w.Name(name);
        w.Flag(value);
    }

    private static void Json(StoredJsonWriter w, string name, Value? value)
    {
        if (value is not null)
        {
            w.Name(name);
            w.Json(value);
        }
    }

    private static void Texts(StoredJsonWriter w, string name, IEnumerable<string?>? values)
    {
        if (values is null)
        {
            return;
        }

        w.Name(name);
        w.StartArray();
        foreach (var value in values)
        {
            w.Text(value);
        }

        w.EndArray();
    }

    private static void Texts(StoredJsonWriter w, string name, ImmutableArray<string> values)
    {
        if (values.IsDefault)
        {
            // As the contract serializer, which enumerates it: a default array is a bug of the caller, not a value to store.
            throw new InvalidOperationException($"'{name}' is a default ImmutableArray<string>, which cannot be written; use an empty array.");
        }

        w.Name(name);
        w.StartArray();
        foreach (var value in values)
        {
            w.Text(value);
        }

        w.EndArray();
    }
}
