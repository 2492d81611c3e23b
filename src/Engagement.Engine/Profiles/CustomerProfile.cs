using System.Collections.Immutable;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Runtime;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Profiles;

/// <summary>
/// A customer's profile: contact points, locale, zone, birthday, consent history, tags and free attributes. Immutable.
/// Contact details (email, phone, push tokens) are personal data: never log them; <see cref="ToSnapshot"/> leaves them out.
/// </summary>
public sealed record CustomerProfile : IProfileData
{
    /// <summary>The customer id.</summary>
    public required string CustomerId { get; init; }
    /// <summary>Email address (personal data).</summary>
    public string? Email { get; init; }
    /// <summary>Phone in E.164 (personal data).</summary>
    public string? Phone { get; init; }
    /// <summary>Push tokens (personal data).</summary>
    public ImmutableArray<string> PushTokens { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Locale, e.g. <c>zh-CN</c>.</summary>
    public string? Locale { get; init; }
    /// <summary>IANA zone, e.g. <c>Asia/Shanghai</c>.</summary>
    public string? TimeZone { get; init; }
    /// <summary>Birthday as ISO date text (<c>1990-02-29</c>) or <c>--02-29</c>.</summary>
    public string? Birthday { get; init; }
    /// <summary>Preferred channel order for <c>preferred</c> sends, e.g. [sms, email].</summary>
    public ImmutableArray<string> Channels { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Consent history, oldest first; the latest record per (channel, purpose) is in force.</summary>
    public ImmutableList<ConsentRecord> Consents { get; init; } = ImmutableList<ConsentRecord>.Empty;
    /// <summary>Contact points marked invalid (hard bounce, invalid number): <c>email</c>, <c>sms</c>, <c>push</c>.</summary>
    public ImmutableSortedSet<string> InvalidChannels { get; init; } = ImmutableSortedSet<string>.Empty;
    /// <summary>Tags.</summary>
    public ImmutableSortedSet<string> Tags { get; init; } = ImmutableSortedSet<string>.Empty;
    /// <summary>Free attributes (tier, points, lifecycleStage, openComplaints, ...), an object value.</summary>
    public Value Attributes { get; init; } = Value.EmptyObject;
    /// <summary>The latest <c>time</c> of the events applied to this profile (the out-of-order rule: see <c>Routing.EventOrdering</c>).</summary>
    public NodaTime.Instant? LastEventAt { get; init; }
    /// <summary>The id of the last event that changed this profile, so an event redelivered after a failure midway is not applied
    /// twice (see <see cref="ProfileEvents.ApplyOnce(CustomerProfile?, CustomerEvent)"/>).</summary>
    public string? LastEventId { get; init; }

    /// <summary>The consent in force for a channel and purpose, or null when none was ever recorded.</summary>
    public ConsentRecord? ConsentFor(string channel, ConsentPurpose purpose)
    {
        for (var i = Consents.Count - 1; i >= 0; i--)
        {
            var c = Consents[i];
            if (c.Purpose == purpose && string.Equals(c.Channel, channel, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Whether a usable contact point exists for the channel (false for a channel not in <see cref="ChannelRegistry.Shared"/>).</summary>
    public bool HasContact(string channel) => !InvalidChannels.Contains(channel) && Address(channel) is { } address
        && (ChannelRegistry.Shared.Find(channel)!.AddressField == "pushTokens" || !string.IsNullOrWhiteSpace(address));

    /// <summary>The channel's address as its descriptor's <see cref="ChannelDescriptor.AddressField"/> says (the latest push
    /// token; a string attribute for a registered channel), or null when there is none or the channel is not registered.</summary>
    public string? Address(string channel) => ChannelRegistry.Shared.Find(channel)?.AddressField switch
    {
        null => null,
        "email" => Email,
        "phone" => Phone,
        "pushTokens" => PushTokens.IsDefaultOrEmpty ? null : PushTokens[^1],
        var attribute => Attributes[attribute].AsString(),
    };

    /// <summary>The profile as the pure core sees it (no contact details; <c>hasEmail</c>, <c>hasPhone</c>, <c>hasPush</c> instead).
    /// Deferred (<see cref="ProfileSnapshot.Deferred(string, string?, string?, IProfileData)"/>): conditions read single fields (<see cref="SnapshotField"/>) and the whole
    /// data, which copies the attributes, is built only when something reads it whole (a template model, a durable payload).</summary>
    public ProfileSnapshot ToSnapshot() => ProfileSnapshot.Deferred(CustomerId, TimeZone, Locale, (IProfileData)this);

    /// <summary>The fields the snapshot sets over the attributes, in the order they are set.</summary>
    private static readonly string[] SnapshotFieldNames = ["customerId", "locale", "timezone", "birthday", "tags", "channels", "hasEmail", "hasPhone", "hasPush"];

    /// <summary>One top-level field of <see cref="SnapshotData"/>, without building it: the nine fields the snapshot sets, else the attribute.</summary>
    private Value SnapshotField(string name) => name switch
    {
        "customerId" => Value.FromString(CustomerId),
        "locale" => Value.FromString(Locale),
        "timezone" => Value.FromString(TimeZone),
        "birthday" => Value.FromString(Birthday),
        "tags" => Value.FromList(Tags.Select(Value.FromString)),
        "channels" => Value.FromList(Channels.Select(Value.FromString)),
        "hasEmail" => Value.FromBoolean(HasContact("email")),
        "hasPhone" => Value.FromBoolean(HasContact("sms")),
        "hasPush" => Value.FromBoolean(HasContact("push")),
        _ => Attributes.Kind == ValueKind.Object ? Attributes[name] : Value.Missing,
    };

    /// <inheritdoc/>
    Value IProfileData.Build() => SnapshotData();

    /// <inheritdoc/>
    Value IProfileData.Field(string name) => SnapshotField(name);

    /// <summary>The snapshot's data: the attributes with the nine <see cref="SnapshotField"/> fields set over them.</summary>
    private Value SnapshotData()
    {
        var data = (Attributes.Kind == ValueKind.Object ? Attributes : Value.EmptyObject).Fields.ToBuilder();
        foreach (var name in SnapshotFieldNames)
        {
            data[name] = SnapshotField(name);
        }

        return Value.FromFields(data.ToImmutable());
    }
}
