using Engagement.Engine.Delivery;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;
using MimeKit;

namespace Engagement.Local.Tests.Channels;

/// <summary>The SMTP transport against the real maildev server: what arrives, read back from maildev.</summary>
public sealed class SmtpChannelSenderTests
{
    private static SmtpOptions Options => new()
    {
        Host = "127.0.0.1",
        Port = Maildev.SmtpPort ?? 0,
        Tls = SmtpTlsMode.None,
        FromAddress = "news@shop.example",
        FromName = "Example Shop",
        TimeoutSeconds = 10,
    };

    [MaildevFact]
    public async Task SmtpSender_HtmlTemplate_SendsMultipartWithUnsubscribeHeaders()
    {
        await using var sender = new SmtpChannelSender(Options, FixedTimeProvider.At2026);
        var html = "<html><body><h1>Welcome, Ana</h1><p>Your 10% voucher: <a href=\"https://shop.example/v/123\">open it</a></p></body></html>";
        var message = TestMessages.Email(html, headers: TestMessages.UnsubscribeHeaders("https://engage.example/u/abc"));

        var result = await sender.SendAsync(message, CancellationToken.None);

        var messageId = EmailComposer.MessageIdFor(message.LedgerKey, "shop.example");
        Assert.Equal(SendResult.Ok(messageId), result);
        var received = Assert.Single(await Maildev.WaitForAsync(messageId));
        Assert.Equal("Welcome to Example Shop", received.Subject);
        Assert.Equal("ana.lima@mail.example", received.To);
        Assert.Contains("<h1>Welcome, Ana</h1>", received.Html);
        Assert.Contains("Welcome, Ana", received.Text);
        Assert.Contains("open it (https://shop.example/v/123)", received.Text);
        Assert.DoesNotContain("<", received.Text);
        var source = received.Source;
        Assert.Equal("multipart/alternative", source.Body!.ContentType.MimeType);
        Assert.Equal("<https://engage.example/u/abc>", source.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", source.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(message.LedgerKey, source.Headers[EmailComposer.LedgerKeyHeader]);
        Assert.Equal(messageId, source.MessageId);
        Assert.Equal("Example Shop", ((MailboxAddress)source.From[0]).Name);
        Assert.Equal(FixedTimeProvider.At2026.Now, source.Date);
    }

    [MaildevFact]
    public async Task SmtpSender_PlainTextBody_SendsASingleTextPart()
    {
        await using var sender = new SmtpChannelSender(Options, TimeProvider.System);
        var message = TestMessages.Email("Hello Ana,\nthanks for joining. Prices < 10 EUR inside.");

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var received = Assert.Single(await Maildev.WaitForAsync(result.ProviderMessageId!));
        Assert.Equal("text/plain", received.Source.Body!.ContentType.MimeType);
        Assert.Equal("Hello Ana,\nthanks for joining. Prices < 10 EUR inside.", received.Source.TextBody!.TrimEnd());
        Assert.Null(received.Source.HtmlBody);
    }

    [MaildevFact]
    public async Task SmtpSender_ChineseSubjectAndBody_ArriveIntact()
    {
        await using var sender = new SmtpChannelSender(Options, TimeProvider.System);
        var message = TestMessages.Email("<p>欢迎加入，李娜！您的积分：120</p>", subject: "欢迎加入 Example Shop");

        var result = await sender.SendAsync(message, CancellationToken.None);

        var received = Assert.Single(await Maildev.WaitForAsync(result.ProviderMessageId!));
        Assert.Equal("欢迎加入 Example Shop", received.Source.Subject);
        Assert.Contains("欢迎加入，李娜！您的积分：120", received.Source.HtmlBody);
        Assert.Contains("欢迎加入，李娜！您的积分：120", received.Source.TextBody);
    }

    [MaildevFact]
    public async Task SmtpSender_SameLedgerKeySentAgain_CarriesTheSameMessageId()
    {
        var message = TestMessages.Email("<p>Your order shipped</p>");
        await using (var first = new SmtpChannelSender(Options, TimeProvider.System))
        {
            await first.SendAsync(message, CancellationToken.None);
        }

        // A new process after a crash: a new sender, the same outbox row.
        await using var second = new SmtpChannelSender(Options, TimeProvider.System);
        var result = await second.SendAsync(message, CancellationToken.None);

        var copies = await Maildev.WaitForAsync(result.ProviderMessageId!, count: 2);
        Assert.Equal(2, copies.Count);
        Assert.All(copies, c => Assert.Equal(message.LedgerKey, c.Source.Headers[EmailComposer.LedgerKeyHeader]));
    }

    [MaildevFact]
    public async Task SmtpSender_ManyConcurrentSends_ShareOneConnection()
    {
        await using var sender = new SmtpChannelSender(Options, TimeProvider.System);
        var messages = Enumerable.Range(0, 8).Select(i => TestMessages.Email($"<p>Message {i}</p>")).ToList();

        var results = await Task.WhenAll(messages.Select(m => sender.SendAsync(m, CancellationToken.None).AsTask()));

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(1, sender.ConnectionsOpened);
        foreach (var result in results) Assert.Single(await Maildev.WaitForAsync(result.ProviderMessageId!));
    }
}
