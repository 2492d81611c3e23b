using Engagement.Local.Channels;
using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Channels;

/// <summary>Transports log the ledger key and the outcome, never a contact point, subject or body.</summary>
public sealed class TransportLoggingTests
{
    [Fact]
    public async Task WebhookSender_SentAndFailed_LogsNoContactDetails()
    {
        var logger = new ListLogger();
        var status = 200;
        await using var receiver = await WebhookReceiver.StartAsync("0123456789abcdef", FixedTimeProvider.At2026.Now, (_, context) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var sender = new WebhookChannelSender("sms", new WebhookOptions { Url = receiver.Url, Secret = "0123456789abcdef" }, http, FixedTimeProvider.At2026, logger);
        var message = TestMessages.Sms();

        await sender.SendAsync(message, CancellationToken.None);
        status = 400;
        await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(2, logger.Lines.Count);
        Assert.All(logger.Lines, line => Assert.Contains(message.LedgerKey, line));
        Assert.Contains(logger.Lines, line => line.StartsWith("Warning: sms via webhook: ", StringComparison.Ordinal) && line.EndsWith("PermanentFailure: webhook answered 400 Bad Request", StringComparison.Ordinal));
        Assert.All(logger.Lines, line => Assert.DoesNotContain("+4915112345678", line));
        Assert.All(logger.Lines, line => Assert.DoesNotContain("your code", line));
    }

    [Fact]
    public async Task SmtpSender_RecipientRefused_LogsNoAddress()
    {
        var logger = new ListLogger();
        await using var server = new ScriptedSmtpServer { RcptReply = "550 5.1.1 <ana.lima@mail.example>: unknown" };
        var options = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Tls = SmtpTlsMode.None, FromAddress = "news@shop.example" };
        await using var sender = new SmtpChannelSender(options, TimeProvider.System, logger);
        var message = TestMessages.Email("<p>Secret offer for Ana</p>");

        await sender.SendAsync(message, CancellationToken.None);

        var line = Assert.Single(logger.Lines);
        Assert.Equal($"Warning: email via smtp: {message.LedgerKey} InvalidContact: smtp 550 5.1.1: recipient refused", line);
    }
}
