using Engagement.Engine.Delivery;
using Engagement.Engine.Ports;

namespace Engagement.Local.Hosting;

/// <summary>
/// The default transport of a channel: the message stays in the outbox (readable with <c>engage outbox</c> and the API) and is
/// marked delivered in the transaction that wrote it; nothing leaves the machine.
/// </summary>
public sealed class OutboxOnlyTransport(string channel) : IChannelSender
{
    /// <summary>The transport name shown in the outbox.</summary>
    public const string Name = "outbox";

    /// <inheritdoc/>
    public string Channel { get; } = channel;

    /// <inheritdoc/>
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) => ValueTask.FromResult(SendResult.Ok(Name));

    /// <summary>
    /// Whether messages for <paramref name="transport"/> never leave the machine: none configured, this type, or the channels
    /// configuration's <c>OutboxOnlyChannelSender</c> (recognised by name, so this project does not depend on that type).
    /// Such rows are delivered by the commit that writes them.
    /// </summary>
    public static bool IsOutboxOnly(IChannelSender? transport) =>
        transport is null or OutboxOnlyTransport || transport.GetType().Name == "OutboxOnlyChannelSender";

    /// <summary>The name a transport is shown with: <c>outbox</c>, or its type name without <c>ChannelSender</c> or <c>Sender</c> or <c>Transport</c> (<c>SmtpChannelSender</c> → <c>smtp</c>).</summary>
    public static string NameOf(IChannelSender? transport) => IsOutboxOnly(transport)
        ? Name
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
