using System.Collections.Immutable;
using Engagement.Journeys.Channels;

namespace Engagement.Local.Configuration;

/// <summary>The transports of the channels (<c>channels</c> in engage.json), and the channels engage.json defines. Immutable.</summary>
public sealed record ChannelsOptions
{
    /// <summary>The built-in channel names, in the order the options list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ChannelRegistry.Builtin.Names;

    /// <summary>Email: outbox, smtp or webhook.</summary>
    public ChannelOptions Email { get; init; } = ChannelOptions.Outbox;
    /// <summary>SMS: outbox or webhook.</summary>
    public ChannelOptions Sms { get; init; } = ChannelOptions.Outbox;
    /// <summary>Push: outbox or webhook.</summary>
    public ChannelOptions Push { get; init; } = ChannelOptions.Outbox;
    /// <summary>The transports of other registered channels, by name (outbox for a registered channel not listed).</summary>
    public ImmutableDictionary<string, ChannelOptions> Others { get; init; } = ImmutableDictionary<string, ChannelOptions>.Empty;
    /// <summary>Channels engage.json defines (<c>channels.&lt;name&gt;.addressField</c>); loading the options registers them in
    /// <see cref="ChannelRegistry.Shared"/>.</summary>
    public ImmutableArray<ChannelDescriptor> Defined { get; init; } = ImmutableArray<ChannelDescriptor>.Empty;

    /// <summary>The options of <paramref name="channel"/>, any channel of <see cref="ChannelRegistry.Shared"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A channel that is not registered.</exception>
    public ChannelOptions For(string channel) => channel switch
    {
        "email" => Email,
        "sms" => Sms,
        "push" => Push,
        _ when Others.TryGetValue(channel, out var other) => other,
        _ when ChannelRegistry.Shared.Contains(channel) => ChannelOptions.Outbox,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "expected " + ChannelRegistry.Shared.Describe()),
    };
}
