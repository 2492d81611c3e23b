using Engagement.Engine.Ports;
using Engagement.Local.Channels;

namespace Engagement.Local.Hosting;

/// <summary>How the host names a channel's transport in the outbox, and which transports never leave the machine.</summary>
internal static class TransportNames
{
    /// <summary>The name of the default transport: the message stays in the outbox.</summary>
    public const string Outbox = OutboxOnlyChannelSender.ProviderId;

    /// <summary>Whether messages for <paramref name="transport"/> never leave the machine (none configured, or the outbox-only
    /// transport). Such rows are delivered by the commit that writes them.</summary>
    public static bool IsOutboxOnly(IChannelSender? transport) => transport is null or OutboxOnlyChannelSender;

    /// <summary>The name a transport is shown with: <c>outbox</c>, or its type name without <c>ChannelSender</c>
    /// (<c>SmtpChannelSender</c> → <c>smtp</c>).</summary>
    public static string NameOf(IChannelSender? transport) => IsOutboxOnly(transport)
        ? Outbox
        : Strip(transport!.GetType().Name).ToLowerInvariant();

    private static string Strip(string name)
    {
        foreach (var suffix in new[] { "ChannelSender", "Sender", "Transport" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
