namespace Engagement.Local.Configuration;

/// <summary>One channel's transport (<c>channels.email</c>, <c>channels.sms</c>, <c>channels.push</c>). Immutable.</summary>
public sealed record ChannelOptions
{
    /// <summary>Which transport delivers the channel; default <see cref="ChannelTransportKind.Outbox"/>.</summary>
    public ChannelTransportKind Transport { get; init; } = ChannelTransportKind.Outbox;
    /// <summary>The SMTP settings, when <see cref="Transport"/> is <see cref="ChannelTransportKind.Smtp"/> (email only).</summary>
    public SmtpOptions? Smtp { get; init; }
    /// <summary>The webhook settings, when <see cref="Transport"/> is <see cref="ChannelTransportKind.Webhook"/>.</summary>
    public WebhookOptions? Webhook { get; init; }

    /// <summary>The outbox transport with no options.</summary>
    public static ChannelOptions Outbox { get; } = new();
}
