using System.Collections.Immutable;

namespace Engagement.Journeys.Channels;

/// <summary>
/// Everything the product needs to know about one channel, in one place: where its address lives in a profile, how its
/// templates are named, which consent rules apply and which transports may carry it. Immutable.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="AddressField">The profile field holding the address: <c>email</c>, <c>phone</c>, <c>pushTokens</c> (the
/// latest token), or the name of a string attribute (<c>attributes.&lt;name&gt;</c>, e.g. <c>wechatOpenId</c>).</param>
public sealed record ChannelDescriptor(Channel Channel, string AddressField)
{
    /// <summary>The transports of the embedded host any channel may use: the outbox only, or an HTTP webhook.</summary>
    public static ImmutableArray<string> CommonTransports { get; } = ["outbox", "webhook"];

    /// <summary>The channel's name (shorthand for <c>Channel.Name</c>).</summary>
    public string Name => Channel.Name;

    /// <summary>The channel part of template file names, <c>&lt;id&gt;.&lt;suffix&gt;.&lt;locale&gt;.liquid</c> (default: the name).</summary>
    public string TemplateSuffix { get; init; } = Channel.Name;

    /// <summary>Transports of the embedded host that may carry the channel (<c>outbox</c>, <c>webhook</c>, and <c>smtp</c> for email).</summary>
    public ImmutableArray<string> Transports { get; init; } = CommonTransports;

    /// <summary>Consent rule: an inbound reply with a stop word (<c>sms.inbound</c>, "STOP", "退订") revokes marketing on this channel.</summary>
    public bool RevokedByStopReply { get; init; }

    /// <summary>Consent rule: marketing messages carry <c>List-Unsubscribe</c> headers with a one-click link.</summary>
    public bool CarriesUnsubscribeHeaders { get; init; }
}
