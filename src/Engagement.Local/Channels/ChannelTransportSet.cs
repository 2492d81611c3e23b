using System.Collections.Immutable;
using Engagement.Engine.Ports;

namespace Engagement.Local.Channels;

/// <summary>The configured transports, one per registered channel, and what they hold open (SMTP connections, the HTTP client). Dispose it when the host stops.</summary>
public sealed class ChannelTransportSet : IAsyncDisposable
{
    private readonly IReadOnlyList<IAsyncDisposable> _owned;
    private readonly ImmutableDictionary<string, IChannelSender> _byChannel;

    internal ChannelTransportSet(IReadOnlyList<IChannelSender> senders, IReadOnlyList<IAsyncDisposable> owned)
    {
        All = senders;
        _byChannel = senders.ToImmutableDictionary(s => s.Channel, StringComparer.Ordinal);
        _owned = owned;
    }

    /// <summary>The email transport.</summary>
    public IChannelSender Email => For("email");

    /// <summary>The sms transport.</summary>
    public IChannelSender Sms => For("sms");

    /// <summary>The push transport.</summary>
    public IChannelSender Push => For("push");

    /// <summary>One transport per built-in channel, then one per other configured channel (by name).</summary>
    public IReadOnlyList<IChannelSender> All { get; }

    /// <summary>The transport of <paramref name="channel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel the set has no transport for.</exception>
    public IChannelSender For(string channel) => _byChannel.TryGetValue(channel, out var sender)
        ? sender
        : throw new ArgumentOutOfRangeException(nameof(channel), channel, "expected " + string.Join(", ", _byChannel.Keys.Order(StringComparer.Ordinal)));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync().ConfigureAwait(false);
    }
}
