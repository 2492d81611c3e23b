using System.Collections.Immutable;
using Engagement.Engine.Consent;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Profiles;

/// <summary>
/// How events change profiles, before any journey sees them: registration and updates merge data; orders keep
/// <c>orderCount</c>, <c>totalSpent</c>, <c>lastOrderAt</c> and <c>points</c> (1 point per ¥1, stated by the requirements);
/// complaints keep <c>openComplaints</c>; consent events go to <see cref="ConsentProfileEventHandler"/>, which appends to the
/// consent history (never overwrites it). Pure.
/// </summary>
public static class ProfileEvents
{
    private static readonly string[] Contact = ["email", "phone", "locale", "timezone", "birthday"];
    private static readonly ConsentProfileEventHandler ConsentHandler = new();

    /// <summary>The profile after the event (a new one for a first registration), or null when the event concerns no profile.</summary>
    public static CustomerProfile? Apply(CustomerProfile? profile, CustomerEvent e) => Apply(profile, e, default);

    /// <summary><see cref="Apply(CustomerProfile?, CustomerEvent)"/>, with <paramref name="stamp"/>'s fields set in the same copy of
    /// the profile when the event changes it (so an event costs one copy, not one per field).</summary>
    private static CustomerProfile? Apply(CustomerProfile? profile, CustomerEvent e, Stamp stamp)
    {
        if (ConsentEvents.Handles(e.Type))
        {
            // The consent handler makes its own copy; the stamp, when there is one, costs a second (consent events are few).
            var consented = ConsentHandler.Apply(profile, e);
            return consented is null || ReferenceEquals(consented, profile) || stamp.IsEmpty
                ? consented
                : consented with { LastEventId = stamp.EventId(consented), LastEventAt = stamp.EventAt(consented) };
        }

        var data = e.Data;
        switch (e.Type)
        {
            case "customer.registered" or "customer.updated":
                profile ??= new CustomerProfile { CustomerId = e.CustomerId };
                var attributes = profile.Attributes.Fields.ToBuilder();
                foreach (var (name, value) in data.Fields)
                {
                    if (!Contact.Contains(name) && name is not ("channels" or "pushTokens" or "attributes"))
                    {
                        attributes[name] = value;
                    }
                }

                return profile with
                {
                    Email = data["email"].AsString() ?? profile.Email,
                    Phone = data["phone"].AsString() ?? profile.Phone,
                    Locale = data["locale"].AsString() ?? profile.Locale,
                    TimeZone = data["timezone"].AsString() ?? profile.TimeZone,
                    Birthday = data["birthday"].AsString() ?? profile.Birthday,
                    Channels = data["channels"].Kind == ValueKind.List ? data["channels"].Items.Select(v => v.ToString()).ToImmutableArray() : profile.Channels,
                    PushTokens = data["pushTokens"].Kind == ValueKind.List ? data["pushTokens"].Items.Select(v => v.ToString()).ToImmutableArray() : profile.PushTokens,
                    Attributes = Object(profile.Attributes, attributes).Merge(data["attributes"]),
                    LastEventId = stamp.EventId(profile),
                    LastEventAt = stamp.EventAt(profile),
                };
            case "order.placed" when profile is not null:
                var amount = data["amount"].AsNumber() ?? 0;
                var a = profile.Attributes;
                var fields = a.Fields.ToBuilder();
                fields["orderCount"] = Value.FromNumber((a["orderCount"].AsNumber() ?? 0) + 1);
                fields["totalSpent"] = Value.FromNumber((a["totalSpent"].AsNumber() ?? 0) + amount);
                fields["points"] = Value.FromNumber((a["points"].AsNumber() ?? 0) + Math.Floor(amount));
                fields["lastOrderAt"] = Value.FromString(InstantText.Format(Latest(a["lastOrderAt"].AsString(), e.Time)));
                return profile with { Attributes = Value.FromFields(fields.ToImmutable()), LastEventId = stamp.EventId(profile), LastEventAt = stamp.EventAt(profile) };
            case "complaint.opened" when profile is not null:
                return profile with
                {
                    Attributes = profile.Attributes.With("openComplaints", Value.FromNumber((profile.Attributes["openComplaints"].AsNumber() ?? 0) + 1)),
                    LastEventId = stamp.EventId(profile),
                    LastEventAt = stamp.EventAt(profile),
                };
            case "complaint.resolved" or "complaint.withdrawn" when profile is not null:
                return profile with
                {
                    Attributes = profile.Attributes.With("openComplaints", Value.FromNumber(Math.Max(0, (profile.Attributes["openComplaints"].AsNumber() ?? 0) - 1))),
                    LastEventId = stamp.EventId(profile),
                    LastEventAt = stamp.EventAt(profile),
                };
            case "tier.upgraded" when profile is not null && data["to"].AsString() is { } tier:
                return profile with { Attributes = profile.Attributes.With("tier", Value.FromString(tier)), LastEventId = stamp.EventId(profile), LastEventAt = stamp.EventAt(profile) };
            default:
                return profile;
        }
    }

    /// <summary>
    /// <see cref="Apply(CustomerProfile?, CustomerEvent)"/> at most once per event: a profile whose <see cref="CustomerProfile.LastEventId"/> is the event's id
    /// already holds it (applied, then the work failed and the message came again) and comes back as it is; a profile the event
    /// changes records the event's id. Counters such as <c>orderCount</c> therefore count a redelivered event once.
    /// </summary>
    public static CustomerProfile? ApplyOnce(CustomerProfile? profile, CustomerEvent e) => ApplyOnce(profile, e, advanceLastEventAt: false);

    /// <summary>
    /// <see cref="ApplyOnce(CustomerProfile?, CustomerEvent)"/>, and with <paramref name="advanceLastEventAt"/> also
    /// <see cref="CustomerProfile.LastEventAt"/> moved to the event's time (never back), as <see cref="Routing.EventOrdering.Advance"/>
    /// does: the same profile as applying, recording the id and advancing one after the other, in one copy instead of three.
    /// </summary>
    public static CustomerProfile? ApplyOnce(CustomerProfile? profile, CustomerEvent e, bool advanceLastEventAt)
    {
        if (profile is not null && string.Equals(profile.LastEventId, e.Id, StringComparison.Ordinal))
        {
            return advanceLastEventAt ? Routing.EventOrdering.Advance(profile, e) : profile;
        }

        var next = Apply(profile, e, new Stamp(e.Id, advanceLastEventAt ? e.Time : null));
        return next is not null && ReferenceEquals(next, profile) && advanceLastEventAt ? Routing.EventOrdering.Advance(next, e) : next;
    }

    /// <summary>The attributes after setting fields in <paramref name="fields"/> (a builder over <paramref name="before"/>'s
    /// fields): unchanged when nothing was set, as the field-by-field copies this replaces left them.</summary>
    private static Value Object(Value before, ImmutableSortedDictionary<string, Value>.Builder fields)
    {
        var after = fields.ToImmutable();
        return ReferenceEquals(after, before.Fields) ? before : Value.FromFields(after);
    }

    /// <summary>What <see cref="ApplyOnce(CustomerProfile?, CustomerEvent, bool)"/> records in a profile the event changes: the
    /// event's id, and its time unless the stored time is later; the default records nothing (the profile's own values).</summary>
    private readonly struct Stamp(string? eventId, NodaTime.Instant? eventAt)
    {
        /// <summary>Whether it records nothing (<see cref="Apply(CustomerProfile?, CustomerEvent)"/>).</summary>
        public bool IsEmpty => eventId is null && eventAt is null;

        /// <summary>The <see cref="CustomerProfile.LastEventId"/> of the changed profile.</summary>
        public string? EventId(CustomerProfile before) => eventId ?? before.LastEventId;

        /// <summary>The <see cref="CustomerProfile.LastEventAt"/> of the changed profile (never moved back).</summary>
        public NodaTime.Instant? EventAt(CustomerProfile before) =>
            eventAt is { } at ? Routing.EventOrdering.Later(before.LastEventAt, at) : before.LastEventAt;
    }

    /// <summary>The later of a stored instant text and an event time, so a late order never moves <c>lastOrderAt</c> back.</summary>
    private static NodaTime.Instant Latest(string? stored, NodaTime.Instant time) =>
        stored is not null && InstantText.TryParse(stored, out var previous) && previous > time ? previous : time;
}
