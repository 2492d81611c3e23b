namespace Engagement.Local.Configuration;

/// <summary>The transports of the three channels (<c>channels</c> in engage.json). Immutable.</summary>
public sealed record ChannelsOptions
{
    /// <summary>The channel names, in the order the options list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["email", "sms", "push"];

    /// <summary>Email: outbox, smtp or webhook.</summary>
    public ChannelOptions Email { get; init; } = ChannelOptions.Outbox;
    /// <summary>SMS: outbox or webhook.</summary>
    public ChannelOptions Sms { get; init; } = ChannelOptions.Outbox;
    /// <summary>Push: outbox or webhook.</summary>
    public ChannelOptions Push { get; init; } = ChannelOptions.Outbox;

    /// <summary>The options of <paramref name="channel"/> (email, sms or push).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another channel name.</exception>
    public ChannelOptions For(string channel) => channel switch
    {
        "email" => Email,
        "sms" => Sms,
        "push" => Push,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "expected email, sms or push"),
    };
}
