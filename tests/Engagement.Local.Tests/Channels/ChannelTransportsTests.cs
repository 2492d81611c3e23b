using Engagement.Engine.Delivery;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Channels;

/// <summary>The factory builds the transport each channel's options name.</summary>
public sealed class ChannelTransportsTests
{
    [Fact]
    public async Task Transports_DefaultOptions_AreOutboxesThatSendNothing()
    {
        await using var transports = ChannelTransports.Create(EngageOptions.Default);

        Assert.All(transports.All, t => Assert.IsType<OutboxOnlyChannelSender>(t));
        Assert.Equal(["email", "sms", "push"], transports.All.Select(t => t.Channel));
        var result = await transports.For("sms").SendAsync(TestMessages.Sms(), CancellationToken.None);
        Assert.Equal(SendResult.Ok("outbox"), result);
    }

    [Fact]
    public async Task Transports_SmtpAndWebhookOptions_BuildThoseSenders()
    {
        var webhook = new ChannelOptions { Transport = ChannelTransportKind.Webhook, Webhook = new WebhookOptions { Url = new Uri("http://127.0.0.1:9/x"), Secret = "0123456789abcdef" } };
        var options = EngageOptions.Default with
        {
            Channels = new ChannelsOptions
            {
                Email = new ChannelOptions { Transport = ChannelTransportKind.Smtp, Smtp = new SmtpOptions { Host = "127.0.0.1", FromAddress = "news@shop.example" } },
                Sms = webhook,
                Push = webhook,
            },
        };

        await using var transports = ChannelTransports.Create(options, FixedTimeProvider.At2026);

        Assert.IsType<SmtpChannelSender>(transports.Email);
        Assert.Equal("sms", Assert.IsType<WebhookChannelSender>(transports.Sms).Channel);
        Assert.Equal("push", Assert.IsType<WebhookChannelSender>(transports.Push).Channel);
        Assert.Throws<ArgumentOutOfRangeException>(() => transports.For("fax"));
    }
}
