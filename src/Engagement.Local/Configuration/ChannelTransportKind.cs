namespace Engagement.Local.Configuration;

/// <summary>How one channel's messages leave the machine (<c>channels.&lt;channel&gt;.transport</c> in engage.json).</summary>
public enum ChannelTransportKind
{
    /// <summary>The default: the message stays in the outbox (listed by <c>engage outbox</c>); nothing leaves the machine.</summary>
    Outbox,
    /// <summary>Email over SMTP (email only).</summary>
    Smtp,
    /// <summary>A signed HTTP POST of the rendered message as JSON to a gateway (any channel).</summary>
    Webhook,
}
