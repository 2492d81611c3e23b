using Engagement.Engine.Ports;

namespace Engagement.Local.Channels;

/// <summary>The three configured transports, one per channel, and what they hold open (SMTP connections, the HTTP client). Dispose it when the host stops.</summary>
public sealed class ChannelTransportSet : IAsyncDisposable
{
    private readonly IReadOnlyList<IAsyncDisposable> _owned;

    internal ChannelTransportSet(IChannelSender email, IChannelSender sms, IChannelSender push, IReadOnlyList<IAsyncDisposable> owned)
    {
        Email = email;
        Sms = sms;
        Push = push;
        _owned = owned;
    }

    /// <summary>The email transport.</summary>
    public IChannelSender Email { get; }

    /// <summary>The sms transport.</summary>
    public IChannelSender Sms { get; }

    /// <summary>The push transport.</summary>
    public IChannelSender Push { get; }

    /// <summary>All three, for code that takes a list of senders (such as the engine's delivery pipeline).</summary>
    public IReadOnlyList<IChannelSender> All => [Email, Sms, Push];

    /// <summary>The transport of <paramref name="channel"/> (email, sms or push).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another channel name.</exception>
    public IChannelSender For(string channel) => channel switch
    {
        "email" => Email,
        "sms" => Sms,
        "push" => Push,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "expected email, sms or push"),
    };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync().ConfigureAwait(false);
    }
}
